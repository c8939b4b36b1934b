// Tokens stay in the main process: after signing in, every channel the renderer can call is
// called (those that take no input, plus the paged reads and staff administration with sample
// input), an export job runs, and every answer and every event the renderer would receive is
// serialised and searched for the access token, the refresh token, the password and anything
// token- or hash-shaped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { internal } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import { channelNames, channels, type ChannelName } from '../../../shared/contract/channels';
import { testBackend } from '../backend/rehearsal.test-util';
import { createCore } from '../core/createCore';
import { FileGrants } from '../core/fileGrants';
import { SettingsStore } from '../settings/settingsStore';
import { memoryTokenStore } from './authSession';

const dir = mkdtempSync(join(tmpdir(), 'kafkasder-no-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sample input for channels that need some; the rest are called with {} when the contract accepts it. */
const page = { cursor: null, numItems: 50 };
const SAMPLES: Partial<Record<ChannelName, unknown>> = {
  listRecords: { collection: 'beneficiaries', ...page },
  listAudit: page,
  listImportRuns: page,
  listNotifications: page,
  listSentNotifications: page,
};
/** Not called: they end the session, restart the app or touch the network; signOut runs last. */
const SKIP = new Set<ChannelName>(['signOut', 'saveServer', 'checkServer', 'verifySmtp', 'sendTestMessage']);

test('no handler output or event after sign-in carries a token, a refresh token, a password or a hash', async () => {
  const gateway = await testBackend();
  await gateway.internal.action(internal.demo.seedAll, {});
  const tokenStore = memoryTokenStore();
  const files = new FileGrants();
  const core = createCore({ host: 'electron', version: '0.0.0', backend: { kind: 'memory', source: 'memory' }, gateway, settings: new SettingsStore(dir), dataDir: dir, files, tokenStore });
  const seen: unknown[] = [];
  core.bus.subscribe((name, payload) => seen.push({ event: name, payload }));
  const call = async (name: ChannelName, input: unknown) => {
    const res = await core.dispatch(name, input);
    seen.push({ channel: name, res });
    return res;
  };
  // The demo's own passwords are shown on its sign-in page by design: the check uses an account
  // made here, whose password nothing should ever echo.
  const demoAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'yonetici')!;
  await core.dispatch('signIn', { email: demoAdmin.email, password: demoAdmin.password });
  const admin = { email: 'selin.acar@example.org', password: 'Selin-Acar-şifresi-2026' };
  expect(await core.dispatch('createStaff', { name: 'Selin Acar', email: admin.email, role: 'yonetici', password: admin.password })).toMatchObject({ ok: true });
  await core.dispatch('signOut', {});
  expect(await call('signIn', { email: admin.email, password: admin.password })).toMatchObject({ ok: true });

  let called = 0;
  for (const name of channelNames) {
    if (SKIP.has(name) || name === 'signIn') continue;
    const input = SAMPLES[name] ?? {};
    if (!channels[name].input.safeParse(input).success) continue;
    await call(name, input);
    called++;
  }
  // Staff administration, with a first password the administrator sets.
  const created = await call('createStaff', { name: 'Deniz Acar', email: 'deniz.acar@example.org', role: 'personel', password: 'ilk-sifre-1234' });
  expect(created).toMatchObject({ ok: true });
  // A job: its progress and result events go to the renderer too.
  const target = files.grant(join(dir, 'export.json'), ['write']);
  const started = await call('startJob', { kind: 'export', input: { collection: 'beneficiaries', format: 'json', target } });
  expect(started).toMatchObject({ ok: true });
  for (let i = 0; i < 200 && !seen.some((s) => (s as { event?: string }).event === 'jobDone'); i++) await new Promise((r) => setTimeout(r, 25));

  const accessToken = await core.services.auth.fetchToken({ forceRefreshToken: false });
  const refreshToken = await tokenStore.load();
  expect(accessToken).toMatch(/^eyJ/);
  expect(refreshToken).toBeTruthy();
  expect(called).toBeGreaterThan(15);

  const text = JSON.stringify(seen);
  expect(text).toContain(admin.email); // the serialised answers are really here
  expect(text).not.toContain(accessToken!);
  expect(text).not.toContain(refreshToken!);
  expect(text).not.toContain(refreshToken!.split('|')[0]!);
  expect(text).not.toContain(admin.password);
  expect(text).not.toContain('ilk-sifre-1234');
  expect(text).not.toMatch(/eyJ[\w-]{8,}\.[\w-]{8,}/); // any JWT
  expect(text).not.toMatch(/"(secret|refreshToken|accessToken|token|passwordHash|hash)"\s*:/i);

  await call('signOut', {});
  await core.close();
}, 60_000);
