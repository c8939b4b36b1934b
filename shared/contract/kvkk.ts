// The KVKK desk's channels (issue #25): data-subject requests, the consent register and a
// person's access export. The server decides who may do what and audits every step.
import { z } from 'zod';
import { isValidTcKimlik } from '../domain/tckimlik';
import { CONSENT_METHODS, CONSENT_PURPOSES, DSR_CHANNELS, DSR_EVENT_KINDS, DSR_FILTERS, DSR_STATUSES, DSR_TYPES } from '../domain/kvkk';
import { channel } from './define';
import { fileId, lang, page, pageRequest } from './schemas';

const id = z.string().min(1).max(64);
export const nationalId = z.string().trim().refine(isValidTcKimlik, 'a valid TC Kimlik No');

export const dataRequestView = z.object({
  _id: z.string(),
  subjectName: z.string(),
  subjectNationalId: z.string().optional(),
  subjectContact: z.string().optional(),
  type: z.enum(DSR_TYPES),
  channel: z.enum(DSR_CHANNELS),
  receivedAt: z.number(),
  dueAt: z.number(),
  identityCheck: z.string(),
  assigneeId: z.string(),
  assigneeName: z.string().nullable(),
  status: z.enum(DSR_STATUSES),
  outcome: z.string().optional(),
  closedAt: z.number().optional(),
});

export const dataRequestEvent = z.object({
  _id: z.string(),
  kind: z.enum(DSR_EVENT_KINDS),
  at: z.number(),
  actorName: z.string().optional(),
  note: z.string().optional(),
  day: z.number().optional(),
});

export const consentView = z.object({
  _id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  noticeVersion: z.string(),
  givenAt: z.number(),
  method: z.enum(CONSENT_METHODS),
  recordedByName: z.string(),
  recordedAt: z.number(),
  withdrawnAt: z.number().optional(),
  withdrawnByName: z.string().optional(),
});

/** One table's part of an erasure's preview: documents found (null: checked during the run), the fields that change, a few ids. */
export const erasureSection = z.object({
  table: z.string(),
  method: z.enum(['delete', 'anonymise']),
  count: z.number().nullable(),
  atLeast: z.boolean(),
  fields: z.array(z.string()),
  sampleIds: z.array(z.string()),
});

export const erasureProgressView = z.object({
  erasureId: z.string(),
  status: z.enum(['running', 'done']),
  reason: z.string(),
  actorName: z.string(),
  batches: z.number(),
  steps: z.array(z.object({ name: z.string(), done: z.boolean() })),
  counts: z.record(z.string(), z.number()),
  startedAt: z.number(),
  lastBatchAt: z.number(),
  finishedAt: z.number().nullable(),
});

/** A person in the consent register: their TC Kimlik No, or an e-mail address / mobile number (the server checks which). */
const consentSubject = { nationalId: z.string().trim().max(11).optional(), contact: z.string().trim().max(200).optional() };

export const kvkkChannels = {
  /** The desk's list; `now` is the server's clock (what counts as overdue is the server's to say). */
  listDataRequests: channel(
    pageRequest.extend({ numItems: z.number().int().min(1).max(100), filter: z.enum(DSR_FILTERS) }),
    page(dataRequestView).extend({ now: z.number() }),
  ),
  getDataRequest: channel(z.object({ id }), dataRequestView.extend({ events: z.array(dataRequestEvent), now: z.number() }).nullable()),
  createDataRequest: channel(
    z.object({
      subjectName: z.string().trim().min(1).max(200),
      subjectNationalId: nationalId.optional(),
      subjectContact: z.string().trim().max(200).optional(),
      type: z.enum(DSR_TYPES),
      channel: z.enum(DSR_CHANNELS),
      receivedAt: z.number(),
      identityCheck: z.string().trim().min(1).max(2000),
      assigneeId: id,
    }),
    z.object({ id: z.string() }),
  ),
  assignDataRequest: channel(z.object({ id, assigneeId: id }), z.object({ ok: z.literal(true) })),
  replyDataRequest: channel(z.object({ id, note: z.string().trim().min(1).max(2000) }), z.object({ ok: z.literal(true) })),
  closeDataRequest: channel(z.object({ id, outcome: z.string().trim().min(1).max(2000) }), z.object({ ok: z.literal(true) })),

  consentsOf: channel(z.object(consentSubject), z.object({ inForce: z.record(z.enum(CONSENT_PURPOSES), z.boolean()), rows: z.array(consentView) })),
  recordConsent: channel(
    z.object({
      ...consentSubject,
      purpose: z.enum(CONSENT_PURPOSES),
      noticeVersion: z.string().trim().min(1).max(50),
      givenAt: z.number(),
      method: z.enum(CONSENT_METHODS),
    }),
    z.object({ id: z.string() }),
  ),
  withdrawConsent: channel(
    z.object({ ...consentSubject, purpose: z.enum(CONSENT_PURPOSES) }),
    z.object({ ok: z.literal(true) }),
  ),

  /**
   * Everything held about one person, written owner-only as JSON and beside it as a readable HTML
   * page in `lang`; audited on the server. Desktop: `target` is the id pickSavePath returned (the
   * JSON's path). Web mode: no target; both files are offered as downloads.
   */
  exportPerson: channel(
    z.object({ nationalId, target: fileId.optional(), requestId: id.optional(), via: z.enum(['app', 'cli']).default('app'), lang: lang.default('tr') }),
    z.object({
      file: z.string(),
      htmlFile: z.string(),
      counts: z.record(z.string(), z.number()),
      truncated: z.array(z.string()),
      /** Web mode: download ids of the JSON and the HTML file. */
      downloadId: z.string().optional(),
      htmlDownloadId: z.string().optional(),
      /** Desktop: the id with which revealFile shows the files. */
      fileId: fileId.optional(),
    }),
  ),

  /** Erasure (administrators): what an erasure request's erasure would change, table by table. */
  erasurePreview: channel(
    z.object({ requestId: id }),
    z.object({ requestId: z.string(), subjectName: z.string(), sections: z.array(erasureSection), kept: z.object({ donations: z.array(z.string()) }), reads: z.number(), erasureId: z.string().nullable() }),
  ),
  /** Runs it, irreversibly, once; `confirm` repeats the person's TC Kimlik No. Started again, it continues a stopped run. */
  startErasure: channel(
    z.object({ requestId: id, reason: z.string().trim().min(5).max(500), confirm: z.string().trim().max(11) }),
    z.object({ erasureId: z.string(), resumed: z.boolean() }),
  ),
  erasureProgress: channel(z.object({ requestId: id }), erasureProgressView.nullable()),
} as const;
