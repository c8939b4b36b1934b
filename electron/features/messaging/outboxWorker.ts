// Sends what the outbox holds, for the channels this PC can send. While it runs it keeps this PC's
// heartbeat (name, channels) in the backend, watches `outbox.nextDue` for those channels, wakes
// when a delivery falls due (or a lease runs out), claims a batch under a lease, renders and sends
// each message and reports the outcome, retrying the report until it lands (a report is
// idempotent by delivery and attempt, so a lost reply never leads to a second send). Several PCs
// may run at once: the lease and the attempt number make each attempt belong to one of them, and a
// stopped PC's claims come back when their lease expires. Without a channel it does not run.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FunctionReturnType } from 'convex/server';
import { api } from '../../../convex/_generated/api';
import { DELIVERY_CHANNELS, SENDER_HEARTBEAT_MS, type DeliveryChannel } from '../../../shared/domain/vocabularies';
import { isRetryable } from '../../core/backend/backendErrors';
import type { Gateway } from '../../core/backend/gateway';
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
  /** This PC's key in the backend (leases, heartbeat); default: host name, process and a random part. */
  worker?: string;
  /** This PC's name as Settings shows it; default: the host name. */
  pcName?: string;
  batchSize?: number;
  leaseMs?: number;
  /** Longest sleep between checks: covers clock skew between this PC and the backend. */
  maxSleepMs?: number;
  heartbeatMs?: number;
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
  /** Given back to wait for a PC that can send them (this PC's settings went away mid-pass). */
  released: number;
  abandoned: number;
}

/** The channels `senders` can send now. */
export const channelsOf = (senders: Senders): DeliveryChannel[] => DELIVERY_CHANNELS.filter((c) => senders[c] !== undefined);

async function render(d: Claimed): Promise<{ subject: string; text: string; html: string; sms: string } | SendOutcome> {
  const payload = (d.payload && typeof d.payload === 'object' ? d.payload : {}) as Record<string, unknown>;
  const template = d.template ?? 'notification';
  if (!isTemplateName(template)) return permanent(`unknown template: ${template}`);
  const locale: Locale = payload.locale === 'en' ? 'en' : 'tr';
  const message = await renderMessage(template, locale, payload);
  return d.subject ? { ...message, subject: d.subject } : message;
}

