// The inbox and messaging-settings channels, and the bulkSend job. Outputs go through the
// contract's schemas (dispatch strips anything undeclared); secrets are never put in them.
import type { FunctionReturnType } from 'convex/server';
import { api } from '../../../convex/_generated/api';
import { normalizeEmail, normalizeTurkishMobile } from '../../../shared/domain';
import type { Id } from '../../../convex/_generated/dataModel';
import type { messagingChannels, messagingJobs } from '../../../shared/contract/messaging';
import { AppError, cancelledError } from '../core/appError';
import type { Feature } from '../core/feature';
import type { CoreServices } from '../core/services';
import type { Messaging } from './messaging';

type Deps = Pick<CoreServices, 'gateway' | 'bus' | 'profileId'>;

/** The signed-in person: one's own inbox and preferences are the only ones one reads. */
function me(svc: Deps): string {
  const id = svc.profileId();
  if (!id) throw new AppError('unauthenticated', 'Sign in first', 'Önce giriş yapın');
  return id;
}

/** Tells the renderer an inbox changed; the event is declared in messagingEvents. */
function changed(svc: Deps, recipientId: string): void {
  svc.bus.emit('notificationsChanged', { recipientId });
}

const CHUNK = 200;

type NotificationRow = FunctionReturnType<typeof api.notifications.list>['page'][number];

/** What both the inbox and "Sent by me" show of a notification: what it is and how far it got. */
function notificationState(n: NotificationRow) {
  return {
    id: n._id,
    kind: n.kind,
    title: n.title,
    status: n.status,
    createdAt: n.createdAt,
    readAt: n.readAt,
    scheduledFor: n.scheduledFor,
    deliveries: n.deliveries,
  };
}

/** The same address in any spelling: e-mails as stored, phones in any common Turkish form. */
function sameAddress(a: string, b: string): boolean {
  if (a.includes('@') || b.includes('@')) return normalizeEmail(a) === normalizeEmail(b);
  const phone = normalizeTurkishMobile(a);
  return phone !== null && phone === normalizeTurkishMobile(b);
}

export function createMessagingFeature(svc: Deps, messaging: Messaging): Feature<keyof typeof messagingChannels, keyof typeof messagingJobs> {
  return {
    handlers: {
      listNotifications: async ({ cursor, numItems, unreadOnly, kind }) => {
        const result = await svc.gateway.query(api.notifications.list, {
          unreadOnly,
          kind,
          paginationOpts: { cursor, numItems },
        });
        return {
          page: result.page.map((n) => ({ ...notificationState(n), body: n.body, link: n.link, sentAt: n.sentAt })),
          isDone: result.isDone,
          continueCursor: result.continueCursor,
        };
      },
      listSentNotifications: async ({ cursor, numItems }) => {
        const result = await svc.gateway.query(api.notifications.sent, { paginationOpts: { cursor, numItems } });
        return {
          page: result.page.map((n) => ({ ...notificationState(n), recipientName: n.recipientName })),
          isDone: result.isDone,
          continueCursor: result.continueCursor,
        };
      },
      unreadCount: async () => await svc.gateway.query(api.notifications.unreadCount, {}),
      markRead: async ({ id }) => {
        const result = await svc.gateway.mutation(api.notifications.markRead, { id: id as Id<'workflowNotifications'> });
        if (result.changed) changed(svc, me(svc));
        return result;
      },
      markAllRead: async () => {
        const result = await svc.gateway.mutation(api.notifications.markAllRead, {});
        if (result.updated > 0) changed(svc, me(svc));
        return result;
      },
      createNotification: async ({ recipientId, link, ...rest }) => {
        const id = await svc.gateway.mutation(api.notifications.create, { ...rest, link, recipientId: recipientId as Id<'users'> });
        changed(svc, recipientId);
        return { id };
      },
      getPreferences: async () => await svc.gateway.query(api.preferences.get, {}),
      setPreferences: async ({ prefs }) => await svc.gateway.mutation(api.preferences.set, { prefs }),
      getMessagingSettings: async () => messaging.status(),
      saveMessagingSettings: async (input) => {
        // Refusals (cleartext SMTP sign-in, a missing token) carry their own code and both languages.
        const status = messaging.save(input);
        await svc.gateway.mutation(api.outbox.noteSettingsChange, {
          email: status.email.configured,
          sms: status.sms.configured,
          changed: [...(input.smtp !== undefined ? ['smtp'] : []), ...(input.twilio !== undefined ? ['twilio'] : [])],
        });
        return status;
      },
      verifySmtp: async () => await messaging.verifySmtp(),
      sendTestMessage: async ({ channel, to, locale }) => {
        // A test sent to one's own address or number greets one by name; to anyone else, without one.
        const self = await svc.gateway.query(api.users.me, {}).catch(() => null);
        const own = self !== null && [self.email, self.phone].some((a) => a !== undefined && sameAddress(a, to));
        return await messaging.sendTest(channel, to, locale, own ? self.name : undefined);
      },
      previewCampaign: async (input) => await svc.gateway.query(api.outbox.previewCampaign, input),
    },
    jobs: {
      /** bulkSend: enqueue the audience chunk by chunk, then (by default) follow the sends to the end. */
      bulkSend: async (input, ctx) => {
        const { waitForDelivery, ...campaign } = input;
        const campaignId = await svc.gateway.mutation(api.outbox.startCampaign, campaign);
        let enqueued = 0;
        let cursor: string | null = null;
        try {
          for (;;) {
            if (ctx.signal.aborted) throw cancelledError();
            const page: { enqueued: number; isDone: boolean; continueCursor: string } = await svc.gateway.mutation(api.outbox.enqueueCampaign, {
              campaignId,
              paginationOpts: { cursor, numItems: CHUNK },
            });
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
        if (!messaging.outboxWorker.isRunning) messaging.start();
        const summary = (c: { enqueued: number; unreachable: number; sent: number; failed: number; skipped: number }, status: 'enqueued' | 'delivered') => ({
          campaignId,
          enqueued: c.enqueued,
          unreachable: c.unreachable,
          sent: c.sent,
          failed: c.failed,
          skipped: c.skipped,
          status,
        });
        const first = await svc.gateway.query(api.outbox.getCampaign, { campaignId });
        if (!first) throw new AppError('campaign_missing', 'The campaign disappeared', 'Kampanya bulunamadı');
        if (!waitForDelivery) return summary(first, 'enqueued');
        // Follow the campaign's counters until every delivery has settled, or the user cancels.
        return await new Promise((resolve, reject) => {
          const stop = svc.gateway.watch(
            api.outbox.getCampaign,
            { campaignId },
            (c) => {
              if (!c) return;
              ctx.progress({ enqueued: c.enqueued, sent: c.sent, failed: c.failed });
              if (c.sent + c.failed + c.skipped >= c.enqueued) {
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
      },
    },
  };
}
