// Sends what the outbox holds. It watches `outbox.nextDue`, wakes when a delivery falls due (or
// a lease runs out), claims a batch under a lease, renders and sends each message and reports
// the outcome. Several outbox workers (PCs) may run at once: the lease and the attempt number make
// each attempt belong to one of them, and a stopped outbox worker's claims come back when their
// lease expires.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FunctionReturnType } from 'convex/server';
import { api } from '../../../convex/_generated/api';
import { isRetryable } from '../backend/backendErrors';
import type { Gateway } from '../backend/gateway';
import type { EmailSender } from './emailSender';
import { permanent, type SendOutcome } from './sendOutcome';
import type { SmsSender } from './smsSender';
import { isTemplateName, renderMessage, type Locale } from './templates';

export interface Senders {
  email?: EmailSender;
  sms?: SmsSender;
}

export type Claimed = FunctionReturnType<typeof api.outbox.claim>[number];

export interface OutboxWorkerOptions {
  gateway: Gateway;
  /** Current senders; a channel without settings is absent. */
  senders: () => Senders;
  worker?: string;
  batchSize?: number;
  leaseMs?: number;
  /** Longest sleep between checks: covers clock skew between this PC and the backend. */
  maxSleepMs?: number;
  /** Called with each batch right after it is claimed (tests stop the outbox worker here). */
  afterClaim?: (batch: Claimed[]) => void;
  /** A pass, or watching the outbox, failed: the messages wait until the cause is fixed. */
  onError?: (err: unknown) => void;
  /** A scheduled pass went through (the previous error, if any, is over). */
  onPass?: (pass: PassResult) => void;
}

export interface PassResult {
  claimed: number;
  sent: number;
  failed: number;
  retrying: number;
  skipped: number;
  abandoned: number;
}

function render(d: Claimed): { subject: string; text: string; html: string; sms: string } | SendOutcome {
  const payload = (d.payload && typeof d.payload === 'object' ? d.payload : {}) as Record<string, unknown>;
  const template = d.template ?? 'notification';
  if (!isTemplateName(template)) return permanent(`unknown template: ${template}`);
  const locale: Locale = payload.locale === 'en' ? 'en' : 'tr';
  const message = renderMessage(template, locale, payload);
  return d.subject ? { ...message, subject: d.subject } : message;
}

export class OutboxWorker {
  readonly worker: string;
  /** Watching for due deliveries (start) — runOnce also works without it. */
  private watching = false;
  /** Set by stop(): claimed work not yet sent is abandoned to its lease. */
  private halted = false;
  private unwatch?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private running?: Promise<PassResult>;
  private rerun = false;
  private nextAt: number | null = null;
  private emptyPasses = 0;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.watching) return;
    this.watching = true;
    this.halted = false;
    this.unwatch = this.options.gateway.watch(
      api.outbox.nextDue,
      {},
      ({ at }) => {
        if (at !== this.nextAt) this.emptyPasses = 0;
        this.nextAt = at;
        this.schedule();
      },
      (err) => this.options.onError?.(err),
    );
  }

  /** Stops claiming; claimed but unsent deliveries are left to expire and be claimed again. */
  async stop(): Promise<void> {
    this.watching = false;
    this.halted = true;
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  get isRunning(): boolean {
    return this.watching;
  }

  private schedule(): void {
    if (!this.watching) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const maxSleep = this.options.maxSleepMs ?? 60_000;
    // A due time that yields nothing (this PC's clock ahead of the backend's) is re-checked with
    // a growing pause rather than in a tight loop.
    const floor = this.emptyPasses === 0 ? 0 : Math.min(maxSleep, 500 * 2 ** Math.min(this.emptyPasses, 10));
    const wait = this.nextAt === null ? maxSleep : Math.min(maxSleep, Math.max(floor, this.nextAt - Date.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runOnce()
        .then((pass) => {
          this.emptyPasses = pass.claimed === 0 ? this.emptyPasses + 1 : 0;
          this.options.onPass?.(pass);
        })
        .catch((err) => {
          this.emptyPasses++;
          this.options.onError?.(err);
        })
        .finally(() => this.schedule());
    }, wait);
  }

  /** Claims and sends until nothing is due. Concurrent calls share one pass. */
  runOnce(): Promise<PassResult> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.rerun && this.watching) {
        this.rerun = false;
        this.schedule();
      }
    });
    return this.running;
  }

  private async pass(): Promise<PassResult> {
    const result: PassResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, skipped: 0, abandoned: 0 };
    const batchSize = this.options.batchSize ?? 10;
    // Settings this host cannot use (secrets sealed by another host) fail the pass before anything
    // is claimed, so waiting deliveries keep their attempts for when the settings are fixed.
    this.options.senders();
    for (;;) {
      const batch = (await this.options.gateway.mutation(api.outbox.claim, {
        worker: this.worker,
        limit: batchSize,
        leaseMs: this.options.leaseMs ?? 120_000,
      }));
      result.claimed += batch.length;
      this.options.afterClaim?.(batch);
      await Promise.all(batch.map((d) => this.deliver(d, result)));
      if (batch.length < batchSize || this.halted) return result;
    }
  }

  /**
   * A report that does not arrive leaves the delivery to be sent again when its lease expires,
   * so a failed call is tried a few more times while the lease still holds.
   */
  private async report(d: Claimed, result: SendOutcome | { skipped: 'not_configured' }) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.gateway.mutation(api.outbox.report, { id: d.id, attempt: d.attempt, worker: this.worker, result });
      } catch (err) {
        // Only a dropped connection is worth another try; what the server decided stays decided.
        if (attempt >= 4 || !isRetryable(err)) throw err;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  private async deliver(d: Claimed, tally: PassResult): Promise<void> {
    if (this.halted) {
      tally.abandoned++;
      return;
    }
    const senders = this.options.senders();
    let outcome: SendOutcome | { skipped: 'not_configured' };
    const rendered = render(d);
    if ('ok' in rendered) outcome = rendered;
    else if (d.channel === 'email') {
      outcome = senders.email
        ? await senders.email.send({ to: d.destination, subject: rendered.subject, text: rendered.text, html: rendered.html })
        : { skipped: 'not_configured' };
    } else {
      outcome = senders.sms ? await senders.sms.send({ to: d.destination, body: rendered.sms }) : { skipped: 'not_configured' };
    }
    const reply = await this.report(d, outcome);
    if (!reply.applied) return;
    if (reply.state === 'sent') tally.sent++;
    else if (reply.state === 'failed') tally.failed++;
    else if (reply.state === 'queued') tally.retrying++;
    else if (reply.state === 'skipped') tally.skipped++;
  }
}