export class OutboxWorker {
  readonly worker: string;
  readonly pcName: string;
  /** Watching for due deliveries (start) — runOnce also works without it. */
  private watching = false;
  /** Set by stop(): claimed work not yet sent is abandoned to its lease. */
  private halted = false;
  private unwatch?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private beat?: ReturnType<typeof setInterval>;
  private running?: Promise<PassResult>;
  private rerun = false;
  private nextAt: number | null = null;
  private emptyPasses = 0;
  /** The channels of the last heartbeat that landed, and when. */
  private announced: { channels: string; at: number } | null = null;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pcName = options.pcName ?? hostname();
  }

  /** The channels this PC can send now (settings this host cannot open throw). */
  channels(): DeliveryChannel[] {
    return channelsOf(this.options.senders());
  }

  /** Starts sending; false (and nothing runs) when this PC can send no channel. */
  start(): boolean {
    if (this.watching) return true;
    const channels = this.channels();
    if (channels.length === 0) return false;
    this.watching = true;
    this.halted = false;
    this.emptyPasses = 0;
    this.nextAt = null;
    void this.heartbeat(channels).catch((err) => this.fail(err));
    this.beat = setInterval(() => {
      void Promise.resolve()
        .then(() => this.heartbeat(this.channels()))
        .catch((err) => this.fail(err));
    }, this.options.heartbeatMs ?? SENDER_HEARTBEAT_MS);
    this.beat.unref?.();
    this.unwatch = this.options.gateway.watch(
      api.outbox.nextDue,
      { channels },
      ({ at }) => {
        if (at !== this.nextAt) this.emptyPasses = 0;
        this.nextAt = at;
        this.schedule();
      },
      (err) => this.fail(err),
    );
    return true;
  }

  /**
   * Stops claiming and tells the backend this PC no longer sends; claimed but unsent deliveries
   * are left to expire and be claimed again.
   */
  async stop(): Promise<void> {
    const wasWatching = this.watching;
    this.watching = false;
    this.halted = true;
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.beat) clearInterval(this.beat);
    this.beat = undefined;
    await this.running?.catch(() => undefined);
    // Best effort: a PC that cannot say goodbye drops out when its heartbeat ages.
    if (wasWatching || this.announced) await this.heartbeat([]).catch(() => undefined);
    this.announced = null;
  }

  get isRunning(): boolean {
    return this.watching;
  }

  /** A problem of the running worker; once stopped (signed out, another person) its errors are no one's. */
  private fail(err: unknown): void {
    if (this.watching) this.options.onError?.(err);
  }

  private async heartbeat(channels: DeliveryChannel[]): Promise<void> {
    await this.options.gateway.mutation(api.outbox.heartbeat, { worker: this.worker, name: this.pcName, channels });
    this.announced = channels.length > 0 ? { channels: channels.join(','), at: Date.now() } : null;
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
          this.fail(err);
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
    // A pass asked for after stop() (tests, the CLI) runs whole; stop() halts only the pass in flight.
    this.halted = false;
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
    const result: PassResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, released: 0, abandoned: 0 };
    const batchSize = this.options.batchSize ?? 10;
    const leaseMs = this.options.leaseMs ?? 120_000;
    // Settings this host cannot use (secrets sealed by another host) fail the pass before anything
    // is claimed, so waiting deliveries keep their attempts for when the settings are fixed.
    const channels = this.channels();
    if (channels.length === 0) return result;
    // The backend hands deliveries only to a PC whose recent heartbeat names their channel.
    const key = channels.join(',');
    const beatEvery = this.options.heartbeatMs ?? SENDER_HEARTBEAT_MS;
    if (this.announced?.channels !== key || Date.now() - this.announced.at > beatEvery) await this.heartbeat(channels);
    for (;;) {
      const claimedAt = Date.now();
      const batch = await this.options.gateway.mutation(api.outbox.claim, { worker: this.worker, channels, limit: batchSize, leaseMs });
      result.claimed += batch.length;
      this.options.afterClaim?.(batch);
      await Promise.all(batch.map((d) => this.deliver(d, result, claimedAt + leaseMs)));
      if (batch.length < batchSize || this.halted) return result;
    }
  }

  /**
   * Reports until the report lands or the lease has run out (after which another PC may claim the
   * delivery, so the report no longer decides anything). A repeated report of the same attempt is
   * answered as the first was, so retrying after a lost reply is safe.
   */
  private async report(d: Claimed, result: SendOutcome | { released: true }, leaseEnds: number) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.gateway.mutation(api.outbox.report, { id: d.id, attempt: d.attempt, worker: this.worker, result });
      } catch (err) {
        // Only a dropped connection is worth another try; what the server decided stays decided.
        if (!isRetryable(err) || Date.now() >= leaseEnds) throw err;
        await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  private async deliver(d: Claimed, tally: PassResult, leaseEnds: number): Promise<void> {
    if (this.halted) {
      tally.abandoned++;
      return;
    }
    const senders = this.options.senders();
    let outcome: SendOutcome | { released: true };
    const rendered = await render(d);
    if ('ok' in rendered) outcome = rendered;
    else if (d.channel === 'email') {
      outcome = senders.email
        ? await senders.email.send({ to: d.destination, subject: rendered.subject, text: rendered.text, html: rendered.html })
        : { released: true };
    } else {
      outcome = senders.sms ? await senders.sms.send({ to: d.destination, body: rendered.sms }) : { released: true };
    }
    const reply = await this.report(d, outcome, leaseEnds);
    if (!reply.applied) return;
    if ('released' in outcome) tally.released++;
    else if (reply.state === 'sent') tally.sent++;
    else if (reply.state === 'failed') tally.failed++;
    else if (reply.state === 'queued') tally.retrying++;
  }
}
