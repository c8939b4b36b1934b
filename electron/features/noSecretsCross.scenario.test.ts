// Tokens stay in the main process: after signing in, EVERY channel the renderer can call is
// called and EVERY job kind runs, each with an input generated from its contract schema
// (shared/contract/sampleInput: a new channel or job is called the day it is added; a schema the
// generator cannot satisfy fails the test), with real ids and the person's real password where a
// call means something only with them (the password change succeeds, a staff account is reset).
// Every answer and every event the renderer would receive is serialised and searched for the
// access token, the refresh token, the passwords and anything token- or hash-shaped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { internal } from '../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../convex/demo';
import { channelNames, channels, type ChannelName } from '../../shared/contract/channels';
import { jobs, type JobKind } from '../../shared/contract/jobs';
import { sampleInput, type SampleHints } from '../../shared/contract/sampleInput.test-util';
import { testBackend } from '../core/backend/rehearsal.test-util';
import { createCore } from './createCore';
import { FileGrants } from '../core/fileGrants';
import { SettingsStore } from '../core/storage/settingsStore';
import { memoryTokenStore } from '../core/session/authSession';

const dir = mkdtempSync(join(tmpdir(), 'kafkasder-no-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Run first, in this order: what later calls work on (a colleague, a notification, a request),
 * and the dry run's rows before fixCell changes the check (which drops its dry run). The rest
 * follow in contract order, signOut last.
 */
const FIRST: ChannelName[] = ['createStaff', 'createNotification', 'createDataRequest', 'getDryRunRows'];
const JOB_ORDER: JobKind[] = ['importCheck', 'importDryRun', 'importRun', 'importUndo', 'export', 'bulkSend'];

test('no handler output or event after sign-in carries a token, a refresh token, a password or a hash', async () => {
  const gateway = await testBackend();
  await gateway.internal.action(internal.demo.seedAll, {});
  const tokenStore = memoryTokenStore();
  const files = new FileGrants();
  const core = createCore({ host: 'electron', version: '0.0.0', backend: { kind: 'memory', source: 'memory' }, gateway, settings: new SettingsStore(dir), dataDir: dir, files, tokenStore });
  const seen: unknown[] = [];
  core.bus.subscribe((name, payload) => seen.push({ event: name, payload }));
  // The tokens of every moment (a password change may replace them): none may appear in what was seen.
  const tokens = new Set<string>();
  const noteTokens = async () => {
    const access = await core.services.auth.fetchToken({ forceRefreshToken: false });
    const refresh = await tokenStore.load();
    for (const t of [access, refresh, refresh?.split('|')[0]]) if (t) tokens.add(t);
  };
  const call = async (name: ChannelName, input: unknown) => {
    const res = await core.dispatch(name, input);
    seen.push({ channel: name, res });
    if (name !== 'signOut') await noteTokens();
    return res;
  };
  const jobEnd = (jobId: string) =>
    new Promise<{ event: string; payload: unknown }>((resolve) => {
      const stop = core.bus.subscribe((event, payload) => {
        if ((event === 'jobDone' || event === 'jobFailed') && (payload as { jobId?: string }).jobId === jobId) {
          stop();
          resolve({ event, payload });
        }
      });
    });
  // The demo's own passwords are shown on its sign-in page by design: the check uses an account
  // made here, whose password nothing should ever echo.
  const demoAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'yonetici')!;
  await core.dispatch('signIn', { email: demoAdmin.email, password: demoAdmin.password });
  const admin = { email: 'selin.acar@example.org', password: 'Selin-Acar-şifresi-2026' };
  expect(await core.dispatch('createStaff', { name: 'Selin Acar', email: admin.email, role: 'yonetici', password: admin.password })).toMatchObject({ ok: true });
  await core.dispatch('signOut', {});
  expect(await call('signIn', { email: admin.email, password: admin.password })).toMatchObject({ ok: true });

  // Real things for the calls to work on: a person on record, a colleague, a file to import.
  const list = (await core.dispatch('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 1 })) as { ok: true; value: { page: { _id: string; nationalId: string }[] } };
  const person = list.value.page[0]!;
  const csv = join(dir, 'liste.csv');
  // One row the check refuses (TC Kimlik No's checksum), so the run writes an error report; a
  // signature line (not data) for setRowData to take back.
  writeFileSync(csv, `Ad Soyad;TC Kimlik No;İl\r\nŞükrü Öztürk;10000000146;Kars\r\nHatalı Kişi;12345678900;Van\r\nHazırlayan: Sosyal Yardım;;\r\n`);
  const self = (await core.dispatch('getProfile', {})) as { ok: true; value: { id: string } };
  const made: Record<string, string> = {};
  const newPassword = 'Selin-Acar-yeni-şifre-2026';
  const hintsFor = (name: string): SampleHints => ({
    cursor: null,
    numItems: 50,
    limit: 50,
    offset: 0,
    collection: 'beneficiaries',
    id: name.includes('DataRequest') ? made.dataRequest : name === 'markRead' ? made.notification : person._id,
    key: person.nationalId,
    nationalId: person.nationalId,
    userId: made.staff,
    recipientId: self.value.id,
    assigneeId: self.value.id,
    requestId: made.dataRequest,
    reason: 'KVKK m.7 silme talebi',
    confirm: person.nationalId,
    receivedAt: Date.now() - 60_000,
    field: 'city',
    rowNumber: name === 'setRowData' ? 4 : 3,
    currentPassword: admin.password,
    newPassword,
    password: 'ilk-sifre-1234',
    email: 'deniz.acar@example.org',
    name: 'Deniz Acar',
    url: gateway.url,
    file: files.grant(csv, ['read', 'reveal']),
    fileId: files.grant(csv, ['read', 'reveal']),
    target: files.grant(join(dir, `${name}.out`), ['write']),
    mapping: ['fullName', 'nationalId', 'city'],
    // The run checks the file itself, leaving the check's dry run for getDryRunRows.
    checkId: name === 'importRun' ? undefined : made.checkId,
    runId: made.runId,
    jobId: made.jobId,
    mode: 'upsert',
    values: { city: 'Van' },
    // A bulk send returns once enqueued: no PC here sends, so following the sends would never end.
    waitForDelivery: false,
  });
  const input = (name: ChannelName) => {
    const value = sampleInput(channels[name].input, hintsFor(name), name);
    expect(channels[name].input.safeParse(value).success, name).toBe(true);
    return value;
  };

  // Every job kind, through startJob, each to its end (done or failed), in an order where each finds what it needs.
  const called = new Set<string>(['signIn']);
  const answers: Record<string, { ok: boolean; error?: { code?: string } }> = {};
  expect([...JOB_ORDER].sort()).toEqual(Object.keys(jobs).sort());
  for (const kind of JOB_ORDER) {
    const jobInput = sampleInput(jobs[kind].input, hintsFor(kind), kind);
    expect(jobs[kind].input.safeParse(jobInput).success, kind).toBe(true);
    const started = (await call('startJob', { kind, input: jobInput })) as { ok: true; value: { jobId: string } };
    expect(started, kind).toMatchObject({ ok: true });
    made.jobId = started.value.jobId;
    const end = await jobEnd(started.value.jobId);
    answers[`job:${kind}`] = end.event === 'jobDone' ? { ok: true } : { ok: false, error: (end.payload as { error: { code: string } }).error };
    const result = (end.payload as { result?: { checkId?: string; runId?: string } }).result;
    if (result?.checkId) made.checkId = result.checkId;
    if (result?.runId) made.runId = result.runId;
    called.add(`job:${kind}`);
  }
  called.add('startJob');

  const order = [...FIRST, ...channelNames.filter((n) => !FIRST.includes(n) && n !== 'signOut' && n !== 'signIn' && n !== 'startJob')];
  for (const name of order) {
    const res = (await call(name, input(name))) as { ok: boolean; value?: { id?: string; userId?: string } };
    answers[name] = res;
    if (name === 'createStaff') made.staff = res.value?.id ?? '';
    if (name === 'createNotification') made.notification = res.value?.id ?? '';
    if (name === 'createDataRequest') made.dataRequest = res.value?.id ?? '';
    called.add(name);
  }
  await call('signOut', {});
  called.add('signOut');

  // Every channel and every job kind was called; none was passed over for its input.
  expect([...called].sort()).toEqual([...channelNames, ...JOB_ORDER.map((k) => `job:${k}`)].sort());
  // Most answered as they would for the person at the screen (a refusal carries no secret either,
  // but an answer that worked is where one would leak). These refuse for a reason of their own.
  const REFUSED = new Set([
    'createFirstAdmin', // the deployment has its administrator
    'erasurePreview', // the sample request is not an erasure request
    'startErasure',
  ]);
  expect(Object.entries(answers).filter(([name, a]) => a.ok === REFUSED.has(name)).map(([name, a]) => `${name}: ${a.error?.code ?? 'ok'}`)).toEqual([]);
  expect(answers.changeOwnPassword).toMatchObject({ ok: true });

  expect([...tokens].some((t) => t.startsWith('eyJ'))).toBe(true);
  expect(tokens.size).toBeGreaterThan(2);

  const text = JSON.stringify(seen);
  expect(text).toContain(admin.email); // the serialised answers are really here
  for (const token of tokens) expect(text).not.toContain(token);
  expect(text).not.toContain(admin.password);
  expect(text).not.toContain(newPassword);
  expect(text).not.toContain('ilk-sifre-1234');
  expect(text).not.toMatch(/eyJ[\w-]{8,}\.[\w-]{8,}/); // any JWT
  expect(text).not.toMatch(/"(secret|refreshToken|accessToken|token|passwordHash|hash)"\s*:/i);

  await core.close();
}, 60_000);
