// The access export as a person reads it (KVKK Art. 11; issue #25): one self-contained HTML page
// in the UI's language, written beside the JSON. No scripts, no outside resources, every value
// escaped: the page holds text the person or staff typed (a name may be `<script>`), and it is
// opened in whatever browser the reader has.
import type { FunctionReturnType } from 'convex/server';
import type { api } from '../../../convex/_generated/api';
import { fieldLabel, getSpec } from '../../../shared/domain/collections';
import { CONSENT_METHOD_LABELS, CONSENT_PURPOSE_LABELS, DSR_STATUS_LABELS, DSR_TYPE_LABELS } from '../../../shared/domain/kvkk';
import { DELIVERY_CHANNEL_LABELS, DELIVERY_STATE_LABELS, historyKindText, labelsIn } from '../../../shared/domain/vocabularies';
import { displayDate, displayDateTime, displayFieldValue, displayInteger } from '../../../shared/domain/display';
import type { CollectionName, Lang } from '../../../shared/domain/types';

export type PersonExport = FunctionReturnType<typeof api.personData.exportPerson>;

const TEXT = {
  tr: {
    title: 'Kişisel veri erişim raporu',
    intro: 'KVKK md. 11 kapsamında, derneğin bu TC Kimlik No ile tuttuğu kişisel verilerin dökümü. Aynı veriler makinece okunabilir biçimde yanındaki JSON dosyasındadır.',
    nationalId: 'TC Kimlik No',
    generatedAt: 'Hazırlandığı an',
    generatedBy: 'Hazırlayan',
    summary: 'Özet',
    truncated: 'Bu bölümler sınırda kesildi, tamamı için yeniden isteyin',
    none: 'Kayıt yok',
    sections: {
      beneficiaries: 'Yardım alan kayıtları',
      donations: 'Bağışlar',
      consents: 'Açık rızalar',
      messages: 'Gönderilen iletiler',
      history: 'Kayıt geçmişi',
      views: 'Kaydı görüntüleyenler',
      requests: 'Başvurular',
    },
    field: 'Alan',
    value: 'Değer',
    count: 'Sayı',
    purpose: 'Amaç',
    purposes: labelsIn(CONSENT_PURPOSE_LABELS, 'tr'),
    noticeVersion: 'Aydınlatma metni sürümü',
    givenAt: 'Verildiği gün',
    method: 'Alınış şekli',
    methods: labelsIn(CONSENT_METHOD_LABELS, 'tr'),
    recordedBy: 'Kaydeden',
    withdrawnAt: 'Geri alındığı gün',
    channel: 'Kanal',
    destination: 'Alıcı',
    subject: 'Konu',
    state: 'Durum',
    at: 'Zaman',
    kind: 'İşlem',
    actor: 'Yapan',
    changedFields: 'Değişen alanlar',
    day: 'Gün',
    viewer: 'Görüntüleyen',
    type: 'Talep',
    types: labelsIn(DSR_TYPE_LABELS, 'tr'),
    receivedAt: 'Alındığı gün',
    dueAt: 'Son yanıt günü',
    statuses: labelsIn(DSR_STATUS_LABELS, 'tr'),
    outcome: 'Sonuç',
  },
  en: {
    title: 'Personal data access report',
    intro: "Under KVKK Art. 11, the personal data the association holds under this TC Kimlik No. The same data, machine-readable, is in the JSON file beside this one.",
    nationalId: 'TC Kimlik No',
    generatedAt: 'Prepared at',
    generatedBy: 'Prepared by',
    summary: 'Summary',
    truncated: 'These sections stopped at their limit; ask again for the rest',
    none: 'None',
    sections: {
      beneficiaries: 'Beneficiary records',
      donations: 'Donations',
      consents: 'Consents',
      messages: 'Messages sent',
      history: 'Record history',
      views: 'Who viewed the record',
      requests: 'Requests',
    },
    field: 'Field',
    value: 'Value',
    count: 'Count',
    purpose: 'Purpose',
    purposes: labelsIn(CONSENT_PURPOSE_LABELS, 'en'),
    noticeVersion: 'Notice version',
    givenAt: 'Given on',
    method: 'Obtained',
    methods: labelsIn(CONSENT_METHOD_LABELS, 'en'),
    recordedBy: 'Recorded by',
    withdrawnAt: 'Withdrawn on',
    channel: 'Channel',
    destination: 'Recipient',
    subject: 'Subject',
    state: 'Status',
    at: 'When',
    kind: 'Action',
    actor: 'By',
    changedFields: 'Fields changed',
    day: 'Day',
    viewer: 'Viewer',
    type: 'Request',
    types: labelsIn(DSR_TYPE_LABELS, 'en'),
    receivedAt: 'Received on',
    dueAt: 'Reply due',
    statuses: labelsIn(DSR_STATUS_LABELS, 'en'),
    outcome: 'Outcome',
  },
} as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
const dateOf = (ms: number | undefined) => (ms === undefined ? '' : displayDateTime(ms).slice(0, 10));
const timeOf = (ms: number | undefined) => (ms === undefined ? '' : displayDateTime(ms));

