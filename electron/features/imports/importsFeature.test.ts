// The import history's "Kişi" column: listImportRuns carries the name of whoever started a run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { api, internal } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import { memoryTokenStore } from '../../core/session/authSession';
import { testBackend } from '../../core/backend/rehearsal.test-util';
import { createCore } from '../createCore';
import { FileGrants } from '../../core/fileGrants';
import { SettingsStore } from '../../core/storage/settingsStore';

const dir = mkdtempSync(join(tmpdir(), 'kafkasder-import-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('listImportRuns names the person who ran each import', async () => {
  const gateway = await testBackend();
  await gateway.internal.action(internal.demo.seedAll, {});
  const core = createCore({
    host: 'electron',
    version: '0.0.0',
    backend: { kind: 'memory', source: 'memory' },
    gateway,
    settings: new SettingsStore(dir),
    dataDir: dir,
    files: new FileGrants(),
    tokenStore: memoryTokenStore(),
  });
  const staff = DEMO_ACCOUNTS.find((a) => a.role === 'personel')!;
  expect(await core.dispatch('signIn', { email: staff.email, password: staff.password })).toMatchObject({ ok: true });
  await gateway.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'bagislar.csv' });
  const res = (await core.dispatch('listImportRuns', { cursor: null, numItems: 10 })) as { ok: boolean; value: { page: { fileName: string; actorName?: string }[] } };
  expect(res).toMatchObject({ ok: true });
  expect(res.value.page.find((r) => r.fileName === 'bagislar.csv')).toMatchObject({ actorName: staff.name });
});
