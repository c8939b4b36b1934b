// Erasure of a person (issue #25 item 4) with convex-test enforcing a real deployment's
// per-transaction limits, among ERASURE_SIZES.beneficiaries stored beneficiaries and
// ERASURE_SIZES.deliveries messages. Two people with the same footprint: one erased in one go,
// the other interrupted after its first batch (the scheduled chain lost) and resumed; both must
// end the same, with every field the preview listed gone and each donation's receipt number,
// amount and date kept. Role checks use a small deployment of their own.
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { api } from './_generated/api';
import type { Id } from './_generated/dataModel';
import { ANONYMOUS_DONOR, BATCH_READS, BATCH_WRITES, ERASED } from './erasures';
import { newRecordDoc } from './lib/recordDocs';
import { derivedFields } from './lib/searchText';
import { asUser, newTest, type TestConvex } from './convexTest.test-util';

/**
 * The acceptance's sizes (40,000 beneficiaries, 100,000 deliveries) take minutes in convex-test,
 * which scans a whole table for every index lookup: `npm run bench:erasure` runs this file at
 * them (ERASURE_SIZE=full), or at N beneficiaries and 2.5 N deliveries (ERASURE_SIZE=N). The
 * suite stores 1,000 and 2,000: convex-test counts only the documents a query returns, so more
 * background proves no more here. The people's own footprint, the batches and the limits are
 * the same either way.
 */
const sized = (n: number) => ({ beneficiaries: n, deliveries: Math.round(n * 2.5), searches: 2_000 });
const ERASURE_SIZES =
  process.env.ERASURE_SIZE === 'full'
    ? sized(40_000)
    : /^\d+$/.test(process.env.ERASURE_SIZE ?? '')
      ? sized(Number(process.env.ERASURE_SIZE))
      : { beneficiaries: 1_000, deliveries: 2_000, searches: 600 };
/** Seeding and each run take time in proportion to the stored documents (convex-test scans). */
const SLOW_MS = Math.max(300_000, ERASURE_SIZES.deliveries * 20);
const CHUNK = 5_000; // inserts per seeding transaction, well under 16,000 documents written
const T0 = Date.parse('2026-01-05T09:00:00+03:00');

interface Person {
  tc: string;
  name: string;
  phone: string;
  email: string;
  /** The address the request names: only a donation without a TC carries it. */
  contact: string;
  receiptPrefix: string;
}

/** A person's seeded footprint: what must be gone, what must stay, and what the preview should count. */
interface Seeded {
  person: Person;
  /** Documents the erasure deletes. */
  deleted: string[];
  donations: Id<'donations'>[];
  donationKept: Record<string, { receiptNo: string; amount: number; date: string; currency: string }>;
  /** Donation history entries naming the donor. */
  donationHistory: Id<'recordHistory'>[];
  /** Messages sent to the person's addresses. */
  deliveries: Id<'deliveries'>[];
  /** Messages to a colleague carrying a notification about the person. */
  notificationDeliveries: Id<'deliveries'>[];
  notifications: Id<'workflowNotifications'>[];
  audit: Id<'auditLogs'>[];
  /** A donation deleted by an administrator, awaiting purge: anonymised, its receipt kept. */
  toDelete: Id<'donations'>;
  /** Import batches whose stored results name the person, and the run whose file name does. */
  importBatch: Id<'importBatches'>;
  importRun: Id<'importRuns'>;
  /** Others' documents (and the person's own that name nobody) as they were: must not change. */
  untouched: [string, unknown][];
  /** Per table: the documents the erasure changes that the preview counts. */
  expected: Record<string, number>;
  /** Per table: the documents the run finds reading a table in time order (texts that name the person). */
  scanned: Record<string, number>;
}

type Staff = Awaited<ReturnType<typeof asUser>>;

/** Everyone else: beneficiaries, messages to their numbers and searches that name nobody erased. */
async function seedBackground(t: TestConvex, sizes: typeof ERASURE_SIZES) {
  for (let start = 0; start < sizes.beneficiaries; start += CHUNK) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(start + CHUNK, sizes.beneficiaries); i++) {
        const values = { fullName: 'Mehmet Demir', nationalId: String(20_000_000_000 + i), phone: `+90542${String(1_000_000 + i)}`, city: 'İstanbul', status: 'aktif' };
        await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', values, T0 + i) as never);
      }
    });
  }
  for (let start = 0; start < sizes.deliveries; start += CHUNK) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(start + CHUNK, sizes.deliveries); i++) {
        await ctx.db.insert('deliveries', {
          channel: 'sms',
          destination: `+90542${String(1_000_000 + (i % sizes.beneficiaries))}`,
          payload: { body: 'Yardım kolinizi teslim alabilirsiniz' },
          state: 'sent',
          attempts: 1,
          nextAttemptAt: T0 + i,
          createdAt: T0 + i,
          updatedAt: T0 + i,
        });
      }
    });
  }
  await t.run(async (ctx) => {
    for (let i = 0; i < sizes.searches; i++) {
      await ctx.db.insert('auditLogs', { action: 'record_search', at: T0 + i, collection: 'beneficiaries', summary: { search: 'mehmet demir', rows: 20, ids: [] } });
    }
  });
}

