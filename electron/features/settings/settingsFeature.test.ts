// What a PC sends through, where it connects, how long it keeps personal data and when it locks
// are the administrator's: the core refuses everyone else (an observer, a colleague, nobody signed
// in) before it writes anything, and an administrator's change is audited on the server first.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import type { Role } from '../../../shared/domain/roles';
import { startDemoCore, type DemoCore } from '../../web/demoCore';
import { demoDeployment } from '../../core/backend/rehearsal.test-util';

const open: DemoCore[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.core.close();
});

async function core(signInAs?: Role) {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-settings-'));
  const demo = await startDemoCore({ host: 'web', dataDir, signInAs, demo: await demoDeployment() });
  open.push(demo);
  return { ...demo, dataDir };
}

const smtp = { host: 'evil.example.org', port: 587, secure: 'starttls' as const, user: 'x', password: 'y', from: 'a@evil.example.org' };
const settingsFile = (dataDir: string) => join(dataDir, 'settings.json');
const messagingFile = (dataDir: string) => join(dataDir, 'demo-session-messaging', 'messaging.json');

describe('local settings are the administrator’s', () => {
  test('an observer, a colleague and nobody signed in are refused, and no file is written', async () => {
    // One demo core, people taking turns at it (seeding the demo data is the slow part).
    const { core: c, dataDir } = await core();
    const before = existsSync(settingsFile(dataDir)) ? readFileSync(settingsFile(dataDir), 'utf8') : null;
    const settingsBefore = await c.dispatch('getSettings', {});
    expect(settingsBefore).toMatchObject({ ok: true, value: { retentionDays: 30, idleLockMinutes: 15 } });
    for (const who of ['gozlemci', 'personel', 'signed out'] as const) {
      if (who !== 'signed out') {
        const account = DEMO_ACCOUNTS.find((a) => a.role === who)!;
        expect(await c.dispatch('signIn', { email: account.email, password: account.password })).toMatchObject({ ok: true });
      }
      const code = who === 'signed out' ? 'unauthenticated' : 'forbidden';
      for (const [channel, input] of [
        ['saveMessagingSettings', { smtp }],
        ['verifySmtp', {}],
        ['sendTestMessage', { channel: 'email', to: 'someone@example.org' }],
        ['saveSettings', { retentionDays: 365 }],
        ['saveSettings', { idleLockMinutes: 240 }],
        ['saveSettings', { backendUrl: 'https://evil.example.org' }],
        ['saveServer', { url: 'https://evil.example.org' }],
      ] as const) {
        const r = await c.dispatch(channel, input);
        expect(r, `${who}: ${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code } });
      }
      expect(existsSync(messagingFile(dataDir))).toBe(false);
      expect(existsSync(settingsFile(dataDir)) ? readFileSync(settingsFile(dataDir), 'utf8') : null).toBe(before);
      expect(await c.dispatch('getSettings', {})).toEqual(settingsBefore);
      if (who !== 'signed out') expect(await c.dispatch('signOut', {})).toMatchObject({ ok: true });
    }
    // The language is everyone's own choice.
    expect(await c.dispatch('saveSettings', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
  }, 60_000);

  test('an administrator’s change is audited on the server, then saved', async () => {
    const { core: c, gateway, dataDir } = await core('yonetici');
    expect(await c.dispatch('saveSettings', { retentionDays: 90 })).toMatchObject({ ok: true, value: { retentionDays: 90 } });
    expect(JSON.parse(readFileSync(settingsFile(dataDir), 'utf8'))).toMatchObject({ retentionDays: 90 });
    expect(await c.dispatch('saveSettings', { idleLockMinutes: 5 })).toMatchObject({ ok: true, value: { idleLockMinutes: 5 } });
    expect(JSON.parse(readFileSync(settingsFile(dataDir), 'utf8'))).toMatchObject({ retentionDays: 90, idleLockMinutes: 5 });
    // Outside 1–240 minutes the channel's schema refuses it.
    expect(await c.dispatch('saveSettings', { idleLockMinutes: 0 })).toMatchObject({ ok: false });
    expect(await c.dispatch('saveSettings', { idleLockMinutes: 241 })).toMatchObject({ ok: false });
    expect(await c.dispatch('saveMessagingSettings', { smtp: { ...smtp, host: 'smtp.kafkasder.test' } })).toMatchObject({ ok: true });
    expect(existsSync(messagingFile(dataDir))).toBe(true);
    const audit = await gateway.query(api.audit.list, { paginationOpts: { cursor: null, numItems: 20 } });
    const changes = audit.page.filter((e) => e.action === 'settings_change').map((e) => [e.collection, e.actorName, e.summary]);
    expect(changes).toContainEqual(['local', 'Ayşe Yılmaz', expect.objectContaining({ retentionDays: 90 })]);
    expect(changes).toContainEqual(['local', 'Ayşe Yılmaz', expect.objectContaining({ idleLockMinutes: 5 })]);
    expect(changes).toContainEqual(['messaging', 'Ayşe Yılmaz', { email: true, sms: false, changed: ['smtp'] }]);
  }, 60_000);
});
