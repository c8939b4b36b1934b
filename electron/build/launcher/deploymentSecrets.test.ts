// The launcher's own secrets create the first administrator on the real functions: the code it
// makes is one the server accepts (the defect that kept `npm start` from ever having an
// administrator was a 12-character code against a 16-character minimum).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convexTest } from 'convex-test';
import { ConvexError } from 'convex/values';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { api } from '../../../convex/_generated/api';
import schema from '../../../convex/schema';
import { MIN_SETUP_CODE_LENGTH, SETUP_CODE_ALPHABET } from '../../../shared/domain/setupCode';
import { convexModules } from '../../../live/rehearsal/convexModules';
import { AUTH_SESSION_TOTAL_DURATION_MS, SESSION_ENV } from '../../../shared/domain/sessions';
import { generateSecrets, type DeploymentSecrets } from '../../core/session/deploymentKeys';
import { loadOrCreateSecrets, syncDeploymentEnv } from './deploymentSecrets';

const saved = { ...process.env };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafkasder-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env = { ...saved };
});

/** A deployment whose variables are the launcher's, as `syncDeploymentEnv` sets them. */
function deployment(secrets: DeploymentSecrets) {
  Object.assign(process.env, secrets, SESSION_ENV, { CONVEX_SITE_URL: 'http://127.0.0.1:3211', AUTH_LOG_LEVEL: 'ERROR' });
  return convexTest({ schema, modules: convexModules, transactionLimits: true });
}

const ADMIN = { name: 'Ayşe Yılmaz', email: 'ayse@kafkasder.org.tr', password: 'ilk-yonetici-sifresi' };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConvexError) return (err.data as { code?: string }).code;
    throw err;
  }
  return undefined;
}

test("the launcher's setup code creates the first administrator, who can then sign in", async () => {
  const secrets = loadOrCreateSecrets(dir);
  expect(secrets.KAFKASDER_SETUP_CODE.length).toBeGreaterThanOrEqual(MIN_SETUP_CODE_LENGTH);
  expect([...secrets.KAFKASDER_SETUP_CODE].every((c) => SETUP_CODE_ALPHABET.includes(c))).toBe(true);
  const t = deployment(secrets);
  await t.action(api.setup.createFirstAdmin, { setupCode: secrets.KAFKASDER_SETUP_CODE, ...ADMIN });
  const signedIn = await t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: ADMIN.email, password: ADMIN.password } });
  expect(signedIn.tokens?.token).toBeTruthy();
});

test('a code shorter than the minimum is refused even when it is the configured one', async () => {
  const secrets = { ...generateSecrets(), KAFKASDER_SETUP_CODE: 'A'.repeat(MIN_SETUP_CODE_LENGTH - 1) };
  const t = deployment(secrets);
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode: secrets.KAFKASDER_SETUP_CODE, ...ADMIN }))).toBe('invalid_setup_code');
});

test('a typo in the e-mail or name does not close setup', async () => {
  const secrets = generateSecrets();
  const t = deployment(secrets);
  const setupCode = secrets.KAFKASDER_SETUP_CODE;
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode, ...ADMIN, email: 'ayse@' }))).toBeTruthy();
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode, ...ADMIN, name: ' ' }))).toBeTruthy();
  expect(await t.query(api.setup.status, {})).toEqual({ needsFirstAdmin: true });
  await t.action(api.setup.createFirstAdmin, { setupCode, ...ADMIN });
  expect(await t.query(api.setup.status, {})).toEqual({ needsFirstAdmin: false });
  expect(await codeOf(t.action(api.setup.createFirstAdmin, { setupCode, ...ADMIN, email: 'ikinci@kafkasder.org.tr' }))).toBe('setup_closed');
});

test('a short code stored by an older launcher is replaced; the keys are kept', () => {
  const old = { ...generateSecrets(), KAFKASDER_SETUP_CODE: 'ABCDEFGHJKLM' };
  writeFileSync(join(dir, 'local-backend-secrets.json'), JSON.stringify(old), { mode: 0o600 });
  const loaded = loadOrCreateSecrets(dir);
  expect(loaded.JWT_PRIVATE_KEY).toBe(old.JWT_PRIVATE_KEY);
  expect(loaded.JWKS).toBe(old.JWKS);
  expect(loaded.KAFKASDER_SETUP_CODE.length).toBeGreaterThanOrEqual(MIN_SETUP_CODE_LENGTH);
  expect(JSON.parse(readFileSync(join(dir, 'local-backend-secrets.json'), 'utf8'))).toEqual(loaded);
  if (process.platform !== 'win32') expect(statSync(join(dir, 'local-backend-secrets.json')).mode & 0o777).toBe(0o600);
});

test('the secrets sync sets the session lengths with the keys, once; Convex Auth then ends a session after 12 hours', async () => {
  const secrets = loadOrCreateSecrets(dir);
  const env = new Map<string, string>();
  const runCli = async (args: string[], stdin?: string) => {
    const [, verb, name] = args;
    if (verb === 'set') env.set(name!, stdin!);
    return { code: 0, stdout: verb === 'get' ? (env.get(name!) ?? '') : '', stderr: '' };
  };
  expect((await syncDeploymentEnv(secrets, runCli)).sort()).toEqual(
    ['AUTH_SESSION_INACTIVE_DURATION_MS', 'AUTH_SESSION_TOTAL_DURATION_MS', 'JWKS', 'JWT_PRIVATE_KEY', 'KAFKASDER_SETUP_CODE'],
  );
  expect(env.get('AUTH_SESSION_TOTAL_DURATION_MS')).toBe('43200000');
  expect(env.get('AUTH_SESSION_INACTIVE_DURATION_MS')).toBe('7200000');
  expect(await syncDeploymentEnv(secrets, runCli)).toEqual([]);

  const t = deployment(secrets);
  await t.action(api.setup.createFirstAdmin, { setupCode: secrets.KAFKASDER_SETUP_CODE, ...ADMIN });
  const before = Date.now();
  await t.action(api.auth.signIn, { provider: 'password', params: { flow: 'signIn', email: ADMIN.email, password: ADMIN.password } });
  const sessions = await t.run(async (ctx) => await ctx.db.query('authSessions').collect());
  expect(sessions).toHaveLength(1);
  expect(sessions[0]!.expirationTime - before).toBeGreaterThan(AUTH_SESSION_TOTAL_DURATION_MS - 60_000);
  expect(sessions[0]!.expirationTime - before).toBeLessThanOrEqual(AUTH_SESSION_TOTAL_DURATION_MS + 60_000);
});