/**
 * One person's data in every place the erasure reaches, and a neighbour of the same name under
 * another TC; one of their donations deleted by an administrator, whose reason names them.
 */
async function seedPerson(t: TestConvex, p: Person, clerk: Staff, boss: Staff): Promise<Seeded> {
  const seeded = await seedPersonData(t, p, clerk);
  await boss.as.mutation(api.records.remove, { collection: 'donations', id: seeded.toDelete, reason: `${p.name} adına yanlış makbuz` });
  seeded.audit.push(
    await t.run(async (ctx) => (await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'record_delete')).collect()).find((e) => e.summary.recordId === seeded.toDelete)!._id),
  );
  seeded.scanned.auditLogs = seeded.audit.length;
  return seeded;
}

async function seedPersonData(t: TestConvex, p: Person, clerk: Staff): Promise<Seeded> {
  return await t.run(async (ctx) => {
    const deleted: string[] = [];
    const at = (i: number) => T0 + 10_000 + i;
    const beneficiary = await ctx.db.insert(
      'beneficiaries',
      newRecordDoc('beneficiaries', { fullName: p.name, nationalId: p.tc, phone: p.phone, email: p.email, address: 'Papatya Sk. 3', iban: 'TR330006100519786457841326', notes: 'Engelli', city: 'Ankara' }, T0) as never,
    );
    deleted.push(beneficiary);
    // More history entries than one read chunk (250).
    for (let i = 0; i < 260; i++) {
      deleted.push(await ctx.db.insert('recordHistory', { collection: 'beneficiaries', recordId: beneficiary, at: at(i), kind: 'edit', changes: [{ field: 'phone', before: p.phone, after: p.phone }] }));
    }
    for (let i = 0; i < 5; i++) deleted.push(await ctx.db.insert('recordViews', { userId: clerk.userId, recordId: beneficiary, day: `2026-01-0${i + 1}` }));
    // The file was named after the person.
    const run = await ctx.db.insert('importRuns', { collection: 'beneficiaries', mode: 'upsert', fileName: `${p.name.replace(' ', '_')}_bagis.xlsx`, status: 'completed', counts: { inserted: 1, updated: 1, failed: 0, skipped: 0 }, startedAt: T0 });
    // Its stored batch results: a rejected value naming them, and a conflict's snapshot of their values
    // (as batches stored before conflicts' values left the document still hold it).
    const importBatch = await ctx.db.insert('importBatches', {
      runId: run,
      batchIndex: 0,
      results: [
        { rowNumber: 2, outcome: 'conflict', stored: { fullName: p.name, phone: p.phone } },
        { rowNumber: 3, outcome: 'rejected', errors: [{ field: 'email', code: 'invalid_format', params: { value: p.email } }] },
        { rowNumber: 4, outcome: 'inserted', id: 'someone-else' },
      ],
      counts: { inserted: 1, updated: 0, conflict: 1, failed: 1 },
    });
    const change = (recordId: string, key: string, collection: 'beneficiaries' | 'donations', after: Record<string, string | number>) =>
      ctx.db.insert('importChanges', { runId: run, collection, recordId, key, action: 'created', after, at: T0, rowNumber: 2, state: 'applied' });
    deleted.push(await change(beneficiary, p.tc, 'beneficiaries', { fullName: p.name, nationalId: p.tc }));
    deleted.push(await change(beneficiary, p.tc, 'beneficiaries', { phone: p.phone }));
    // Undo data of a record long gone: found by the TC alone.
    deleted.push(await change('gone-record', p.tc, 'beneficiaries', { fullName: p.name, nationalId: p.tc }));
    // A deleted copy awaiting purge, with its history.
    const deletedId = `deleted-${p.tc}`;
    deleted.push(await ctx.db.insert('deletedRecords', { collection: 'beneficiaries', recordId: deletedId, historyKey: deletedId, key: p.tc, values: { fullName: p.name, nationalId: p.tc, phone: p.phone }, createdAt: T0, deletedAt: T0, reason: 'çift kayıt' }));
    for (let i = 0; i < 3; i++) deleted.push(await ctx.db.insert('recordHistory', { collection: 'beneficiaries', recordId: deletedId, at: at(i), kind: 'edit', changes: [{ field: 'fullName', before: null, after: p.name }] }));

    const notifications: Id<'workflowNotifications'>[] = [];
    const notificationDeliveries: Id<'deliveries'>[] = [];
    // A task naming the person without a link to their record.
    const naming = await ctx.db.insert('workflowNotifications', { recipientId: clerk.userId, kind: 'gorev', title: `${p.name} için koli hazırla`, body: 'Yarın', channels: ['in_app', 'email'], status: 'gonderildi', createdAt: at(50) });
    notifications.push(naming);
    notificationDeliveries.push(
      await ctx.db.insert('deliveries', { notificationId: naming, channel: 'email', destination: 'personel@example.org', subject: `${p.name} için koli hazırla`, payload: { body: 'Yarın' }, state: 'sent', attempts: 1, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 }),
    );
    for (let i = 0; i < 2; i++) {
      const n = await ctx.db.insert('workflowNotifications', {
        recipientId: clerk.userId,
        kind: 'gorev',
        title: `Ara: ${p.name}`,
        body: `Telefon ${p.phone}`,
        link: { collection: 'beneficiaries', id: beneficiary },
        channels: ['in_app', 'email'],
        status: 'gonderildi',
        createdAt: at(i),
      });
      notifications.push(n);
      notificationDeliveries.push(
        await ctx.db.insert('deliveries', { notificationId: n, channel: 'email', destination: 'personel@example.org', subject: `Ara: ${p.name}`, payload: { body: p.phone }, state: 'sent', attempts: 1, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 }),
      );
    }

    const donations: Id<'donations'>[] = [];
    const donationKept: Seeded['donationKept'] = {};
    const donationHistory: Id<'recordHistory'>[] = [];
    const untouched: [string, unknown][] = [];
    for (let i = 0; i < 20; i++) {
      const values = { receiptNo: `${p.receiptPrefix}-${i}`, donorName: p.name, amount: 10_000 + i, currency: 'TRY', date: '2025-03-01', method: 'nakit', donorNationalId: p.tc, donorPhone: p.phone, donorEmail: p.email, notes: 'Elden', status: 'onaylandi' };
      const d = await ctx.db.insert('donations', newRecordDoc('donations', values, T0) as never);
      donations.push(d);
      donationKept[d] = { receiptNo: values.receiptNo, amount: values.amount, date: values.date, currency: values.currency };
      donationHistory.push(
        await ctx.db.insert('recordHistory', { collection: 'donations', recordId: d, at: at(i), kind: 'import', runId: run, changes: [{ field: 'donorName', before: null, after: p.name }, { field: 'donorNationalId', before: null, after: p.tc }, { field: 'amount', before: null, after: values.amount }] }),
      );
      const amountOnly = await ctx.db.insert('recordHistory', { collection: 'donations', recordId: d, at: at(i + 1), kind: 'edit', changes: [{ field: 'amount', before: values.amount, after: values.amount + 1 }] });
      untouched.push([amountOnly, await ctx.db.get(amountOnly)]);
      deleted.push(await change(d, values.receiptNo, 'donations', { donorName: p.name, amount: values.amount }));
    }
    // Donations without a TC: one from the person's mobile, one from the address only the request names.
    for (const [i, contact] of ([{ donorPhone: p.phone }, { donorEmail: p.contact }] as Record<string, string>[]).entries()) {
      const values = { receiptNo: `${p.receiptPrefix}-C${i}`, donorName: p.name, amount: 700 + i, currency: 'TRY', date: '2025-04-01', method: 'havale', ...contact };
      const d = await ctx.db.insert('donations', newRecordDoc('donations', values, T0) as never);
      donations.push(d);
      donationKept[d] = { receiptNo: values.receiptNo, amount: values.amount, date: values.date, currency: values.currency };
    }
    // A donation an administrator deletes below (awaiting purge), with a history entry naming the donor.
    const toDelete = await ctx.db.insert('donations', newRecordDoc('donations', { receiptNo: `${p.receiptPrefix}-X`, donorName: p.name, amount: 900, currency: 'TRY', date: '2025-05-01', donorNationalId: p.tc, donorPhone: p.phone }, T0) as never);
    donationHistory.push(await ctx.db.insert('recordHistory', { collection: 'donations', recordId: toDelete, at: at(0), kind: 'edit', changes: [{ field: 'donorName', before: null, after: p.name }, { field: 'amount', before: null, after: 900 }] }));

    const deliveries: Id<'deliveries'>[] = [];
    for (let i = 0; i < 700; i++) {
      deliveries.push(
        await ctx.db.insert('deliveries', { channel: 'sms', destination: p.phone, payload: { body: `Sayın ${p.name}, kolinizi alabilirsiniz` }, state: i % 10 === 0 ? 'queued' : 'sent', providerId: `SM${i}`, attempts: 1, nextAttemptAt: at(i), createdAt: at(i), updatedAt: at(i) }),
      );
    }
    for (let i = 0; i < 100; i++) {
      deliveries.push(
        await ctx.db.insert('deliveries', { channel: 'email', destination: p.email, subject: `Sayın ${p.name}`, payload: { html: '<p>Teşekkürler</p>' }, state: 'failed', lastError: `550 ${p.email} unknown`, attempts: 3, nextAttemptAt: at(i), createdAt: at(i), updatedAt: at(i) }),
      );
    }

    for (const [subjectKey, purpose] of [[`tc:${p.tc}`, 'sms'], [`tc:${p.tc}`, 'email'], [`email:${p.email}`, 'email']] as const) {
      deleted.push(await ctx.db.insert('consents', { subjectKey, purpose, noticeVersion: 'v1', givenAt: T0, method: 'paper', recordedById: clerk.userId, recordedByName: 'Personel Bir', recordedAt: T0 }));
    }

    const audit: Id<'auditLogs'>[] = [];
    const search = (text: string, i: number) => ctx.db.insert('auditLogs', { action: 'record_search', actorId: clerk.userId, at: T0 + 500 + i, collection: 'beneficiaries', summary: { search: text, rows: 1, ids: [beneficiary] } });
    for (const [i, text] of [p.tc, p.name.toLocaleLowerCase('tr'), p.name.toLocaleUpperCase('tr'), p.phone.slice(3), p.email].entries()) audit.push(await search(text, i));
    audit.push(await ctx.db.insert('auditLogs', { action: 'notification_create', actorId: clerk.userId, at: T0 + 600, summary: { notificationId: notifications[0], recipientName: 'Personel Bir', kind: 'gorev', title: `Ara: ${p.name}` } }));
    // Another action's text: an import's file name (counts and ids stay).
    audit.push(await ctx.db.insert('auditLogs', { action: 'import', actorId: clerk.userId, at: T0 + 620, collection: 'beneficiaries', summary: { runId: run, fileName: `${p.name.replace(' ', '_')}_bagis.xlsx`, status: 'completed', receivedRows: 3 } }));

    // A neighbour of the same name under another TC, with a message, a consent, a donation and a search of their own.
    const otherTc = p.tc === '17291716060' ? '10000000764' : '10000002294';
    const neighbour = await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', { fullName: p.name, nationalId: otherTc, phone: '+905559998877' }, T0) as never);
    const neighbourDonation = await ctx.db.insert('donations', newRecordDoc('donations', { receiptNo: `${p.receiptPrefix}-N`, donorName: p.name, amount: 500, date: '2025-03-02', donorNationalId: otherTc }, T0) as never);
    const neighbourDelivery = await ctx.db.insert('deliveries', { channel: 'sms', destination: '+905559998877', payload: { body: 'Merhaba' }, state: 'queued', attempts: 0, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 });
    const neighbourConsent = await ctx.db.insert('consents', { subjectKey: `tc:${otherTc}`, purpose: 'sms', noticeVersion: 'v1', givenAt: T0, method: 'paper', recordedById: clerk.userId, recordedByName: 'Personel Bir', recordedAt: T0 });
    const neighbourSearch = await ctx.db.insert('auditLogs', { action: 'record_search', at: T0 + 700, collection: 'beneficiaries', summary: { search: otherTc, rows: 1, ids: [neighbour] } });
    // A relative giving under their own TC from the person's mobile: theirs, not the person's.
    const relativeDonation = await ctx.db.insert('donations', newRecordDoc('donations', { receiptNo: `${p.receiptPrefix}-R`, donorName: 'Ali Kaya', amount: 300, date: '2025-03-03', donorNationalId: otherTc, donorPhone: p.phone }, T0) as never);
    const otherNotification = await ctx.db.insert('workflowNotifications', { recipientId: clerk.userId, kind: 'toplanti', title: 'Yönetim kurulu', body: 'Salı 10:00', channels: ['in_app'], status: 'gonderildi', createdAt: at(60) });
    const otherDelete = await ctx.db.insert('auditLogs', { action: 'record_delete', at: T0 + 710, collection: 'beneficiaries', summary: { recordId: 'x', reason: 'çift kayıt' } });
    for (const id of [neighbour, neighbourDonation, neighbourDelivery, neighbourConsent, neighbourSearch, relativeDonation, otherNotification, otherDelete]) untouched.push([id, await ctx.db.get(id)]);

    return {
      person: p,
      deleted,
      donations,
      donationKept,
      donationHistory,
      deliveries,
      notificationDeliveries,
      notifications,
      audit,
      toDelete,
      importBatch,
      importRun: run,
      untouched,
      expected: {
        beneficiaries: 1,
        recordHistory: 260 + 3 + 20 + 1,
        recordViews: 5,
        importChanges: 3 + 20,
        deletedRecords: 1 + 1,
        workflowNotifications: 2,
        deliveries: 700 + 100 + 2,
        donations: 20 + 2,
        consents: 3,
      },
      scanned: { workflowNotifications: 1, deliveries: 1, importBatches: 1, importRuns: 1, auditLogs: audit.length },
    };
  });
}

