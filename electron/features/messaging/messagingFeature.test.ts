// The renderer-facing side: every handler's output goes through the contract, and none of it
// may carry a password, token or other secret that was saved. Also the bulkSend job end to end.
import { readdirSync } from 'node:fs';
import { getFunctionName, type FunctionReference } from 'convex/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../../shared/domain/roles';
import { api, internal } from '../../../convex/_generated/api';
import { completeTcKimlik } from '../../../shared/domain';
import { messagingChannels, messagingJobs } from '../../../shared/contract/messaging';
import { EventBus } from '../../core/eventBus';
import { plainSecretBox } from '../../core/storage/secretBox';
import { createMessagingFeature } from './messagingFeature';
import { backendWithUser, tempDir } from './messaging.test-util';
import { startSmtpPeer, type SmtpPeer } from './testPeers.test-util';

const SMTP_PASSWORD = 'smtp-Parola-Çok-Gizli-42';
const TWILIO_TOKEN = 'twilio-token-ÇokGizli-0042';
let peer: SmtpPeer;

beforeAll(async () => {
  peer = await startSmtpPeer({ user: 'panel', pass: SMTP_PASSWORD });
});
afterAll(async () => {
  await peer.close();
});

/** `refuse`: backend functions that fail as if the server refused them. */
async function setup(role: Role = 'yonetici', refuse: string[] = []) {
  const { gateway: memory, userId, session } = await backendWithUser({ name: 'Ayşe Öztürk', email: 'ayse@kafkasder.test', phone: '0532 111 22 33', role });
  const gateway = new Proxy(memory, {
    get(target, key, receiver) {
      if (key !== 'mutation') return Reflect.get(target, key, receiver) as unknown;
      return async (fn: FunctionReference<'mutation'>, args: unknown) => {
        if (refuse.includes(getFunctionName(fn))) throw new Error(`refused by the server: ${getFunctionName(fn)}`);
        return await target.mutation(fn, args as never);
      };
    },
  });
  const bus = new EventBus();
  const events: { name: string; payload: unknown }[] = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  const dataDir = tempDir();
  const svc = { gateway, bus, profileId: () => userId as string, auth: session, dataDir, backend: { kind: 'convex' as const, source: 'env' as const }, hostCapabilities: {} };
  const feature = createMessagingFeature(svc, { box: plainSecretBox, messaging: { outboxWorker: { worker: 'test' } } });
  return { memory, gateway, userId, session, dataDir, bus, events, ...feature };
}

/** Calls a handler the way dispatch does: input parsed by the contract, output reduced to it. */
async function call<C extends keyof typeof messagingChannels>(handlers: ReturnType<typeof createMessagingFeature>['handlers'], name: C, input: unknown) {
  const def = messagingChannels[name];
  const handler = handlers[name] as (i: unknown) => Promise<unknown>;
  return def.output.parse(await handler(def.input.parse(input)));
}

