// The inbox and messaging-settings channels, and the bulkSend job (bulkSend.ts). Outputs go through the
// contract's schemas (dispatch strips anything undeclared); secrets are never put in them.
// The feature owns messaging's background work: the outbox worker (running only while someone
// who may send is signed in), the inbox watch, and a demo deployment's settings folder.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionReturnType } from 'convex/server';
import { api } from '../../../convex/_generated/api';
import { normalizeEmail, normalizeTurkishMobile } from '../../../shared/domain';
import type { Id } from '../../../convex/_generated/dataModel';
import type { messagingChannels, messagingJobs } from '../../../shared/contract/messaging';
import { SENDER_ONLINE_MS, type DeliveryChannel } from '../../../shared/domain/vocabularies';
import { requireRole } from '../../core/session/authErrors';
import { AppError } from '../../core/errors/appError';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import type { SecretBox } from '../../core/storage/secretBox';
import { watchInbox, type InboxWatcher } from './inboxWatcher';
import { bulkSendJob } from './bulkSend';
import { Messaging, type MessagingOptions } from './messaging';

type Deps = Pick<CoreServices, 'gateway' | 'bus' | 'profileId' | 'auth' | 'dataDir' | 'backend' | 'hostCapabilities'>;

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

export interface MessagingFeatureOptions {
  /** How messaging secrets are sealed at rest: safeStorage on the desktop, a labelled plain box elsewhere. */
  box: SecretBox;
  /** How this PC's messages leave (tests point SMTP and Twilio at loopback peers; the worker's timing). */
  messaging?: Pick<MessagingOptions, 'email' | 'sms' | 'outboxWorker'>;
}

export interface MessagingFeature extends Feature<keyof typeof messagingChannels, keyof typeof messagingJobs> {
  readonly messaging: Messaging;
}

export function createMessagingFeature(svc: Deps, options: MessagingFeatureOptions): MessagingFeature {
  // Demo data (a throw-away demo deployment) gets a settings folder of its own, emptied now and
  // removed at close: its outbox worker only sends with settings entered in this session, never
  // with the ones saved for the association's real deployment.
  const demo = svc.backend.kind === 'memory';
  const dataDir = demo ? join(svc.dataDir, 'demo-session-messaging') : svc.dataDir;
  if (demo) rmSync(dataDir, { recursive: true, force: true });
  const messaging = new Messaging({
    ...options.messaging,
    dataDir,
    box: options.box,
    gateway: svc.gateway,
    onProblem: (problem) => svc.bus.emit('messagingProblem', { problem }),
  });
  let inbox: InboxWatcher | undefined;
  let unwatchSession: (() => void) | undefined;
  return {
    messaging,
    start: (session) => {
      // Follows the acting profile's unread count (badge, OS notification, renderer event).
      inbox = watchInbox(svc);
      // The outbox worker claims and reports deliveries as the signed-in person, so it runs only
      // while someone who may send (personel, yonetici) is signed in on this PC (and only for the
      // channels this PC can send); another person signing in gets a fresh worker, heartbeat and status.
      let dispatchingFor: string | null = null;
      unwatchSession = session.onChange((state) => {
        const user = state.status === 'signedIn' ? state.user : null;
        inbox?.refresh();
        const sender = user !== null && user.role !== 'gozlemci' ? user.id : null;
        if (sender !== dispatchingFor) void messaging.setActive(sender !== null);
        dispatchingFor = sender;
      });
    },
    close: async () => {
      unwatchSession?.();
      inbox?.close();
      await messaging.close();
      if (demo) rmSync(dataDir, { recursive: true, force: true });
    },
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
      // How this PC sends is the administrator's: checked here (not only by hiding a button), and
      // the settings file is written only after the server accepted the audit entry.
      saveMessagingSettings: async (input) => {
        requireRole(svc.auth, 'yonetici');
        // Refusals (cleartext SMTP sign-in, a missing token) carry their own code and both languages.
        messaging.check(input);
        const before = messaging.status();
        await svc.gateway.mutation(api.outbox.noteSettingsChange, {
          email: input.smtp === undefined ? before.email.configured : input.smtp !== null,
          sms: input.twilio === undefined ? before.sms.configured : input.twilio !== null,
          changed: [...(input.smtp !== undefined ? ['smtp'] : []), ...(input.twilio !== undefined ? ['twilio'] : [])],
        });
        return await messaging.save(input);
      },
      verifySmtp: async () => {
        requireRole(svc.auth, 'yonetici');
        return await messaging.verifySmtp();
      },
      sendTestMessage: async ({ channel, to, locale }) => {
        requireRole(svc.auth, 'yonetici');
        // A test sent to one's own address or number greets one by name; to anyone else, without one.
        const self = await svc.gateway.query(api.users.me, {}).catch(() => null);
        const own = self !== null && [self.email, self.phone].some((a) => a !== undefined && sameAddress(a, to));
        return await messaging.sendTest(channel, to, locale, own ? self.name : undefined);
      },
      sendingPcs: async () => {
        const rows = await svc.gateway.query(api.outbox.sendingPcs, {});
        const now = Date.now();
        const pcs = rows.map((r) => ({
          name: r.name,
          userName: r.userName,
          channels: r.channels,
          lastSeen: r.lastSeen,
          online: r.lastSeen >= now - SENDER_ONLINE_MS,
          thisPc: r.pc === messaging.outboxWorker.worker,
        }));
        const canSend = (c: DeliveryChannel) => pcs.some((p) => p.online && p.channels.includes(c));
        return { pcs, canSend: { email: canSend('email'), sms: canSend('sms') } };
      },
      previewCampaign: async (input) => await svc.gateway.query(api.outbox.previewCampaign, input),
    },
    jobs: {
      bulkSend: bulkSendJob(svc, messaging),
    },
  };
}