let t: TestConvex;
let admin: Awaited<ReturnType<typeof asUser>>;
let clerk: Awaited<ReturnType<typeof asUser>>;
const people: { a?: Seeded; b?: Seeded } = {};

const A: Person = { tc: '17291716060', name: 'Fatma Şahin', phone: '+905321112233', email: 'fatma.sahin@example.org', contact: 'fatma@ev.example.org', receiptPrefix: 'A' };
const B: Person = { tc: '10000000146', name: 'Ayşe Yılmaz', phone: '+905334445566', email: 'ayse.yilmaz@example.org', contact: 'ayse@ev.example.org', receiptPrefix: 'B' };

beforeAll(async () => {
  t = newTest();
  admin = await asUser(t, 'yonetici', { name: 'Yönetici Bir' });
  clerk = await asUser(t, 'personel', { name: 'Personel Bir' });
  const started = performance.now();
  await seedBackground(t, ERASURE_SIZES);
  people.a = await seedPerson(t, A, clerk, admin);
  people.b = await seedPerson(t, B, clerk, admin);
  console.info(`erasure test: seeded ${ERASURE_SIZES.beneficiaries} beneficiaries, ${ERASURE_SIZES.deliveries} deliveries in ${Math.round(performance.now() - started)} ms`);
}, SLOW_MS);