describe('messaging handlers', () => {
  test('listSentNotifications shows the assigner who got what, and whether they read it', async () => {
    const { handlers, memory, messaging } = await setup();
    const colleague = await memory.internal.action(internal.demo.seedStaff, {
      name: 'Mehmet Kara',
      email: 'mehmet@kafkasder.test',
      role: 'personel',
      password: 'mehmet-parola-0123',
    });
    const { id } = (await call(handlers, 'createNotification', { recipientId: colleague, kind: 'gorev', title: 'Saha ziyareti', body: 'Cuma' })) as { id: string };
    const sent = (await call(handlers, 'listSentNotifications', { cursor: null, numItems: 10 })) as { page: Record<string, unknown>[] };
    expect(sent.page).toHaveLength(1);
    expect(sent.page[0]).toMatchObject({ id, kind: 'gorev', title: 'Saha ziyareti', recipientName: 'Mehmet Kara', deliveries: [{ channel: 'email', state: 'queued' }] });
    expect(sent.page[0]!.status).not.toBe('okundu');
    expect(Object.keys(sent.page[0]!)).not.toContain('body');
    // The assigner's own inbox does not hold it.
    expect(((await call(handlers, 'listNotifications', { cursor: null, numItems: 10 })) as { page: unknown[] }).page).toHaveLength(0);
    await messaging.close();
  });

  test('the SMTP test mail greets the signed-in person by name only when sent to their own address', async () => {
    const { handlers, messaging } = await setup();
    await call(handlers, 'saveMessagingSettings', {
      smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: 'panel', password: SMTP_PASSWORD, from: 'panel@kafkasder.test' },
    });
    const before = peer.received.length;
    await call(handlers, 'sendTestMessage', { channel: 'email', to: 'AYSE@kafkasder.test' });
    await call(handlers, 'sendTestMessage', { channel: 'email', to: 'baska@kafkasder.test', locale: 'en' });
    const [own, other] = peer.received.slice(before);
    expect(own!.text).toMatch(/^Merhaba Ayşe Öztürk,\n/);
    expect(other!.text).toMatch(/^Hello,\n/);
    await messaging.close();
  });

  test('no output carries a saved secret', async () => {
    const { handlers, userId, events, messaging } = await setup();
    const outputs: unknown[] = [];
    const run = async (name: keyof typeof messagingChannels, input: unknown) => {
      const out = await call(handlers, name, input);
      outputs.push(out);
      return out;
    };
    await run('saveMessagingSettings', {
      smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: 'panel', password: SMTP_PASSWORD, from: 'panel@kafkasder.test' },
      twilio: { accountSid: `AC${'3c'.repeat(16)}`, authToken: TWILIO_TOKEN, from: '+905301112233' },
    });
    expect(await run('getMessagingSettings', {})).toMatchObject({ email: { configured: true, host: '127.0.0.1' }, sms: { configured: true } });
    expect(await run('verifySmtp', {})).toEqual({ ok: true });
    expect(await run('sendTestMessage', { channel: 'email', to: 'test@kafkasder.test' })).toMatchObject({ ok: true });
    await run('setPreferences', { prefs: { gorev: { email: true, sms: false } } });
    await run('getPreferences', {});
    const created = (await run('createNotification', { recipientId: userId, kind: 'gorev', title: 'Görev atandı: İğdır', body: 'x' })) as { id: string };
    await messaging.outboxWorker.runOnce();
    const list = (await run('listNotifications', { cursor: null, numItems: 10 })) as { page: { id: string; status: string; deliveries: unknown[] }[] };
    expect(list.page[0]).toMatchObject({ id: created.id, status: 'gonderildi', deliveries: [{ channel: 'email', state: 'sent', attempts: 1 }] });
    expect(await run('unreadCount', {})).toEqual({ count: 1, capped: false });
    expect(await run('markRead', { id: created.id })).toEqual({ changed: true });
    expect(await run('markAllRead', {})).toEqual({ updated: 0, more: false });
    await run('previewCampaign', { audience: 'beneficiaries', filters: {} });
    // A bad password: the error text must not echo it either.
    await run('saveMessagingSettings', { smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: 'panel', password: 'wrong-' + SMTP_PASSWORD, from: 'panel@kafkasder.test' } });
    outputs.push(await call(handlers, 'verifySmtp', {}));

    const serialized = JSON.stringify(outputs) + JSON.stringify(events);
    for (const secret of [SMTP_PASSWORD, TWILIO_TOKEN, Buffer.from(`panel:${SMTP_PASSWORD}`).toString('base64'), Buffer.from(SMTP_PASSWORD).toString('base64')]) {
      expect(serialized).not.toContain(secret);
    }
    expect(events.some((e) => e.name === 'notificationsChanged')).toBe(true);
    await messaging.close();
  });

  test('saving settings writes one settings_change audit entry without secrets', async () => {
    const { handlers, memory, messaging } = await setup();
    await call(handlers, 'saveMessagingSettings', { smtp: { host: 'smtp.test', port: 587, secure: 'starttls', password: SMTP_PASSWORD, from: 'a@b.test' } });
    const audit = await memory.query(api.audit.list, { paginationOpts: { cursor: null, numItems: 10 } });
    const entry = audit.page.find((e) => e.collection === 'messaging');
    expect(entry).toMatchObject({ action: 'settings_change', summary: { email: true, sms: false, changed: ['smtp'] } });
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
    await messaging.close();
  });
});

