// Journey: messaging in an office of three PCs on one deployment. PC A (an administrator's) can
// send e-mail and SMS, PC B only e-mail, PC C neither. From C a colleague imports 500 people,
// assigns 300 tasks and sends everyone an e-mail and an SMS campaign. While A is
// off, SMS wait and C is told no PC can send them; B takes a batch of e-mails and dies before
// sending it. When A comes on it sends every SMS and, once B's lease ends, B's e-mails too: each
// message reaches the loopback SMTP server or the Twilio peer exactly once, none is skipped, and
// the write-set journal lists no document two overlapping mutations wrote (outside the allow-list).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startScriptedTwilio, startSmtpPeer, type ScriptedTwilio, type SmtpPeer } from '../../electron/features/messaging/testPeers.test-util';
import { SENDER_WINDOW_MS } from '../../convex/notifications';
import { spawnRehearsal, type RehearsalProcess } from '../rehearsal/spawn';
import { beneficiaryCsv, consentAll, importFile, startPc, unexpectedHot, waitFor, type OfficePc } from './office.test-util';

const PEOPLE = 500;
const TASKS = 300;
const SMTP_LOGIN = { user: 'panel', pass: 'smtp-parola-123' };
const TWILIO = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'twilio-token-123', from: '+905001112233' };

let backend: RehearsalProcess;
let smtp: SmtpPeer;
let twilio: ScriptedTwilio;
let dir: string;
const pcs: OfficePc[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'journey-three-pcs-'));
  [backend, smtp, twilio] = await Promise.all([spawnRehearsal({ demo: true }), startSmtpPeer(SMTP_LOGIN), startScriptedTwilio([])]);
}, 120_000);

afterAll(async () => {
  for (const pc of pcs) {
    pc.kill();
    await pc.close();
  }
  await Promise.all([backend?.stop(), smtp?.close(), twilio?.close()]);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const account = (role: 'yonetici' | 'personel') => backend.demoAccounts.find((a) => a.role === role)!;
const smtpSettings = () => ({ host: '127.0.0.1', port: smtp.port, secure: 'none' as const, user: SMTP_LOGIN.user, password: SMTP_LOGIN.pass, from: 'panel@kafkasder.org.tr' });

/** A PC set up by an administrator (only they may change how it sends), then used by `role`. */
async function officePc(role: 'yonetici' | 'personel', settings: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<OfficePc> {
  const pc = await startPc(backend.url, { env });
  pcs.push(pc);
  const admin = account('yonetici');
  await pc.call('signIn', { email: admin.email, password: admin.password });
  if (Object.keys(settings).length > 0) await pc.call('saveMessagingSettings', settings);
  if (role !== 'yonetici') {
    await pc.call('signOut', {});
    await pc.call('signIn', { email: account(role).email, password: account(role).password });
  }
  return pc;
}

test('three PCs: every e-mail and SMS goes out exactly once, SMS wait for the one PC that can send them, a crashed PC’s e-mails are sent after its lease', { timeout: 600_000 }, async () => {
  const { mark } = await backend.journal();
  // B dies right after its first claim; its lease is short so the journey need not wait long.
  const b = await officePc('personel', { smtp: smtpSettings() }, { JOURNEY_CRASH_AFTER_CLAIM: '1', JOURNEY_LEASE_MS: '4000' });
  const c = await officePc('personel', {});

  expect(await importFile(c, beneficiaryCsv(dir, 'kisiler.csv', PEOPLE, 900_000), 'kisiler.csv')).toMatchObject({ inserted: PEOPLE, failed: 0 });
  await consentAll(c, PEOPLE, 900_000);
  // Everyone who agreed: those imported and the demo's own (the generated phones and e-mails are the same every run).
  type Preview = { consent: { sendable: number; leftOut: number } };
  const sendable = {
    email: ((await c.call('previewCampaign', { audience: 'beneficiaries', filters: {}, channel: 'email' })) as Preview).consent.sendable,
    sms: ((await c.call('previewCampaign', { audience: 'beneficiaries', filters: {}, channel: 'sms' })) as Preview).consent.sendable,
  };
  expect(sendable.email).toBeGreaterThanOrEqual(PEOPLE);
  expect(sendable.sms).toBeGreaterThanOrEqual(PEOPLE);

  const adminId = ((await c.call('listColleagues', {})) as { id: string; role: string }[]).find((u) => u.role === 'yonetici')!.id;
  // One person may create SENDER_LIMIT notifications in SENDER_WINDOW_MS: the 300 tasks are given
  // over half an hour of the server's clock, as an office would. The clock's jumps resend nothing:
  // the only PC that can send meanwhile, B, sends nothing (it dies after its first claim).
  for (let i = 0; i < TASKS; i += 10) {
    if (i > 0 && i % 100 === 0) await backend.advanceClock(SENDER_WINDOW_MS + 1_000);
    await Promise.all(Array.from({ length: 10 }, (_, j) => c.call('createNotification', { recipientId: adminId, kind: 'gorev', title: `Görev ${i + j + 1}`, body: 'Dosyaları kontrol et.' })));
  }
  const campaign = { audience: 'beneficiaries', filters: {}, title: 'Duyuru', body: 'Yardım dağıtımı cumartesi.', waitForDelivery: true } as const;
  const emails = c.job('bulkSend', { ...campaign, channel: 'email' });
  const texts = c.job('bulkSend', { ...campaign, channel: 'sms' });

  // B took e-mails and died with them unsent.
  await waitFor('PC B to claim and crash', async () => b.child.exitCode !== null || b.child.signalCode !== null, 120_000);
  expect(smtp.received).toHaveLength(0);
  // No PC can send SMS: C is told so, and nothing is skipped meanwhile.
  const sending = (await c.call('sendingPcs', {})) as { canSend: { email: boolean; sms: boolean } };
  expect(sending.canSend.sms).toBe(false);
  expect(twilio.accepted).toHaveLength(0);

  // A comes on: it sends everything, B's e-mails once their lease has ended.
  await officePc('yonetici', { smtp: smtpSettings(), twilio: TWILIO }, { JOURNEY_TWILIO_ORIGIN: twilio.origin });
  const [sentEmails, sentTexts] = await Promise.all([emails, texts]);
  expect(sentEmails).toMatchObject({ status: 'delivered', enqueued: sendable.email, sent: sendable.email, failed: 0 });
  expect(sentTexts).toMatchObject({ status: 'delivered', enqueued: sendable.sms, sent: sendable.sms, failed: 0 });
  await waitFor('the task e-mails', () => smtp.received.filter((m) => m.subject?.includes('Görev')).length >= TASKS, 120_000);

  // Exactly once: every (recipient, subject) arrives once, and nothing else arrives.
  const mails = smtp.received.map((m, i) => `${smtp.envelopes[i]!.join(',')} ${m.subject ?? ''}`);
  expect(new Set(mails).size).toBe(mails.length);
  // The campaign, the tasks, and the import's own notice to the colleague who ran it.
  expect(mails).toHaveLength(sendable.email + TASKS + 1);
  const phones = twilio.accepted.map((m) => m.To);
  expect(new Set(phones).size).toBe(phones.length);
  expect(phones).toHaveLength(sendable.sms);

  const { hot } = await backend.journal(mark);
  expect(unexpectedHot(hot)).toEqual([]);
});