afterEach(() => {
  vi.useRealTimers();
});

async function requestFor(person: Person): Promise<Id<'dataRequests'>> {
  return await clerk.as.mutation(api.dataRequests.create, {
    subjectName: person.name,
    subjectNationalId: person.tc,
    subjectContact: person.contact,
    type: 'erasure',
    channel: 'paper',
    receivedAt: Date.now() - 60_000,
    identityCheck: 'Nüfus cüzdanı görüldü',
    assigneeId: admin.userId,
  });
}

async function preview(requestId: Id<'dataRequests'>) {
  return await admin.as.query(api.erasures.preview, { requestId });
}

/** Per table: documents the preview found (the audit's are found during the run). */
function previewTotals(sections: Awaited<ReturnType<typeof preview>>['sections']): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const s of sections) if (s.count !== null) totals[s.table] = (totals[s.table] ?? 0) + s.count;
  return totals;
}

/** What the run counts: what the preview counted, plus what it found reading in time order. */
function runCounts(seeded: Seeded): Record<string, number> {
  const out = { ...seeded.expected };
  for (const [table, n] of Object.entries(seeded.scanned)) out[table] = (out[table] ?? 0) + n;
  return out;
}

const nameKeyOfAnonymous = derivedFields('donations', { donorName: ANONYMOUS_DONOR }).nameKey;