describe('messaging settings are the administrator’s', () => {
  const smtp = () => ({ host: '127.0.0.1', port: peer.port, secure: 'none' as const, user: 'panel', password: SMTP_PASSWORD, from: 'panel@kafkasder.test' });

  for (const role of ['personel', 'gozlemci'] as const) {
    test(`a ${role} cannot save, verify or send a test, and no file is written`, async () => {
      const { handlers, messaging, dataDir } = await setup(role);
      const before = peer.received.length;
      for (const [name, input] of [
        ['saveMessagingSettings', { smtp: smtp() }],
        ['verifySmtp', {}],
        ['sendTestMessage', { channel: 'email', to: 'ayse@kafkasder.test' }],
      ] as const) {
        await expect(call(handlers, name, input)).rejects.toMatchObject({ code: 'forbidden' });
      }
      expect(readdirSync(dataDir)).toEqual([]);
      expect(messaging.status().email.configured).toBe(false);
      expect(peer.received.length).toBe(before);
      await messaging.close();
    });
  }

  test('signed out: refused as unauthenticated, nothing written or sent', async () => {
    const { handlers, messaging, dataDir, session } = await setup('yonetici');
    await session.signOut();
    const before = peer.received.length;
    await expect(call(handlers, 'saveMessagingSettings', { smtp: smtp() })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(call(handlers, 'sendTestMessage', { channel: 'email', to: 'x@kafkasder.test' })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(readdirSync(dataDir)).toEqual([]);
    expect(peer.received.length).toBe(before);
    await messaging.close();
  });

  test('the file is written only after the server accepted the audit entry', async () => {
    const { handlers, messaging, dataDir } = await setup('yonetici', ['outbox:noteSettingsChange']);
    await expect(call(handlers, 'saveMessagingSettings', { smtp: smtp() })).rejects.toThrow(/refused by the server/);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(messaging.status().email.configured).toBe(false);
    await messaging.close();
  });
});

describe('bulkSend job', () => {
  test('enqueues the chosen beneficiaries who agreed to the channel, counts who did not, and follows the sends to the end', async () => {
    const { gateway, jobs, messaging, memory } = await setup();
    await messaging.save({ smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: 'panel', password: SMTP_PASSWORD, from: 'panel@kafkasder.test' } });
    const runId = await gateway.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'liste.csv' });
    const rows = ['Ali Kaya', 'Şule Ak', 'Ömer Çelik'].map((fullName, i) => ({
      rowNumber: i + 2,
      values: { fullName, nationalId: completeTcKimlik(String(284519372 + i * 1111)), city: i < 2 ? 'Iğdır' : 'Kars', email: `kisi${i}@kafkasder.test` },
    }));
    await gateway.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows });
    await gateway.mutation(api.imports.finishRun, { runId, status: 'completed' });
    // Ali and Ömer agreed to e-mail; Şule did not: she is left out and counted.
    for (const row of [rows[0]!, rows[2]!]) {
      await gateway.mutation(api.consents.record, { nationalId: row.values.nationalId, purpose: 'email', noticeVersion: '2025-01', givenAt: Date.now(), method: 'paper' });
    }
    await gateway.mutation(api.consents.record, { nationalId: rows[1]!.values.nationalId, purpose: 'sms', noticeVersion: '2025-01', givenAt: Date.now(), method: 'paper' });
    const before = peer.received.length;
    const progress: unknown[] = [];
    const input = messagingJobs.bulkSend.input.parse({ audience: 'beneficiaries', filters: { city: 'Iğdır' }, channel: 'email', title: 'Kış yardımı', body: 'Kolileriniz hazır.' });
    const result = await jobs.bulkSend(input, { jobId: 'j1', signal: new AbortController().signal, progress: (p) => progress.push(p) });
    expect(result).toMatchObject({ enqueued: 1, sent: 1, failed: 0, noConsent: 1, status: 'delivered' });
    // The finished import also mails "your import finished" to the acting profile: look at the campaign only.
    const campaign = peer.received
      .map((mail, i) => ({ mail, to: peer.envelopes[i] ?? [] }))
      .slice(before)
      .filter(({ mail }) => mail.subject === 'Kış yardımı');
    expect(campaign).toHaveLength(1);
    expect(campaign.flatMap(({ to }) => to)).toEqual(['kisi0@kafkasder.test']);
    expect(progress.at(-1)).toEqual({ enqueued: 1, sent: 1, failed: 0, waiting: 0, capped: false });
    const audit = await memory.query(api.audit.list, { paginationOpts: { cursor: null, numItems: 20 } });
    // Newest first: the outcome, then the start.
    expect(audit.page.filter((e) => e.action === 'bulk_send').map((e) => (e.summary as { status: string }).status)).toEqual(['enqueued', 'started']);
    await messaging.close();
  });
});
