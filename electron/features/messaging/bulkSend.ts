// The bulkSend job: a campaign's audience enqueued chunk by chunk (a chunk whose reply was lost is
// asked again), then, by default, its sends followed to the end. The deliveries go out through the
// outbox worker of this PC (started here if it is not running, e.g. in the CLI) or another one.
import type { FunctionReturnType } from 'convex/server';
import { api } from '../../../convex/_generated/api';
import { withRetry } from '../../core/backend/retry';
import { AppError, cancelledError } from '../../core/errors/appError';
import type { JobImpls } from '../../core/jobRunner';
import type { CoreServices } from '../../core/services';
import type { Messaging } from './messaging';

const CHUNK = 200;

/** bulkSend: enqueue the audience chunk by chunk, then (by default) follow the sends to the end. */
export function bulkSendJob(svc: Pick<CoreServices, 'gateway'>, messaging: Messaging): JobImpls['bulkSend'] {
  return async (input, ctx) => {
    const { waitForDelivery, ...campaign } = input;
    const campaignId = await svc.gateway.mutation(api.outbox.startCampaign, campaign);
    let enqueued = 0;
    let cursor: string | null = null;
    try {
      for (;;) {
        if (ctx.signal.aborted) throw cancelledError();
        // A chunk whose reply was lost is asked again: the server answers it as the first time.
        const page: { enqueued: number; isDone: boolean; continueCursor: string } = await withRetry(
          () => svc.gateway.mutation(api.outbox.enqueueCampaign, { campaignId, paginationOpts: { cursor, numItems: CHUNK } }),
          { signal: ctx.signal },
        );
        enqueued += page.enqueued;
        ctx.progress({ enqueued, sent: 0, failed: 0 });
        if (page.isDone) break;
        cursor = page.continueCursor;
      }
    } catch (err) {
      const aborted = ctx.signal.aborted;
      await svc.gateway
        .mutation(api.outbox.finishCampaign, { campaignId, status: aborted ? 'cancelled' : 'failed', error: aborted ? undefined : String(err) })
        .catch(() => undefined);
      throw err;
    }
    if (!messaging.outboxWorker.isRunning) await messaging.start();
    type Progress = NonNullable<FunctionReturnType<typeof api.outbox.getCampaign>>;
    const progress = (c: Progress) => ({ enqueued: c.enqueued, sent: c.sent, failed: c.failed, waiting: c.waiting, capped: c.capped });
    const summary = (c: Progress, status: 'enqueued' | 'delivered') => ({ campaignId, unreachable: c.unreachable, noConsent: c.noConsent, ...progress(c), status });
    const first = await svc.gateway.query(api.outbox.getCampaign, { campaignId });
    if (!first) throw new AppError('campaign_missing', 'The campaign disappeared', 'Kampanya bulunamadı');
    if (!waitForDelivery) return summary(first, 'enqueued');
    // Follow the campaign until no delivery waits or is out with a PC, or the user cancels.
    return await new Promise((resolve, reject) => {
      const stop = svc.gateway.watch(
        api.outbox.getCampaign,
        { campaignId },
        (c) => {
          if (!c) return;
          ctx.progress(progress(c));
          if (c.status !== 'enqueuing' && !c.pending) {
            stop();
            ctx.signal.removeEventListener('abort', onAbort);
            resolve(summary(c, 'delivered'));
          }
        },
        (err) => {
          stop();
          reject(err);
        },
      );
      // Cancelling here stops following; the deliveries already enqueued still go out.
      const onAbort = () => {
        stop();
        reject(cancelledError());
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  };
}
