// E-mail deliveries end to end: outbox (a rehearsal backend) → outbox worker → pooled nodemailer →
// smtp-server on loopback, read back with mailparser.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { api } from '../../../convex/_generated/api';
import { plainSecretBox } from '../../core/storage/secretBox';
import { Messaging } from './messaging';
import { sharedRehearsal } from '../../core/backend/rehearsal.test-util';
import { backendWithUser, deliveriesOf, tempDir } from './messaging.test-util';
import { startSmtpPeer, type SmtpPeer } from './testPeers.test-util';

const creds = { user: 'panel', pass: 'smtp-Sırrı-123' };
let peer: SmtpPeer;
const open: Messaging[] = [];

beforeEach(async () => {
  peer = await startSmtpPeer(creds);
});
afterEach(async () => {
  vi.useRealTimers();
  for (const m of open.splice(0)) await m.close();
  await peer.close();
});

async function setup(worker = 'pc-1') {
  const { gateway, userId } = await backendWithUser({ name: 'Ayşe Öztürk', email: 'ayse@kafkasder.test' });
  const messaging = await newMessaging(gateway, worker);
  return { gateway, userId, messaging };
}

async function newMessaging(gateway: Awaited<ReturnType<typeof backendWithUser>>['gateway'], worker: string, dataDir = tempDir()) {
  const messaging = new Messaging({ dataDir, box: plainSecretBox, gateway, outboxWorker: { worker, leaseMs: 1_000 } });
  await messaging.save({ smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: creds.user, password: creds.pass, from: 'Kafkasder <panel@kafkasder.test>' } });
  open.push(messaging);
  return messaging;
}

/** Moves the clock (this process's and the backend's) past any backoff so the retried delivery is due now. */
async function jumpAhead(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
  await (await sharedRehearsal()).advanceClock(ms);
}

