// The closed vocabularies stored in Convex and carried over IPC, each defined once as a readonly
// tuple. The zod enums (shared/contract), the Convex validators (convex/lib/literals.ts) and the
// TypeScript types are derived from these tuples, so adding a value here adds it everywhere.
// The import modes and row actions live in importModes.ts, the roles in roles.ts, the row error
// codes in types.ts: the same rule holds for them.

/** The two interface and message languages. */
export const LANGS = ['tr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** One vocabulary's names (Turkish and English per value, as the LABELS tables here and in kvkk.ts hold them) in one language. */
export function labelsIn<K extends string>(labels: Record<K, Record<Lang, string>>, lang: Lang): Record<K, string> {
  return Object.fromEntries(Object.entries<Record<Lang, string>>(labels).map(([k, l]) => [k, l[lang]])) as Record<K, string>;
}

/** The three record collections; each has a spec in collections.ts. */
export const COLLECTIONS = ['beneficiaries', 'donations', 'financeRecords'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Files the importer reads. */
export const IMPORT_FILE_FORMATS = ['csv', 'xlsx'] as const;

/** excel-tr: the CSV Turkish Excel opens on a double click (`;`, decimal comma, dd.MM.yyyy). */
export const EXPORT_FORMATS = ['excel-tr', 'csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The extension of the file each export format writes. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { 'excel-tr': 'csv', csv: 'csv', json: 'json', xlsx: 'xlsx' };

/** How an import or export run ended. */
export const FINISHED_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];
/** An import run's status: running until it finishes. */
export const RUN_STATUSES = ['running', ...FINISHED_STATUSES] as const;

/** An import undo's status. */
export const UNDO_STATUSES = ['running', 'done'] as const;

/** What committing one row did. */
export const ROW_OUTCOMES = ['inserted', 'updated', 'unchanged', 'conflict', 'rejected'] as const;

/** What an import did to a record, so an undo can delete it or restore it. */
export const CHANGE_ACTIONS = ['created', 'updated'] as const;

/**
 * How a record changed, in its history: added by hand, corrected by hand, written by an import run
 * (create, update or fill), put back by that run's undo, deleted, restored.
 */
export const HISTORY_KINDS = ['create', 'edit', 'import', 'undo', 'delete', 'restore'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** How a history entry came about, as the record's page and the CLI say it ({{run}}: the import run). */
export const HISTORY_KIND_LABELS: Record<HistoryKind, Record<Lang, string>> = {
  create: { tr: 'Elle eklendi', en: 'Added by hand' },
  edit: { tr: 'Düzenleme', en: 'Edited' },
  import: { tr: 'İçe aktarma ({{run}})', en: 'Import ({{run}})' },
  undo: { tr: 'İçe aktarmanın geri alınması ({{run}})', en: 'Undo of import ({{run}})' },
  delete: { tr: 'Silindi', en: 'Deleted' },
  restore: { tr: 'Geri alındı', en: 'Restored' },
};

/** A history entry's kind in words, naming its import run where the kind has one. */
export function historyKindText(kind: HistoryKind, lang: Lang, runId?: string): string {
  return HISTORY_KIND_LABELS[kind][lang].replace('{{run}}', runId ?? '');
}

/** A deleted record can be restored this long; then the daily clean-up removes it. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** In-app notification kinds and their read status. */
export const NOTIFICATION_KINDS = ['toplanti', 'gorev', 'rapor', 'sistem', 'ice_aktarma'] as const;
export const NOTIFICATION_STATUSES = ['beklemede', 'gonderildi', 'okundu'] as const;
/** The kinds staff may create; 'sistem' and 'ice_aktarma' are the app's own (no phishing in its name). */
export const STAFF_NOTIFICATION_KINDS = ['toplanti', 'gorev', 'rapor'] as const;

/** Where an outgoing message goes; a notification may also be shown in the app only. */
export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const NOTIFICATION_CHANNELS = ['in_app', ...DELIVERY_CHANNELS] as const;
/** 'skipped': written by older versions (a PC without settings gave up); nothing writes it now. */
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The channels and a delivery's state as the inbox, Settings and a person's access report name them. */
export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, Record<Lang, string>> = {
  email: { tr: 'E-posta', en: 'E-mail' },
  sms: { tr: 'SMS', en: 'SMS' },
};
export const DELIVERY_STATE_LABELS: Record<DeliveryState, Record<Lang, string>> = {
  queued: { tr: 'Kuyrukta', en: 'Queued' },
  sending: { tr: 'Gönderiliyor', en: 'Sending' },
  sent: { tr: 'Gönderildi', en: 'Sent' },
  failed: { tr: 'Başarısız', en: 'Failed' },
  skipped: { tr: 'Atlandı — ayarlanmamış', en: 'Skipped — not configured' },
};

/**
 * A sending PC says it is there this often; one not heard from for SENDER_ONLINE_MS is off.
 * Each heartbeat writes the PC's own row only.
 */
export const SENDER_HEARTBEAT_MS = 60_000;
export const SENDER_ONLINE_MS = 3 * SENDER_HEARTBEAT_MS;

/** The message templates (electron/features/messaging/templates.ts renders each in both languages). */
export const MESSAGE_TEMPLATES = ['welcome', 'password_reset', 'notification', 'meeting_reminder', 'task_assignment', 'report_ready'] as const;

/** Who a bulk send reaches: beneficiaries, or the donors named on donations. */
export const CAMPAIGN_AUDIENCES = ['beneficiaries', 'donors'] as const;

/** Where the app runs: the Electron desktop app, or web mode (`npm run web`). */
export const HOST_KINDS = ['electron', 'web'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/** What a core talks to: a Convex deployment, or a demo one whose data is gone with the process. */
export const BACKEND_KINDS = ['convex', 'memory'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** Where the backend's URL came from; 'none': the desktop app has no deployment yet. */
export const BACKEND_URL_SOURCES = ['env', 'settings', 'local', 'memory', 'none'] as const;
export type BackendUrlSource = (typeof BACKEND_URL_SOURCES)[number];

/** How an SMTP connection is secured: TLS from the start, STARTTLS, or not at all. */
export const SMTP_SECURITIES = ['tls', 'starttls', 'none'] as const;
export type SmtpSecure = (typeof SMTP_SECURITIES)[number];

/**
 * How secrets are kept on this PC: the OS keychain; Linux safeStorage's basic_text backend (a key
 * built into Chromium, so in effect the file's permissions); or the owner-only file alone.
 */
export const SECRET_PROTECTIONS = ['os_keychain', 'linux_basic_text', 'file_only'] as const;
export type SecretProtection = (typeof SECRET_PROTECTIONS)[number];
