// `npm start` against a stand-in Convex CLI (standIn/convexCli.mjs: the real CLI's behaviour as its
// source states it) and a stand-in app that records what it was handed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, type LaunchOptions } from './launch';
import { isCliFailureLine, LaunchError } from './launchError';
import { deploymentDir, instanceName, ourBackendProcesses, readLocalConfig } from './localDeployment';
import { terminate, waitUntil, WINDOWS_PROCESS_LIST } from './processes';
import { SESSION_ENV } from '../../../shared/domain/sessions';

const standInCli = fileURLToPath(new URL('./standIn/convexCli.mjs', import.meta.url));
// The app: records its environment and what its CONVEX_URL answers, then closes.
const appScript = `
const fs = require('node:fs');
const url = process.env.CONVEX_URL;
fetch(url + '/instance_name').then((r) => r.text()).catch(() => null).then((instance) => {
  fs.writeFileSync(process.argv[1], JSON.stringify({ url, instance, local: process.env.KAFKASDER_LOCAL_BACKEND,
    setupCode: process.env.KAFKASDER_SETUP_CODE, deployKey: process.env.CONVEX_DEPLOY_KEY ?? null }));
});`;

interface Project {
  root: string;
  home: string;
  dataDir: string;
  seen: string;
}
const projects: Project[] = [];

function project(knobs: Record<string, boolean> = {}): Project {
  const base = mkdtempSync(join(tmpdir(), 'launcher-'));
  const p = { root: join(base, 'app'), home: join(base, 'home'), dataDir: join(base, 'data'), seen: join(base, 'seen.json') };
  mkdirSync(p.root);
  mkdirSync(p.home);
  writeFileSync(join(p.root, 'package.json'), JSON.stringify({ dependencies: { convex: '1.48.0' }, devDependencies: { vite: '8.3.8' } }));
  writeFileSync(join(p.root, '.standin.json'), JSON.stringify(knobs));
  projects.push(p);
  return p;
}

const log: string[] = [];
const options = (p: Project, extra: Partial<LaunchOptions> = {}): LaunchOptions => ({
  root: p.root,
  dataDir: p.dataDir,
  // Strays that would redirect the push if they reached the CLI.
  env: { PATH: process.env.PATH, HOME: p.home, CONVEX_DEPLOYMENT: 'prod:somebody-else-123', CONVEX_DEPLOY_KEY: 'prod:somebody-else-123|key' },
  cli: { command: process.execPath, args: [standInCli] },
  app: () => ({ command: process.execPath, args: ['-e', appScript, p.seen] }),
  timeoutMs: 15_000,
  log: (text) => void log.push(text),
  // No network here: the newest-version lookup is refused at once unless a test serves one.
  versionUrl: 'http://127.0.0.1:9/v1/local_backend_version',
  ...extra,
});

const seen = (p: Project) => JSON.parse(readFileSync(p.seen, 'utf8')) as Record<string, string | null>;
const backendUrl = (p: Project) => `http://127.0.0.1:${readLocalConfig(p.root)?.ports.cloud}`;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => (err instanceof LaunchError ? err.kind : String(err)));

afterEach(async () => {
  for (const p of projects.splice(0)) {
    for (const proc of ourBackendProcesses(p.root)) await terminate(proc.pid);
    rmSync(join(p.root, '..'), { recursive: true, force: true });
  }
  log.length = 0;
});

