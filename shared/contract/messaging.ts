// Channels of the staff inbox and the messaging settings, the bulkSend job and the inbox event.
// Secrets travel only inward (saveMessagingSettings); every output carries configured flags and
// non-secret fields only.
import { z } from 'zod';
import {
  CAMPAIGN_AUDIENCES,
  DELIVERY_CHANNELS,
  DELIVERY_STATES,
  MESSAGE_TEMPLATES,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  SECRET_PROTECTIONS,
  SMTP_SECURITIES,
  STAFF_NOTIFICATION_KINDS,
} from '../domain/vocabularies';
import { channel, jobKind } from './define';
import { appError, collectionName, isoDate, lang, page, pageRequest } from './schemas';

export const notificationKind = z.enum(NOTIFICATION_KINDS);
export const staffNotificationKind = z.enum(STAFF_NOTIFICATION_KINDS);
export const deliveryChannel = z.enum(DELIVERY_CHANNELS);
export const messageTemplate = z.enum(MESSAGE_TEMPLATES);
const id = z.string().min(1).max(64);

export const deliveryView = z.object({
  channel: deliveryChannel,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastError: z.string().optional(),
});

export const notificationView = z.object({
  id: z.string(),
  kind: notificationKind,
  title: z.string(),
  body: z.string(),
  link: z.object({ collection: collectionName, id: z.string() }).optional(),
  status: z.enum(NOTIFICATION_STATUSES),
  createdAt: z.number(),
  sentAt: z.number().optional(),
  readAt: z.number().optional(),
  scheduledFor: z.number().optional(),
  deliveries: z.array(deliveryView),
});

/** One notification the caller sent (assigned) to someone: what the "Sent by me" view follows. */
export const sentNotificationView = z.object({
  id: z.string(),
  kind: notificationKind,
  title: z.string(),
  /** Null when the recipient's account no longer exists. */
  recipientName: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  createdAt: z.number(),
  readAt: z.number().optional(),
  scheduledFor: z.number().optional(),
  deliveries: z.array(deliveryView),
});

const channelPrefs = z.object({ email: z.boolean(), sms: z.boolean() });
export const notificationPreferences = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channelPrefs])) as Record<(typeof NOTIFICATION_KINDS)[number], typeof channelPrefs>,
);

export const smtpSecure = z.enum(SMTP_SECURITIES);

/** What the renderer may know about the messaging set-up: never a password or token. */
export const messagingStatus = z.object({
  email: z.object({
    configured: z.boolean(),
    host: z.string().optional(),
    port: z.number().int().optional(),
    secure: smtpSecure.optional(),
    user: z.string().optional(),
    from: z.string().optional(),
  }),
  sms: z.object({
    configured: z.boolean(),
    accountSid: z.string().optional(),
    from: z.string().optional(),
    messagingServiceSid: z.string().optional(),
  }),
  /** How secrets are kept on this PC (SECRET_PROTECTIONS). */
  secretStorage: z.enum(SECRET_PROTECTIONS),
  /** Why no message goes out right now: secrets saved by another host, an outbox worker failure. */
  problem: appError.optional(),
});

export const smtpInput = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: smtpSecure,
  user: z.string().max(255).optional(),
  /** Omitted: keep the saved password. */
  password: z.string().max(1024).optional(),
  from: z.string().trim().min(3).max(320),
});

export const twilioInput = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
    /** Omitted: keep the saved token. */
    authToken: z.string().max(256).optional(),
    from: z.string().trim().max(40).optional(),
    messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/).optional(),
  })
  .refine((t) => t.from !== undefined || t.messagingServiceSid !== undefined, { message: 'from or messagingServiceSid is required' });

