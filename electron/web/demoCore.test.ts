// Demo data never reaches real providers with settings saved outside the session: a core over the
// in-memory backend ignores the messaging settings already in its data folder (the desktop's, when
// the desktop opens with demo data) and forgets the ones entered during the session.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MessagingSecretStore, plainSecretBox } from '../services/settings/secretStore';
import { startDemoCore } from './demoCore';

it('a demo core uses only messaging settings entered in its own session', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-core-'));
  const saved = { host: 'smtp.example.org', port: 587, secure: 'starttls' as const, user: 'panel', password: 'gizli', from: 'panel@example.org' };
  new MessagingSecretStore(dataDir, plainSecretBox).save({ smtp: saved });
  const before = readFileSync(join(dataDir, 'messaging.json'), 'utf8');

  const demo = await startDemoCore({ host: 'electron', dataDir, signInAs: 'yonetici' });
  const status = await demo.core.dispatch('getMessagingSettings', {});
  expect(status).toMatchObject({ ok: true, value: { email: { configured: false }, sms: { configured: false } } });
  const entered = await demo.core.dispatch('saveMessagingSettings', { smtp: { ...saved, host: 'smtp2.example.org' } });
  expect(entered).toMatchObject({ ok: true, value: { email: { configured: true, host: 'smtp2.example.org' } } });
  await demo.core.close();

  // The folder's own settings are untouched; the session's are gone.
  expect(readFileSync(join(dataDir, 'messaging.json'), 'utf8')).toBe(before);
  expect(existsSync(join(dataDir, 'demo-session-messaging'))).toBe(false);
  const again = await startDemoCore({ host: 'electron', dataDir, signInAs: 'personel' });
  expect(await again.core.dispatch('getMessagingSettings', {})).toMatchObject({ ok: true, value: { email: { configured: false } } });
  await again.core.close();
});
