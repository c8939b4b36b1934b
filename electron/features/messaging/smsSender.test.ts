// SMS through the real twilio library: against Prism serving Twilio's OpenAPI spec (every
// request must match it, or Prism answers 422) and a scripted peer for 429s and error codes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import { plainSecretBox } from '../../core/storage/secretBox';
import { Messaging } from './messaging';
import { backendWithUser, deliveriesOf, tempDir } from './messaging.test-util';
import { createSmsSender } from './smsSender';
import { LoopbackRequestClient, startPrism, startScriptedTwilio, type PrismPeer } from './testPeers.test-util';

const ACCOUNT = `AC${'1a'.repeat(16)}`;
const TOKEN = 'twilio-auth-token-Gizli';
const SERVICE = `MG${'2b'.repeat(16)}`;
let prism: PrismPeer;

beforeAll(async () => {
  prism = await startPrism();
}, 90_000);
afterAll(async () => {
  await prism?.close();
});

describe('SMS against the Twilio spec (Prism)', () => {
  test('a Turkish number is sent as E.164 from a number and from a messaging service', async () => {
    const client = new LoopbackRequestClient(prism.origin);
    const byNumber = createSmsSender({ accountSid: ACCOUNT, authToken: TOKEN, from: '+905301112233' }, { httpClient: client, minTime: 0 });
    const r1 = await byNumber.send({ to: '0532 123 45 67', body: 'Toplantı hatırlatması: Şubat — İğdır' });
    expect(r1).toMatchObject({ ok: true });
    expect(r1.ok && r1.providerId).toMatch(/^SM/);
    const byService = createSmsSender({ accountSid: ACCOUNT, authToken: TOKEN, messagingServiceSid: SERVICE }, { httpClient: client, minTime: 0 });
    expect(await byService.send({ to: '+90 532 123 45 67', body: 'Görev atandı' })).toMatchObject({ ok: true });
    expect(client.uris).toEqual([
      `${prism.origin}/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
      `${prism.origin}/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
    ]);
    await byNumber.close();
    await byService.close();
  });

  test('a number that is not a Turkish mobile is refused before any request', async () => {
    const client = new LoopbackRequestClient(prism.origin);
    const sender = createSmsSender({ accountSid: ACCOUNT, authToken: TOKEN, from: '+905301112233' }, { httpClient: client });
    expect(await sender.send({ to: '0212 555 12 12', body: 'x' })).toMatchObject({ ok: false, retryable: false });
    expect(client.uris).toEqual([]);
    await sender.close();
  });

  test('the outbox worker sends an SMS notification and records the provider id', async () => {
    const { gateway, userId } = await backendWithUser({ name: 'Mehmet Kaya', phone: '0532 765 43 21' });
    await gateway.mutation(api.preferences.set, { prefs: { toplanti: { email: false, sms: true } } });
    await gateway.mutation(api.notifications.create, { recipientId: userId, kind: 'toplanti', title: 'Şubat', body: '' });
    const messaging = new Messaging({ dataDir: tempDir(), box: plainSecretBox, gateway, sms: { httpClient: new LoopbackRequestClient(prism.origin), minTime: 0 } });
    await messaging.save({ twilio: { accountSid: ACCOUNT, authToken: TOKEN, from: '+905301112233' } });
    expect(await messaging.outboxWorker.runOnce()).toMatchObject({ sent: 1 });
    const [n] = await deliveriesOf(gateway, userId);
    expect(n!.deliveries).toEqual([{ channel: 'sms', state: 'sent', attempts: 1 }]);
    expect(n!.channels).toEqual(['in_app', 'sms']);
    expect(n!.status).toBe('gonderildi');
    await messaging.close();
  });
});

describe('SMS faults (scripted peer)', () => {
  test('HTTP 429 twice, then success: one message, no outbox retry needed', async () => {
    const peer = await startScriptedTwilio([{ status: 429 }, { status: 429 }]);
    const sender = createSmsSender({ accountSid: ACCOUNT, authToken: TOKEN, from: '+905301112233' }, { httpClient: new LoopbackRequestClient(peer.origin), minTime: 0, retryDelayMs: 20 });
    const r = await sender.send({ to: '05321234567', body: 'Merhaba' });
    expect(r).toMatchObject({ ok: true });
    expect(peer.requests).toBe(3);
    expect(peer.accepted).toHaveLength(1);
    expect(peer.accepted[0]).toMatchObject({ To: '+905321234567', From: '+905301112233', Body: 'Merhaba' });
    await sender.close();
    await peer.close();
  });

  test('429 beyond the limiter’s retries is left to the outbox; 21211/21614/21610 are final; 5xx is retried', async () => {
    const peer = await startScriptedTwilio([
      { status: 429 }, { status: 429 }, { status: 429 },
      { status: 400, code: 21211 },
      { status: 400, code: 21614 },
      { status: 400, code: 21610 },
      { status: 503, code: 20503 },
    ]);
    const sender = createSmsSender({ accountSid: ACCOUNT, authToken: TOKEN, from: '+905301112233' }, { httpClient: new LoopbackRequestClient(peer.origin), minTime: 0, retries429: 2, retryDelayMs: 5 });
    const send = () => sender.send({ to: '05321234567', body: 'x' });
    expect(await send()).toMatchObject({ ok: false, retryable: true });
    for (const code of [21211, 21614, 21610]) {
      const r = await send();
      expect(r).toMatchObject({ ok: false, retryable: false });
      expect(!r.ok && r.error).toContain(String(code));
    }
    expect(await send()).toMatchObject({ ok: false, retryable: true });
    expect(peer.accepted).toHaveLength(0);
    await sender.close();
    await peer.close();
  });
});