/** Every document and field the preview listed is gone; what the law keeps is there. */
async function expectErased(seeded: Seeded, sections: Awaited<ReturnType<typeof preview>>['sections']) {
  await t.run(async (ctx) => {
    const byTable = new Map(sections.filter((s) => s.count !== null).map((s) => [`${s.table}:${s.method}`, s]));
    const fieldsOf = (key: string) => byTable.get(key)?.fields ?? [];
    for (const id of seeded.deleted) expect(await ctx.db.get(id as never)).toBeNull();
    for (const id of seeded.donations) {
      const d = (await ctx.db.get(id))!;
      for (const field of fieldsOf('donations:anonymise')) {
        const value = (d as Record<string, unknown>)[field];
        if (field === 'donorName') expect(value).toBe(ANONYMOUS_DONOR);
        else if (field === 'nameKey') expect(value).toBe(nameKeyOfAnonymous);
        else if (field === 'searchText') expect(value).toBe(derivedFields('donations', { ...d, ...seeded.donationKept[id] }).searchText);
        else expect(value).toBeUndefined();
      }
      const kept = seeded.donationKept[id]!;
      expect({ receiptNo: d.receiptNo, amount: d.amount, date: d.date, currency: d.currency }).toEqual(kept);
      expect(d.searchText).not.toContain(seeded.person.tc);
      expect(fieldsOf('donations:anonymise')).toEqual(expect.arrayContaining(['donorName', 'donorNationalId', 'donorPhone', 'donorEmail', 'notes', 'searchText', 'nameKey']));
    }
    for (const id of seeded.donationHistory) {
      const h = (await ctx.db.get(id))!;
      for (const c of h.changes) if (fieldsOf('recordHistory:anonymise').includes(`changes.${c.field}`)) expect([c.before, c.after]).toEqual([null, null]);
      // The amount's change is the association's bookkeeping: kept.
      expect(h.changes.some((c) => c.field === 'amount' && c.after !== null)).toBe(true);
    }
    for (const id of seeded.notificationDeliveries) {
      const d = (await ctx.db.get(id))!;
      expect([d.subject, d.payload, d.destination]).toEqual([undefined, undefined, 'personel@example.org']);
    }
    for (const id of seeded.deliveries) {
      const d = (await ctx.db.get(id))!;
      for (const field of fieldsOf('deliveries:anonymise')) {
        const value = (d as Record<string, unknown>)[field];
        expect(value === undefined || value === ERASED).toBe(true);
      }
      expect(d.state).not.toBe('queued');
    }
    for (const id of seeded.notifications) {
      const n = (await ctx.db.get(id))!;
      expect(fieldsOf('workflowNotifications:anonymise').sort()).toEqual(['body', 'link', 'title']);
      expect([n.title, n.body, n.link]).toEqual([ERASED, ERASED, undefined]);
    }
    for (const id of seeded.audit) {
      const a = (await ctx.db.get(id))!;
      const text = JSON.stringify(a.summary);
      expect(text).toContain(ERASED);
      for (const needle of [seeded.person.tc, seeded.person.phone.slice(3), seeded.person.email, seeded.person.name]) expect(text).not.toContain(needle);
    }
    const gone = (await ctx.db.query('deletedRecords').withIndex('by_recordId', (q) => q.eq('recordId', seeded.toDelete)).unique())!;
    expect(fieldsOf('deletedRecords:anonymise')).toEqual(expect.arrayContaining(['donorNationalId', 'values.donorName', 'values.donorNationalId', 'values.donorPhone']));
    expect(gone.donorNationalId).toBeUndefined();
    expect(gone.values).toMatchObject({ receiptNo: `${seeded.person.receiptPrefix}-X`, donorName: ANONYMOUS_DONOR, amount: 900, currency: 'TRY', date: '2025-05-01' });
    for (const field of ['donorNationalId', 'donorPhone', 'donorEmail', 'notes']) expect(gone.values).not.toHaveProperty(field);
    const batch = (await ctx.db.get(seeded.importBatch))!;
    expect(batch.results).toEqual([
      { rowNumber: 2, outcome: 'conflict' },
      { rowNumber: 3, outcome: 'rejected', errors: [{ field: 'email', code: 'invalid_format', params: { value: ERASED } }] },
      { rowNumber: 4, outcome: 'inserted', id: 'someone-else' },
    ]);
    expect((await ctx.db.get(seeded.importRun))!.fileName).toBe(ERASED);
    // Nobody else's data changed.
    for (const [id, before] of seeded.untouched) expect(await ctx.db.get(id as never)).toEqual(before);
  });
}