describe('e-mail deliveries', () => {
  test('render in Turkish and arrive with the right recipient, subject and letters', async () => {
    const { gateway, userId, messaging } = await setup();
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'toplanti', title: 'Şubat', body: 'Gündem: bütçe & <planlama>', scheduledFor: Date.now() });
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'İğdır', body: 'Çağrı listesi' });
    const pass = await messaging.outboxWorker.runOnce();
    expect(pass).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    const subjects = peer.received.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Görev atandı: İğdır', 'Toplantı hatırlatması: Şubat']);
    expect(peer.envelopes).toEqual([['ayse@kafkasder.test'], ['ayse@kafkasder.test']]);
    const meeting = peer.received.find((m) => m.subject?.startsWith('Toplantı'))!;
    expect(meeting.text).toContain('Merhaba Ayşe Öztürk');
    expect(meeting.text).toContain('Gündem: bütçe & <planlama>');
    expect(meeting.html).toContain('bütçe &amp; &lt;planlama&gt;');
    expect(meeting.html).not.toContain('<planlama>');
    expect(meeting.from?.value[0]?.address).toBe('panel@kafkasder.test');
    const inbox = await deliveriesOf(gateway, userId);
    expect(inbox.every((n) => n.status === 'gonderildi' && n.deliveries[0]?.state === 'sent')).toBe(true);
  });

  test('SMTP 421 is retried later and the message arrives exactly once', async () => {
    const { gateway, userId, messaging } = await setup();
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'İğdır', body: '' });
    peer.failNextMailFrom.push(421);
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
    expect(peer.received).toHaveLength(0);
    const [n] = await deliveriesOf(gateway, userId);
    expect(n!.deliveries[0]).toMatchObject({ state: 'queued', attempts: 1 });
    expect(n!.deliveries[0]!.lastError).toMatch(/421/);
    // Not due yet: nothing is claimed until the backoff passes.
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 0 });
    await jumpAhead(2 * 60_000);
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(peer.received).toHaveLength(1);
    expect((await deliveriesOf(gateway, userId))[0]!.deliveries[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  test('SMTP 550 fails the delivery for good, without another attempt', async () => {
    const { gateway, userId, messaging } = await setup();
    peer.rejectRecipient.set('ayse@kafkasder.test', 550);
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'rapor', title: 'Aylık rapor', body: '' });
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ failed: 1 });
    await jumpAhead(24 * 3_600_000);
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 0 });
    const [n] = await deliveriesOf(gateway, userId);
    expect(n!.deliveries[0]).toMatchObject({ state: 'failed', attempts: 1 });
    expect(n!.deliveries[0]!.lastError).toMatch(/550/);
    expect(peer.received).toHaveLength(0);
  });

  test('an outbox worker stopped right after claiming: the lease expires and the next one sends once', async () => {
    const { gateway, userId } = await setup();
    const dataDir = tempDir();
    const first = await newMessaging(gateway, 'pc-crashing', dataDir);
    const claimedBy: string[] = [];
    // Rebuild the first outbox worker with a hook that stops it the moment it has claimed.
    const { OutboxWorker } = await import('./outboxWorker');
    const crashing = new OutboxWorker({
      gateway,
      worker: 'pc-crashing',
      leaseMs: 1_000,
      senders: () => first.senders(),
      afterClaim: (batch) => {
        claimedBy.push(...batch.map((d) => d.id));
        void crashing.stop();
      },
    });
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'İğdır', body: '' });
    expect(await crashing.runOnce()).toMatchObject({ claimed: 1, abandoned: 1, sent: 0 });
    expect(claimedBy).toHaveLength(1);

    const second = await newMessaging(gateway, 'pc-2');
    expect(await second.outboxWorker.runOnce()).toMatchObject({ claimed: 0 }); // lease still held
    await jumpAhead(1_500);
    expect(await second.outboxWorker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await second.outboxWorker.runOnce()).toMatchObject({ claimed: 0 });
    expect(peer.received).toHaveLength(1);
    expect((await deliveriesOf(gateway, userId))[0]!.deliveries[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  test('the running outbox worker wakes up by itself when a delivery falls due', async () => {
    const { gateway, userId, messaging } = await setup();
    messaging.start();
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'rapor', title: 'Bakım duyurusu', body: '' });
    await vi.waitFor(() => expect(peer.received).toHaveLength(1), { timeout: 10_000 });
    expect(peer.received[0]!.subject).toBe('Rapor hazır: Bakım duyurusu');
  });

  test('without SMTP settings this PC does not send: the delivery waits, no attempt spent, for a PC that can', async () => {
    const { gateway, userId, messaging } = await setup('pc-without');
    await messaging.save({ smtp: null });
    await messaging.start();
    expect(messaging.outboxWorker.isRunning).toBe(false);
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'x', body: '' });
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 0 });
    const [n] = await deliveriesOf(gateway, userId);
    expect(n!.deliveries[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(n!.status).toBe('beklemede');
    // The PC with settings sends it once.
    const other = await newMessaging(gateway, 'pc-with');
    expect(await other.outboxWorker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(peer.received).toHaveLength(1);
  });

  test('settings removed after a claim: the claimed delivery is given back with its attempt, not skipped', async () => {
    const { gateway, userId, messaging } = await setup('pc-losing');
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'x', body: '' });
    const { OutboxWorker } = await import('./outboxWorker');
    let senders = messaging.senders();
    const worker = new OutboxWorker({ gateway, worker: 'pc-losing', senders: () => senders, afterClaim: () => (senders = {}) });
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, released: 1, sent: 0 });
    expect((await deliveriesOf(gateway, userId))[0]!.deliveries[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await deliveriesOf(gateway, userId))[0]!.deliveries[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  test('verify and sendTest report what really happened, including bad credentials', async () => {
    const { messaging } = await setup();
    expect(await messaging.verifySmtp()).toEqual({ ok: true });
    const sent = await messaging.sendTest('email', 'test@kafkasder.test');
    expect(sent.ok).toBe(true);
    expect(sent.providerId).toMatch(/@/);
    expect(peer.received[0]!.subject).toBe('Kafkasder Paneli deneme iletisi');
    await messaging.save({ smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: creds.user, password: 'wrong', from: 'panel@kafkasder.test' } });
    const bad = await messaging.verifySmtp();
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/EAUTH/);
    const refused = await messaging.sendTest('email', 'test@kafkasder.test');
    expect(refused).toMatchObject({ ok: false });
    expect(peer.received).toHaveLength(1);
  });
});