function table(headers: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(none)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A stored record's fields that hold a value, as label and display text. */
function recordFields(collection: CollectionName, record: Record<string, unknown>, lang: Lang): string[][] {
  return getSpec(collection)
    .fields.map((f) => [fieldLabel(collection, f.key, lang), displayFieldValue(collection, f, record[f.key], lang, record)])
    .filter(([, value]) => value !== '');
}

/** The columns of a donation list: the donation fields any of them holds. */
function donationTable(donations: Record<string, unknown>[], lang: Lang, none: string): string {
  const fields = getSpec('donations').fields.filter((f) => donations.some((d) => d[f.key] !== undefined && d[f.key] !== ''));
  return table(
    fields.map((f) => fieldLabel('donations', f.key, lang)),
    donations.map((d) => fields.map((f) => displayFieldValue('donations', f, d[f.key], lang, d))),
    none,
  );
}

export function personReportHtml(data: PersonExport, lang: Lang): string {
  const t = TEXT[lang];
  const num = (n: number) => displayInteger(n, lang);
  const section = (key: keyof typeof t.sections, count: number, body: string) =>
    `<section><h2>${escapeHtml(t.sections[key])} (${num(count)})</h2>${body}</section>`;

  const beneficiaries = data.beneficiaries
    .map((b) => table([t.field, t.value], recordFields('beneficiaries', b as unknown as Record<string, unknown>, lang), t.none))
    .join('');
  const consents = table(
    [t.purpose, t.noticeVersion, t.givenAt, t.method, t.recordedBy, t.withdrawnAt],
    data.consents.map((c) => [t.purposes[c.purpose], c.noticeVersion, dateOf(c.givenAt), t.methods[c.method], c.recordedByName, dateOf(c.withdrawnAt)]),
    t.none,
  );
  const messages = table(
    [t.at, t.channel, t.destination, t.subject, t.state],
    data.messages.map((m) => [timeOf(m.createdAt), DELIVERY_CHANNEL_LABELS[m.channel][lang], m.destination, m.subject ?? '', DELIVERY_STATE_LABELS[m.state][lang]]),
    t.none,
  );
  const history = table(
    [t.at, t.kind, t.actor, t.changedFields],
    data.history.map((h) => [timeOf(h.at), historyKindText(h.kind, lang, h.runId), h.actorName ?? '', h.changes.map((c) => fieldLabel(h.collection, c.field, lang)).join(', ')]),
    t.none,
  );
  const views = table(
    [t.day, t.viewer],
    data.views.map((v) => [displayDate(v.day), v.viewer]),
    t.none,
  );
  const requests = table(
    [t.type, t.receivedAt, t.dueAt, t.state, t.outcome],
    data.requests.map((r) => [t.types[r.type], dateOf(r.receivedAt), dateOf(r.dueAt), t.statuses[r.status], r.outcome ?? '']),
    t.none,
  );
  const counts = table(
    [t.summary, t.count],
    (Object.keys(t.sections) as (keyof typeof t.sections)[]).map((k) => [t.sections[k], num(data.counts[k] ?? 0)]),
    t.none,
  );
  const truncated = data.truncated.length
    ? `<p class="warn">${escapeHtml(t.truncated)}: ${escapeHtml(data.truncated.map((s) => (s in t.sections ? t.sections[s as keyof typeof t.sections] : s)).join(', '))}</p>`
    : '';

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eee}.warn{color:#8a1c00}</style>
</head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<dl><dt>${escapeHtml(t.nationalId)}</dt><dd>${escapeHtml(data.nationalId)}</dd><dt>${escapeHtml(t.generatedAt)}</dt><dd>${escapeHtml(timeOf(data.generatedAt))}</dd><dt>${escapeHtml(t.generatedBy)}</dt><dd>${escapeHtml(data.generatedBy)}</dd></dl>
${truncated}${counts}
${section('beneficiaries', data.beneficiaries.length, beneficiaries || `<p>${escapeHtml(t.none)}</p>`)}
${section('donations', data.donations.length, donationTable(data.donations as unknown as Record<string, unknown>[], lang, t.none))}
${section('consents', data.consents.length, consents)}
${section('messages', data.messages.length, messages)}
${section('history', data.history.length, history)}
${section('views', data.views.length, views)}
${section('requests', data.requests.length, requests)}
</body>
</html>
`;
}