export const campaignAudience = z.enum(CAMPAIGN_AUDIENCES);
export const campaignFilters = z.object({
  city: z.string().trim().max(80).optional(),
  category: z.string().trim().max(80).optional(),
  status: z.string().trim().max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const sendResult = z.object({ ok: z.boolean(), providerId: z.string().optional(), error: z.string().optional() });

export const messagingChannels = {
  listNotifications: channel(
    pageRequest.extend({ unreadOnly: z.boolean().optional(), kind: notificationKind.optional() }),
    page(notificationView),
  ),
  /** What the signed-in person assigned (to colleagues or themselves), newest first. */
  listSentNotifications: channel(pageRequest, page(sentNotificationView)),
  unreadCount: channel(z.object({}), z.object({ count: z.number().int(), capped: z.boolean() })),
  markRead: channel(z.object({ id }), z.object({ changed: z.boolean() })),
  markAllRead: channel(z.object({}), z.object({ updated: z.number().int(), more: z.boolean() })),
  createNotification: channel(
    z.object({
      recipientId: id,
      /** Staff create tasks, meetings and reports; the other kinds are the app's own. */
      kind: staffNotificationKind,
      title: z.string().trim().min(1).max(200),
      body: z.string().max(5000),
      link: z.object({ collection: collectionName, id }).optional(),
      scheduledFor: z.number().int().optional(),
    }),
    z.object({ id: z.string() }),
  ),
  getPreferences: channel(z.object({}), notificationPreferences),
  setPreferences: channel(
    z.object({ prefs: notificationPreferences.partial() }),
    notificationPreferences,
  ),
  getMessagingSettings: channel(z.object({}), messagingStatus),
  /** null clears a channel; an absent key leaves it as it is. */
  saveMessagingSettings: channel(
    z.object({ smtp: smtpInput.nullable().optional(), twilio: twilioInput.nullable().optional() }),
    messagingStatus,
  ),
  verifySmtp: channel(z.object({}), z.object({ ok: z.boolean(), error: z.string().optional() })),
  sendTestMessage: channel(
    z.object({ channel: deliveryChannel, to: z.string().trim().min(3).max(320), locale: lang.optional() }),
    sendResult,
  ),
  /**
   * The PCs that can send e-mail or SMS (their heartbeat), whether each is on now, and whether any
   * PC can send each channel now: while none can, that channel's messages wait.
   */
  sendingPcs: channel(
    z.object({}),
    z.object({
      pcs: z.array(
        z.object({
          name: z.string(),
          userName: z.string(),
          channels: z.array(deliveryChannel),
          lastSeen: z.number(),
          online: z.boolean(),
          /** This PC. */
          thisPc: z.boolean(),
        }),
      ),
      canSend: z.object({ email: z.boolean(), sms: z.boolean() }),
    }),
  ),
  previewCampaign: channel(
    /** `channel`: also count who has no consent for it (they are left out of the send). */
    z.object({ audience: campaignAudience, filters: campaignFilters, channel: deliveryChannel.optional() }),
    z.object({
      count: z.number().int(),
      capped: z.boolean(),
      reachable: z.object({ email: z.number().int(), sms: z.number().int() }),
      sample: z.array(z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() })),
      /** People with an address for the channel but no consent to it, and the addresses that will be sent to. */
      consent: z.object({ channel: deliveryChannel, leftOut: z.number().int(), sendable: z.number().int(), capped: z.boolean() }).nullable(),
    }),
  ),
} as const;

export const bulkSendProgress = z.object({
  enqueued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Still queued or out with a PC. */
  waiting: z.number().int().optional(),
  /** The counts stopped at the server's bound: each is "at least". */
  capped: z.boolean().optional(),
});

export const messagingJobs = {
  bulkSend: jobKind(
    z.object({
      audience: campaignAudience,
      filters: campaignFilters,
      channel: deliveryChannel,
      template: messageTemplate.default('notification'),
      locale: lang.default('tr'),
      title: z.string().trim().min(1).max(200),
      body: z.string().max(5000),
      /** Wait until every delivery is sent or failed (default), or end once all are enqueued. */
      waitForDelivery: z.boolean().default(true),
    }),
    bulkSendProgress,
    bulkSendProgress.extend({
      campaignId: z.string(),
      unreachable: z.number().int(),
      /** Left out: no consent to the channel in the register. */
      noConsent: z.number().int(),
      /** delivered: every delivery settled; enqueued: waitForDelivery was false. */
      status: z.enum(['enqueued', 'delivered']),
    }),
  ),
} as const;

export const messagingEvents = {
  /** The inbox of this staff member changed (new, read, delivered); the badge and list refetch. */
  notificationsChanged: z.object({ recipientId: z.string(), unread: z.number().int().optional() }),
  /** The outbox worker's problem appeared, changed or cleared (null): Settings and the inbox show it. */
  messagingProblem: z.object({ problem: appError.nullable() }),
} as const;