describe(`erasure among ${ERASURE_SIZES.beneficiaries} beneficiaries and ${ERASURE_SIZES.deliveries} deliveries (transaction limits on)`, () => {
  let countsA: Record<string, number> | undefined;
  let batchesA: number | undefined;

  test('the preview lists each table and field; the run changes exactly that, in bounded batches, audited with counts only', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const seeded = people.a!;
    const requestId = await requestFor(A);
    const before = await preview(requestId);
    expect(before.erasureId).toBeNull();
    expect(before.reads).toBeLessThan(32_000);
    const totals = previewTotals(before.sections);
    expect(totals).toEqual(seeded.expected);
    expect(before.sections.find((s) => s.table === 'auditLogs')).toMatchObject({ count: null, fields: ['summary.search', 'summary.title', 'summary.reason', 'summary.fileName'] });
    for (const table of ['workflowNotifications', 'importBatches', 'importRuns']) expect(before.sections.filter((s) => s.table === table && s.count === null)).toHaveLength(1);
    for (const s of before.sections) {
      expect(s.sampleIds.length).toBeLessThanOrEqual(5);
      expect(s.atLeast).toBe(false);
    }
    expect(before.kept.donations).toEqual(expect.arrayContaining(['receiptNo', 'amount', 'date']));

    const started = performance.now();
    const { erasureId } = await admin.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7 silme talebi', confirm: A.tc });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);
    const ms = Math.round(performance.now() - started);
    const done = (await admin.as.query(api.erasures.progress, { requestId }))!;
    expect(done).toMatchObject({ erasureId, status: 'done' });
    // The run counts what the preview listed, plus the texts naming the person it found on the way.
    expect(done.counts).toEqual(runCounts(seeded));
    expect(done.batches).toBeGreaterThan(1);
    const maxReads = await t.run(async (ctx) => (await ctx.db.get(erasureId))!.maxBatchReads);
    // A batch's own reads stay within its budget (a notification's few messages may top it up).
    expect(maxReads).toBeLessThanOrEqual(BATCH_READS + 20);
    console.info(`erasure test: ${done.batches} batches, at most ${maxReads} documents read per batch (budget ${BATCH_READS} read / ${BATCH_WRITES} written), ${ms} ms`);
    await expectErased(seeded, before.sections);

    const audit = await t.run(async (ctx) => await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'person_erase')).collect());
    const finished = audit.find((e) => (e.summary as { status: string }).status === 'finished')!;
    expect(finished.summary).toMatchObject({ requestId, erasureId, counts: done.counts });
    const text = JSON.stringify(audit);
    for (const needle of [A.tc, A.name, A.phone, A.email, 'KVKK m.7']) expect(text).not.toContain(needle);
    // The run's working list of names and addresses is gone with it.
    expect(await t.run(async (ctx) => (await ctx.db.get(erasureId))!.found)).toEqual({ names: [], addresses: [] });

    // Again: nothing left to list, and a second start changes nothing.
    expect(previewTotals((await preview(requestId)).sections)).toEqual({});
    expect(await admin.as.mutation(api.erasures.start, { requestId, reason: 'tekrar', confirm: A.tc })).toEqual({ erasureId, resumed: false });
    countsA = done.counts;
    batchesA = done.batches;
  }, SLOW_MS);

  test('interrupted after its first batch and resumed (twice at once), it ends the same and counts nothing twice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const seeded = people.b!;
    const requestId = await requestFor(B);
    const before = await preview(requestId);
    expect(previewTotals(before.sections)).toEqual(seeded.expected);
    const { erasureId } = await admin.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7 silme talebi', confirm: B.tc });
    vi.runOnlyPendingTimers();
    await t.finishInProgressScheduledFunctions();
    // The chain is lost after the first batch (the next batch never runs).
    await t.run(async (ctx) => {
      for (const job of await ctx.db.system.query('_scheduled_functions').collect()) {
        if (job.state.kind === 'pending') await ctx.scheduler.cancel(job._id);
      }
    });
    const stopped = (await admin.as.query(api.erasures.progress, { requestId }))!;
    expect(stopped).toMatchObject({ status: 'running', batches: 1 });
    expect(Object.values(stopped.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Two administrators press "continue" at once: two chains, one of which finds itself stale.
    expect(await admin.as.mutation(api.erasures.start, { requestId, reason: 'ignored', confirm: 'ignored' })).toEqual({ erasureId, resumed: true });
    await admin.as.mutation(api.erasures.start, { requestId, reason: 'ignored', confirm: 'ignored' });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);
    const done = (await admin.as.query(api.erasures.progress, { requestId }))!;
    expect(done.status).toBe('done');
    expect(done.counts).toEqual(runCounts(seeded));
    if (countsA !== undefined) expect(done.counts).toEqual(countsA);
    // The stale chain did nothing: no extra batch, one closing audit entry.
    if (batchesA !== undefined) expect(done.batches).toBe(batchesA);
    const closing = await t.run(async (ctx) => await ctx.db.query('auditLogs').withIndex('by_action', (q) => q.eq('action', 'person_erase')).collect());
    expect(closing.filter((e) => (e.summary as { status: string; erasureId: string }).status === 'finished' && (e.summary as { erasureId: string }).erasureId === erasureId)).toHaveLength(1);
    await expectErased(seeded, before.sections);
  }, SLOW_MS);
});

