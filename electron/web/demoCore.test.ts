// Demo data never reaches real providers with settings saved outside the session: a core over the
// demo deployment (a rehearsal backend) ignores the messaging settings already in its data folder (the desktop's, when
// the desktop opens with demo data) and forgets the ones entered during the session.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { plainSecretBox } from '../core/storage/secretBox';
import { MessagingSecretStore } from '../features/messaging/secretStore';
import { startDemoCore } from './demoCore';
import { demoDeployment } from '../core/backend/rehearsal.test-util';
import { unusedPort } from '../core/localPorts.test-util';

it('a demo core uses only messaging settings entered in its own session', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-core-'));
  const saved = { host: 'smtp.example.org', port: 587, secure: 'starttls' as const, user: 'panel', password: 'gizli', from: 'panel@example.org' };
  new MessagingSecretStore(dataDir, plainSecretBox).save({ smtp: saved });
  const before = readFileSync(join(dataDir, 'messaging.json'), 'utf8');

  const demo = await startDemoCore({ host: 'electron', dataDir, signInAs: 'yonetici', demo: await demoDeployment() });
  const status = await demo.core.dispatch('getMessagingSettings', {});
  expect(status).toMatchObject({ ok: true, value: { email: { configured: false }, sms: { configured: false } } });
  const entered = await demo.core.dispatch('saveMessagingSettings', { smtp: { ...saved, host: 'smtp2.example.org' } });
  expect(entered).toMatchObject({ ok: true, value: { email: { configured: true, host: 'smtp2.example.org' } } });
  await demo.core.close();

  // The folder's own settings are untouched; the session's are gone.
  expect(readFileSync(join(dataDir, 'messaging.json'), 'utf8')).toBe(before);
  expect(existsSync(join(dataDir, 'demo-session-messaging'))).toBe(false);
  const again = await startDemoCore({ host: 'electron', dataDir, signInAs: 'personel', demo: await demoDeployment() });
  expect(await again.core.dispatch('getMessagingSettings', {})).toMatchObject({ ok: true, value: { email: { configured: false } } });
  await again.core.close();
});

it('a second core over the first one’s deployment (`npm run web -- --backend URL`) is a second office PC: same data, its own files, no demo accounts listed', async () => {
  // The first one's demo deployment on the port it is given (`npm run web -- --port N` gives N+1).
  const backendPort = await unusedPort({ andNext: true });
  const first = await startDemoCore({ host: 'web', dataDir: mkdtempSync(join(tmpdir(), 'demo-core-a-')), signInAs: 'yonetici', backendPort });
  try {
    const url = first.core.services.backend.url!;
    expect(url).toBe(`http://127.0.0.1:${backendPort}`);
    const secondDir = mkdtempSync(join(tmpdir(), 'demo-core-b-'));
    const second = await startDemoCore({ host: 'web', dataDir: secondDir, backendUrl: url });
    try {
      expect(second.core.services.backend).toMatchObject({ kind: 'convex', url });
      expect(second.demoAccounts).toEqual([]);
      const session = await second.core.dispatch('getSession', {});
      expect(session).toMatchObject({ ok: true });
      expect((session as { value: object }).value).not.toHaveProperty('demoAccounts');
      const personel = first.demoAccounts.find((a) => a.role === 'personel')!;
      expect(await second.core.dispatch('signIn', { email: personel.email, password: personel.password })).toMatchObject({ ok: true });

      // What one PC deletes, the other no longer lists.
      const list = async (d: typeof first) => {
        const res = await d.core.dispatch('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 50 });
        if (!res.ok) throw new Error(res.error.message);
        return (res.value as { page: { _id: string }[] }).page.map((r) => r._id);
      };
      const ids = await list(second);
      expect(ids.length).toBeGreaterThan(1);
      expect(await first.core.dispatch('deleteRecord', { collection: 'beneficiaries', id: ids[0]!, reason: 'çift kayıt' })).toMatchObject({ ok: true });
      expect(await list(second)).toEqual(ids.slice(1));
    } finally {
      await second.core.close();
    }
    // Closing the second host leaves the deployment it did not start running.
    expect(await first.core.dispatch('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 5 })).toMatchObject({ ok: true });
  } finally {
    await first.core.close();
  }
});
