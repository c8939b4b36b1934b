// What stops messages going out is refused or reported, never silent: SMTP sign-in without TLS is
// refused when saved (and by the sender, for settings saved before the rule); secrets sealed by
// another host stop the outbox worker with a problem that Settings and the inbox receive, and new
// settings clear it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import type { AppError } from '../../../shared/contract/schemas';
import { AppError as CoreAppError } from '../../core/errors/appError';
import { plainSecretBox, type SecretBox } from '../../core/storage/secretBox';
import { MessagingSecretStore } from './secretStore';
import { createEmailSender, signsInWithoutTls } from './emailSender';
import { Messaging } from './messaging';
import { backendWithUser, deliveriesOf, tempDir } from './messaging.test-util';
import { startSmtpPeer, type SmtpPeer } from './testPeers.test-util';

const creds = { user: 'panel', pass: 'smtp-Sırrı-123' };
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer(creds);
});
afterAll(async () => {
  await peer.close();
});

const keychainBox: SecretBox = {
  sealedBy: 'safeStorage',
  protection: 'os_keychain',
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (buf) => Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('SMTP sign-in without TLS', () => {
  test('is refused on save with a message in both languages; a loopback relay and a server without sign-in are fine', async () => {
    const { gateway } = await backendWithUser({ name: 'Ayşe Öztürk', email: 'ayse@example.org' });
    const messaging = new Messaging({ dataDir: tempDir(), box: plainSecretBox, gateway });
    const smtp = { host: 'smtp.example.org', port: 25, secure: 'none' as const, user: 'panel', password: 'p', from: 'panel@example.org' };
    let refused: unknown;
    try {
      await messaging.save({ smtp });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(CoreAppError);
    expect((refused as CoreAppError).toData()).toMatchObject({ code: 'smtp_cleartext_auth', messageTr: expect.stringContaining('TLS ya da STARTTLS') });
    expect(messaging.status().email.configured).toBe(false);
    expect((await messaging.save({ smtp: { ...smtp, secure: 'starttls', port: 587 } })).email).toMatchObject({ configured: true, secure: 'starttls' });
    expect((await messaging.save({ smtp: { ...smtp, user: undefined, password: undefined } })).email).toMatchObject({ configured: true, secure: 'none' });
    expect((await messaging.save({ smtp: { ...smtp, host: '127.0.0.1' } })).email.configured).toBe(true);
    await messaging.close();
  });

  test('is refused by the sender without connecting, for settings saved before the rule', async () => {
    expect(signsInWithoutTls({ host: '::1', secure: 'none', user: 'a' })).toBe(false);
    expect(signsInWithoutTls({ host: '10.0.0.5', secure: 'none', user: 'a' })).toBe(true);
    expect(signsInWithoutTls({ host: '10.0.0.5', secure: 'starttls', user: 'a' })).toBe(false);
    // TEST-NET-1: a real connection attempt would hang or fail with a network error instead.
    const sender = createEmailSender({ host: '192.0.2.1', port: 25, secure: 'none', user: 'panel', password: 'p', from: 'a@example.org' }, { timeoutMs: 60_000 });
    expect(await sender.verify()).toEqual({ ok: false, error: 'cleartext_auth' });
    expect(await sender.send({ to: 'b@example.org', subject: 's', text: 't', html: 't' })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^cleartext_auth/) });
    sender.close();
    // The same settings on loopback do sign in (the relay is on this PC).
    const local = createEmailSender({ host: '127.0.0.1', port: peer.port, secure: 'none', user: creds.user, password: creds.pass, from: 'a@example.org' });
    expect(await local.verify()).toEqual({ ok: true });
    local.close();
  });
});

describe('outbox worker problems', () => {
  test('secrets sealed by the desktop stop web mode’s outbox worker visibly, and entering them again clears it', async () => {
    const { gateway, userId } = await backendWithUser({ name: 'Ayşe Öztürk', email: 'ayse@example.org' });
    const dataDir = tempDir();
    // The desktop app saved SMTP settings here with its keychain box.
    new MessagingSecretStore(dataDir, keychainBox).save({
      smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: creds.user, password: creds.pass, from: 'panel@example.org' },
    });
    const problems: Array<AppError | null> = [];
    const messaging = new Messaging({ dataDir, box: plainSecretBox, gateway, outboxWorker: { worker: 'web', maxSleepMs: 50, leaseMs: 300 }, onProblem: (p) => problems.push(p) });
    expect(messaging.status().problem?.code).toBe('secrets_sealed_elsewhere');

    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'gorev', title: 'İğdır', body: 'Çağrı listesi' });
    messaging.start();
    await expect.poll(() => problems.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ code: 'secrets_sealed_elsewhere', messageTr: expect.stringContaining('yeniden girin') });
    expect(messaging.status().problem?.code).toBe('secrets_sealed_elsewhere');
    expect(peer.received).toHaveLength(0);
    const [waiting] = await deliveriesOf(gateway, userId);
    expect(waiting?.deliveries[0]?.state).not.toBe('sent');

    // Entered again in this host: the problem clears and the e-mail goes out.
    await messaging.save({ smtp: { host: '127.0.0.1', port: peer.port, secure: 'none', user: creds.user, password: creds.pass, from: 'panel@example.org' } });
    expect(problems.at(-1)).toBeNull();
    expect(messaging.status().problem).toBeUndefined();
    await expect.poll(() => peer.received.length, { timeout: 15_000 }).toBe(1);
    await messaging.close();
  });
});