describe('npm start launcher (against a stand-in Convex CLI)', { timeout: 120_000 }, () => {
  it('starts the local backend, hands its URL and the setup code to the app, and stops the backend when the app closes', async () => {
    const p = project();
    expect(await launch(options(p))).toBe(0);

    const app = seen(p);
    // The URL is the one the CLI recorded as VITE_CONVEX_URL, and it answered while the app ran.
    expect(readFileSync(join(p.root, '.env.local'), 'utf8')).toContain(`VITE_CONVEX_URL=${app.url}`);
    expect(app.instance).toBe('anonymous-agent');
    expect(app.local).toBe('1');
    expect(app.deployKey).toBeNull();
    // Convex Auth's keys and the setup code were set on the deployment; the app got the same code.
    const secrets = JSON.parse(readFileSync(join(p.dataDir, 'local-backend-secrets.json'), 'utf8')) as Record<string, string>;
    expect(app.setupCode).toBe(secrets.KAFKASDER_SETUP_CODE);
    expect(secrets.JWT_PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY----- \S+/);
    expect(secrets.JWT_PRIVATE_KEY).not.toContain('\n');
    expect(JSON.parse(secrets.JWKS ?? '')).toMatchObject({ keys: [{ use: 'sig', kty: 'RSA', e: 'AQAB' }] });
    const stored = JSON.parse(readFileSync(join(p.root, '.convex', 'local', 'default', 'convex_local_storage', 'env.json'), 'utf8')) as Record<string, string>;
    // With the session lengths (shared/domain/sessions), set beside the keys.
    expect(stored).toEqual({ ...secrets, ...SESSION_ENV });
    if (process.platform !== 'win32') expect(statSync(join(p.dataDir, 'local-backend-secrets.json')).mode & 0o077).toBe(0);

    // The app closed: the launcher stopped the CLI with SIGINT, whose own cleanup stopped the
    // backend (not the sweep after it); the backend is gone and its port answers no more.
    expect(JSON.parse(readFileSync(join(p.root, '.standin-stopped.json'), 'utf8'))).toEqual({ signal: 'SIGINT', backendStopped: true });
    expect(ourBackendProcesses(p.root)).toEqual([]);
    expect(await instanceName(app.url ?? '')).toBeNull();
  });

  it('starts again (offline, with the downloaded backend) on the same port, without setting the keys twice', async () => {
    const p = project();
    await launch(options(p));
    const first = seen(p).url;
    writeFileSync(join(p.root, '.standin.json'), JSON.stringify({ offline: true }));
    log.length = 0;

    expect(await launch(options(p))).toBe(0);
    expect(seen(p).url).toBe(first);
    expect(seen(p).instance).toBe('anonymous-agent');
    expect(JSON.parse(readFileSync(join(p.root, '.standin-dev-argv.json'), 'utf8'))).toEqual(
      expect.arrayContaining(['--local-backend-version', 'precompiled-2026-11-20-standin']),
    );
    expect(log.join('')).not.toContain('convex env set');
    expect(ourBackendProcesses(p.root)).toEqual([]);
  });

  it('stops a backend of ours that a crashed CLI left on the port (the CLI itself refuses to start then)', async () => {
    const p = project();
    // A CLI killed with SIGTERM (what the old launcher did) runs no cleanup: its backend stays.
    const cli = spawn(process.execPath, [standInCli, 'dev'], { cwd: p.root, env: { PATH: process.env.PATH, HOME: p.home, CONVEX_AGENT_MODE: 'anonymous' } });
    let out = '';
    cli.stdout.on('data', (c: Buffer) => (out += c.toString()));
    expect(await waitUntil(() => out.includes('Convex functions ready'), 10_000)).toBe(true);
    cli.kill('SIGTERM');
    await new Promise((r) => cli.once('exit', r));
    expect(await instanceName(backendUrl(p))).toBe('anonymous-agent');

    const again = spawn(process.execPath, [standInCli, 'dev'], { cwd: p.root, env: { PATH: process.env.PATH, HOME: p.home, CONVEX_AGENT_MODE: 'anonymous' } });
    let err = '';
    again.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await new Promise((r) => again.once('exit', r))).toBe(1);
    expect(err).toContain('A local backend is still running on port');

    expect(await launch(options(p))).toBe(0);
    expect(log.join('')).toContain('stopped a local backend left over');
    expect(seen(p).instance).toBe('anonymous-agent');
    expect(ourBackendProcesses(p.root)).toEqual([]);
  });

  it.each([
    ['offline', { offline: true }],
    ['push-rejected', { rejectPush: true }],
    ['timeout', { hang: true }],
  ] as const)('fails with a clear %s message and leaves nothing running', async (kind, knobs) => {
    const p = project(knobs);
    // Only the hanging CLI meets the time limit; the others must fail on what they print, however
    // slowly a busy machine starts them.
    const err = await launch(options(p, { timeoutMs: kind === 'timeout' ? 3000 : 30_000 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaunchError);
    expect((err as LaunchError).kind).toBe(kind);
    expect((err as LaunchError).report()).toMatch(/^✖ .+\n {2}.+/);
    expect(ourBackendProcesses(p.root)).toEqual([]);
    expect(readLocalConfig(p.root) ? await instanceName(backendUrl(p)) : null).toBeNull();
  });

  it('stops the backend when the app cannot start', async () => {
    const p = project();
    const kind = await failure(launch(options(p, { app: () => { throw new LaunchError('no-electron'); } })));
    expect(kind).toBe('no-electron');
    expect(ourBackendProcesses(p.root)).toEqual([]);
    expect(await instanceName(backendUrl(p))).toBeNull();
  });

  it('uses a configured deployment without starting a backend, and refuses cleartext http to another machine', async () => {
    const p = project();
    writeFileSync(join(p.root, '.env.local'), 'CONVEX_DEPLOYMENT=dev:happy-otter-123\nVITE_CONVEX_URL=https://happy-otter-123.convex.cloud\n');
    expect(await launch(options(p, { env: { PATH: process.env.PATH, HOME: p.home } }))).toBe(0);
    expect(readLocalConfig(p.root)).toBeNull();
    expect(seen(p).local).toBeUndefined();

    const kind = await failure(launch(options(p, { env: { PATH: process.env.PATH, HOME: p.home, CONVEX_URL: 'http://192.168.1.20:3210' } })));
    expect(kind).toBe('bad-url');
  });

  it('refuses a deployment that .env.local or .env would select, before starting anything', async () => {
    const p = project();
    writeFileSync(join(p.root, '.env.local'), 'CONVEX_SELF_HOSTED_URL=https://convex.dernek.example.org.tr\nCONVEX_SELF_HOSTED_ADMIN_KEY=admin-key-secret\n');
    const err = await launch(options(p, { env: { PATH: process.env.PATH, HOME: p.home } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaunchError);
    expect((err as LaunchError).kind).toBe('deployment-in-env-local');
    const report = (err as LaunchError).report();
    expect(report).toContain('CONVEX_SELF_HOSTED_URL (.env.local), CONVEX_SELF_HOSTED_ADMIN_KEY (.env.local)');
    expect(report).toContain('--env-file');
    expect(report).not.toContain('admin-key-secret');
    // The CLI never ran: nothing pushed, no keys set anywhere.
    expect(existsSync(join(p.root, '.standin-dev-argv.json'))).toBe(false);
    expect(readLocalConfig(p.root)).toBeNull();

    rmSync(join(p.root, '.env.local'));
    writeFileSync(join(p.root, '.env'), 'CONVEX_DEPLOY_KEY=prod:dernek|key\n');
    expect(await failure(launch(options(p, { env: { PATH: process.env.PATH, HOME: p.home } })))).toBe('deployment-in-env-local');
    expect(existsSync(join(p.root, '.standin-dev-argv.json'))).toBe(false);
  });

  it('a second start says "already running" and leaves the first one’s backend alone; a dead launcher’s lock is taken over', async () => {
    const p = project();
    const quit = join(p.root, '..', 'quit');
    // An app that stays open until told to quit.
    const waitingApp = () => ({
      command: process.execPath,
      args: ['-e', `const fs=require('node:fs');const t=setInterval(()=>{if(fs.existsSync(process.argv[1])){clearInterval(t);}},100);`, quit],
    });
    const first = launch(options(p, { app: waitingApp }));
    expect(await waitUntil(() => log.join('').includes('convex env set'), 60_000)).toBe(true);
    const url = backendUrl(p);

    const err = await launch(options(p)).catch((e: unknown) => e);
    expect((err as LaunchError).kind).toBe('already-running');
    expect((err as LaunchError).report()).toContain('zaten çalışıyor');
    // The first one's backend still answers; its app still runs.
    expect(await instanceName(url)).toBe('anonymous-agent');

    writeFileSync(quit, '');
    expect(await first).toBe(0);
    expect(existsSync(join(deploymentDir(p.root), 'launcher.lock'))).toBe(false);

    // A launcher killed without its cleanup leaves its lock: with its process gone, the next start goes ahead.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(join(deploymentDir(p.root), 'launcher.lock'), JSON.stringify({ pid: dead.pid, startedAt: Date.now() }));
    expect(await launch(options(p))).toBe(0);
    expect(seen(p).instance).toBe('anonymous-agent');
  });

  it('sees a refused push marked with × (Windows without a Unicode terminal) at once instead of waiting for the time limit', async () => {
    const p = project({ rejectPush: true, asciiTerminal: true });
    const started = Date.now();
    const err = await launch(options(p, { timeoutMs: 60_000 })).catch((e: unknown) => e);
    expect((err as LaunchError).kind).toBe('push-rejected');
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(ourBackendProcesses(p.root)).toEqual([]);
    // The symbol alone, and the push's own words alone, each mark a failure.
    expect(isCliFailureLine('× Something the launcher has never seen')).toBe(true);
    expect(isCliFailureLine('Schema validation failed.')).toBe(true);
    expect(isCliFailureLine('✔ 12:00:00 Convex functions ready! (0.12s)')).toBe(false);
    // PowerShell is told to write UTF-8 before it lists command lines (C:\\Users\\Gülşen\\…).
    expect(WINDOWS_PROCESS_LIST.indexOf('[Console]::OutputEncoding = [System.Text.Encoding]::UTF8')).toBe(0);
  });

  it('starts the newest backend when the version lookup answers, and the downloaded one when it does not', async () => {
    const newest = 'precompiled-2026-12-01-newest';
    const versions: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version: newest })));
    await new Promise<void>((r) => versions.listen(7251, '127.0.0.1', r));
    const p = project();
    try {
      expect(await launch(options(p, { versionUrl: 'http://127.0.0.1:7251/v1/local_backend_version' }))).toBe(0);
    } finally {
      versions.close();
    }
    expect(JSON.parse(readFileSync(join(p.root, '.standin-dev-argv.json'), 'utf8'))).toEqual(expect.arrayContaining(['--local-backend-version', newest]));
    expect(existsSync(join(p.home, '.cache', 'convex', 'binaries', newest))).toBe(true);

    // Offline: the lookup fails, the downloaded backend starts.
    writeFileSync(join(p.root, '.standin.json'), JSON.stringify({ offline: true }));
    log.length = 0;
    expect(await launch(options(p))).toBe(0);
    expect(JSON.parse(readFileSync(join(p.root, '.standin-dev-argv.json'), 'utf8'))).toEqual(expect.arrayContaining(['--local-backend-version', newest]));
    expect(log.join('')).toContain(`using the downloaded ${newest}`);
  });
});
