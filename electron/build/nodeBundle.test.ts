// The desktop app runs bundled: its check workers must start from the bundle (checkWorker.cjs
// beside the code that starts them), not only from source as the other tests do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract/channels';
import { nodeCjsBundle, preloadBundle } from './nodeBundle';
import { spawnRehearsal } from '../../live/rehearsal/spawn';

const dir = mkdtempSync(join(tmpdir(), 'kafkasder-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('starts check workers from the CommonJS bundle and checks rows in them', async () => {
  const units = join(import.meta.dirname, '../features/imports/checking/checkUnits.ts').replaceAll('\\', '/');
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { workerRunner } from ${JSON.stringify(units)};
const rules = { collection: 'beneficiaries', mapping: ['fullName', 'nationalId'], numberStyle: 'tr', partial: false, today: '2025-06-01', columnOfField: {} } as const;
async function main() {
  const runner = workerRunner(rules, 2);
  const started = await runner.start();
  const batch = await runner.check({ kind: 'rows', rows: [{ rowNumber: 2, cells: ['Ayşe Yılmaz', '10000000146'] }, { rowNumber: 3, cells: ['', '123'] }] });
  await runner.close();
  console.log(JSON.stringify({ started, invalid: batch.chunk.errors.indexes.length }));
}
void main();
`,
  );
  await build(nodeCjsBundle(entry, join(dir, 'main.cjs')));
  await build(nodeCjsBundle(join(import.meta.dirname, '../features/imports/checking/checkWorker.ts'), join(dir, 'checkWorker.cjs')));
  // Packages stay outside the bundles, as in the app; here they come from the repo's node_modules.
  const env = { ...process.env, NODE_PATH: join(import.meta.dirname, '../../node_modules') };
  const out = execFileSync(process.execPath, [join(dir, 'main.cjs')], { encoding: 'utf8', env });
  expect(JSON.parse(out.trim())).toEqual({ started: 2, invalid: 1 });
});

it('the main-process bundle signs in through the real client (ES-module-only packages bundled)', async () => {
  const src = (rel: string) => JSON.stringify(join(import.meta.dirname, rel).replaceAll('\\', '/'));
  const entry = join(dir, 'auth-entry.ts');
  writeFileSync(
    entry,
    `import { api } from ${src('../../convex/_generated/api')};
import { signInDemo } from ${src('../cli/signIn')};
import { ConvexGateway } from ${src('../core/backend/convexGateway')};
import { AuthSession, memoryTokenStore } from ${src('../core/session/authSession')};
async function main() {
  const gateway = new ConvexGateway(process.env.BUNDLE_TEST_URL!);
  const session = new AuthSession(gateway, memoryTokenStore());
  await signInDemo(JSON.parse(process.env.BUNDLE_TEST_ACCOUNTS!), session);
  const me = await gateway.query(api.users.me, {});
  await session.close();
  await gateway.close();
  console.log(JSON.stringify({ role: me.role }));
}
void main();
`,
  );
  await build(nodeCjsBundle(entry, join(dir, 'auth.cjs')));
  const code = readFileSync(join(dir, 'auth.cjs'), 'utf8');
  // The desktop app never carries the functions or their test engine.
  expect(code).not.toMatch(/convex-test|@convex-dev\/auth\/server/);
  const backend = await spawnRehearsal({ demo: true });
  try {
    const env = { ...process.env, NODE_PATH: join(import.meta.dirname, '../../node_modules'), BUNDLE_TEST_URL: backend.url, BUNDLE_TEST_ACCOUNTS: JSON.stringify(backend.demoAccounts) };
    const out = execFileSync(process.execPath, [join(dir, 'auth.cjs')], { encoding: 'utf8', env });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ role: 'yonetici' });
  } finally {
    await backend.stop();
  }
}, 120_000);

it('bundles the preload without zod, forwarding every contract channel by name', async () => {
  const outfile = join(dir, 'preload.cjs');
  await build(preloadBundle(join(import.meta.dirname, '../preload/preload.ts'), outfile, channelNames));
  const code = readFileSync(outfile, 'utf8');
  expect(code).not.toMatch(/zod|ZodType|safeParse/);
  for (const name of channelNames) expect(code).toContain(JSON.stringify(name));
});