describe('who may erase', () => {
  test('office staff and observers are refused the preview, the run and its progress; the run needs a reason, the TC typed, an erasure request', async () => {
    const small = newTest();
    const boss = await asUser(small, 'yonetici');
    const staff = await asUser(small, 'personel');
    const observer = await asUser(small, 'gozlemci');
    await small.run(async (ctx) => {
      await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', { fullName: 'Fatma Şahin', nationalId: A.tc }, Date.now()) as never);
    });
    const intake = { subjectName: A.name, subjectNationalId: A.tc, channel: 'paper' as const, receivedAt: Date.now() - 1_000, identityCheck: 'görüldü', assigneeId: staff.userId };
    const requestId = await staff.as.mutation(api.dataRequests.create, { ...intake, type: 'erasure' });
    for (const who of [staff, observer]) {
      await expect(who.as.query(api.erasures.preview, { requestId })).rejects.toThrow(/yonetici role/);
      await expect(who.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7', confirm: A.tc })).rejects.toThrow(/yonetici role/);
      await expect(who.as.query(api.erasures.progress, { requestId })).rejects.toThrow(/yonetici role/);
    }
    await expect(boss.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7', confirm: '17291716061' })).rejects.toThrow(/confirm/);
    await expect(boss.as.mutation(api.erasures.start, { requestId, reason: '  ', confirm: A.tc })).rejects.toThrow(/reason/);
    const access = await staff.as.mutation(api.dataRequests.create, { ...intake, type: 'access' });
    await expect(boss.as.query(api.erasures.preview, { requestId: access })).rejects.toThrow(/erasure request/);
    expect(await small.run(async (ctx) => (await ctx.db.query('beneficiaries').collect()).length)).toBe(1);
    expect(await small.run(async (ctx) => await ctx.db.query('erasures').collect())).toEqual([]);
  });
});

describe('a donor known only by contact', () => {
  test('a request naming only a mobile: the donations without a TC from it and its e-mail, messages, consents and a naming notification; nothing under a TC', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const small = newTest();
    const boss = await asUser(small, 'yonetici');
    const staff = await asUser(small, 'personel');
    const phone = '+905351234567';
    const email = 'hasan.celik@example.org';
    const ids = await small.run(async (ctx) => {
      const donation = (values: Record<string, string | number>) => ctx.db.insert('donations', newRecordDoc('donations', { currency: 'TRY', date: '2025-06-01', ...values }, T0) as never);
      return {
        byPhone: await donation({ receiptNo: 'H-1', donorName: 'Hasan Çelik', amount: 250, donorPhone: phone, donorEmail: email, notes: 'Elden' }),
        // Found by the e-mail the first donation carries, not by the request's mobile.
        byEmail: await donation({ receiptNo: 'H-2', donorName: 'H. Çelik', amount: 100, donorEmail: email }),
        delivery: await ctx.db.insert('deliveries', { channel: 'sms', destination: phone, payload: { body: 'Teşekkürler Hasan Bey' }, state: 'sent', attempts: 1, nextAttemptAt: T0, createdAt: T0, updatedAt: T0 }),
        notification: await ctx.db.insert('workflowNotifications', { recipientId: staff.userId, kind: 'gorev', title: 'Hasan Çelik makbuz istedi', body: '', channels: ['in_app'], status: 'gonderildi', createdAt: T0 }),
        untouched: [
          // A relative giving under their own TC from the same mobile, and a beneficiary with it: kept under a TC, not looked up.
          await donation({ receiptNo: 'H-3', donorName: 'Ayten Çelik', amount: 50, donorNationalId: '10000000764', donorPhone: phone }),
          await ctx.db.insert('beneficiaries', newRecordDoc('beneficiaries', { fullName: 'Ayten Çelik', nationalId: '10000000764', phone }, T0) as never),
        ],
      };
    });
    for (const [subjectKey, purpose] of [[`phone:${phone}`, 'sms'], [`email:${email}`, 'email']] as const) {
      await small.run(async (ctx) => {
        await ctx.db.insert('consents', { subjectKey, purpose, noticeVersion: 'v1', givenAt: T0, method: 'paper', recordedById: staff.userId, recordedByName: 'Personel', recordedAt: T0 });
      });
    }
    const untouched = await small.run(async (ctx) => await Promise.all(ids.untouched.map((id) => ctx.db.get(id))));
    const intake = { subjectName: 'Hasan Çelik', type: 'erasure' as const, channel: 'paper' as const, receivedAt: Date.now() - 1_000, identityCheck: 'görüldü', assigneeId: boss.userId };
    const nobody = await staff.as.mutation(api.dataRequests.create, intake);
    await expect(boss.as.query(api.erasures.preview, { requestId: nobody })).rejects.toThrow(/names no valid TC Kimlik No, mobile or e-mail/);
    const requestId = await staff.as.mutation(api.dataRequests.create, { ...intake, subjectContact: '0535 123 45 67' });

    const before = await boss.as.query(api.erasures.preview, { requestId });
    expect(previewTotals(before.sections)).toEqual({ donations: 2, deliveries: 1, consents: 2 });
    await expect(boss.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7 silme talebi', confirm: '10000000764' })).rejects.toThrow(/confirm/);
    await boss.as.mutation(api.erasures.start, { requestId, reason: 'KVKK m.7 silme talebi', confirm: '0535 123 45 67' });
    await small.finishAllScheduledFunctions(vi.runAllTimers, 100);
    const done = (await boss.as.query(api.erasures.progress, { requestId }))!;
    expect(done).toMatchObject({ status: 'done', counts: { donations: 2, deliveries: 1, consents: 2, workflowNotifications: 1 } });
    await small.run(async (ctx) => {
      for (const [id, receiptNo, amount] of [[ids.byPhone, 'H-1', 250], [ids.byEmail, 'H-2', 100]] as const) {
        const d = (await ctx.db.get(id))!;
        expect(d).toMatchObject({ receiptNo, amount, donorName: ANONYMOUS_DONOR });
        for (const field of ['donorPhone', 'donorEmail', 'notes']) expect(d).not.toHaveProperty(field);
      }
      expect(await ctx.db.get(ids.delivery)).toMatchObject({ destination: ERASED });
      expect(await ctx.db.get(ids.delivery)).not.toHaveProperty('payload');
      expect(await ctx.db.get(ids.notification)).toMatchObject({ title: ERASED, body: ERASED });
      expect(await ctx.db.query('consents').collect()).toEqual([]);
      expect(await Promise.all(ids.untouched.map((id) => ctx.db.get(id)))).toEqual(untouched);
    });
  });
});
