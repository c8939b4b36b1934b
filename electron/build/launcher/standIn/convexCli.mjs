// Test stand-in for the Convex CLI (convex@1.48), behaving as its source says for what the
// launcher relies on. `convex dev` in anonymous mode:
// - reads the environment, then .env.local, then .env for a deployment (lib/deploymentSelection.ts:
//   dotenv.config never overrides what is already set): CONVEX_DEPLOY_KEY, CONVEX_SELF_HOSTED_URL
//   with _ADMIN_KEY, or a CONVEX_DEPLOYMENT that is not the anonymous one would send the push there;
// - without CONVEX_AGENT_MODE=anonymous it would prompt (lib/localDeployment/anonymous.ts);
// - asks the network for the newest backend unless --local-backend-version names one, and
//   downloads it to ~/.cache/convex/binaries/<version>/ (lib/localDeployment/download.ts);
// - refuses to start while its own backend still answers on the recorded port (run.ts
//   ensureBackendStopped), picks free ports, starts the backend as a separate process, records
//   .convex/local/default/config.json, writes VITE_CONVEX_URL to .env.local when vite is a
//   dependency (lib/envvars.ts), pushes, prints "Convex functions ready!" and keeps running;
// - a refused push prints a ✖ line and keeps running, waiting for file changes (lib/dev.ts); where
//   the terminal is not known to show Unicode (is-unicode-supported false: Windows outside Windows
//   Terminal and the like) its failure symbol is × instead;
// - stops its backend only on SIGINT (bundler/context.ts); SIGTERM kills the CLI alone.
// `convex env get NAME` / `convex env set NAME` (value on stdin) talk to the running backend.
// Test knobs live in the project's .standin.json: { offline, rejectPush, hang, asciiTerminal, rehearsal }.
// With `rehearsal`, the "local backend" is the rehearsal backend (live/rehearsal: Convex's real
// protocol over this project's functions) and `env get|set` are the real Convex CLI's own,
// against it as a self-hosted deployment, the admin key taken from what the backend printed
// (the real CLI keeps its local backend's admin key in config.json too).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.cwd();
const readJson = (file, fallback) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
};
const knobs = readJson(join(root, '.standin.json'), {});
const stateDir = join(root, '.convex', 'local', 'default');
const configFile = join(stateDir, 'config.json');
const failSymbol = knobs.asciiTerminal ? '×' : '✖';
const fail = (message) => {
  process.stderr.write(`${failSymbol} ${message}\n`);
  process.exit(1);
};
const envFile = (name) => {
  const out = {};
  if (!existsSync(join(root, name))) return out;
  for (const line of readFileSync(join(root, name), 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*?)(\s+#.*)?$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
};
// dotenv.config() does not override what the environment (or an earlier file) already holds.
const selection = { ...envFile('.env'), ...envFile('.env.local'), ...process.env };
const instanceName = async (port) => {
  try {
    const resp = await fetch(`http://127.0.0.1:${port}/instance_name`);
    return resp.ok ? await resp.text() : null;
  } catch {
    return null;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The real Convex CLI against the rehearsal backend; its output and exit code are this command's. */
async function realCliEnv(config, args) {
  const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'convex', 'bin', 'main.js'), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'inherit', 'inherit'],
    env: {
      ...process.env,
      CONVEX_SELF_HOSTED_URL: `http://127.0.0.1:${config.ports.cloud}`,
      CONVEX_SELF_HOSTED_ADMIN_KEY: config.adminKey,
      CONVEX_DEPLOYMENT: '',
      CONVEX_DEPLOY_KEY: '',
    },
  });
  if (args[1] === 'set' && args.length === 3) process.stdin.pipe(child.stdin);
  else child.stdin.end();
  const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  process.exit(code);
}

if (selection.CONVEX_DEPLOY_KEY || (selection.CONVEX_DEPLOYMENT && !selection.CONVEX_DEPLOYMENT.startsWith('anonymous:'))) {
  fail(`would use deployment ${selection.CONVEX_DEPLOYMENT ?? 'of CONVEX_DEPLOY_KEY'} instead of the local one`);
}
if (selection.CONVEX_SELF_HOSTED_URL && selection.CONVEX_SELF_HOSTED_ADMIN_KEY) {
  fail(`would push to the self-hosted deployment ${selection.CONVEX_SELF_HOSTED_URL} instead of the local one`);
}
const [command, sub, name] = process.argv.slice(2);

if (command === 'env') {
  const config = readJson(configFile, null);
  if (!config || (await instanceName(config.ports.cloud)) !== config.deploymentName) fail('Local backend isn\'t running.');
  if (knobs.rehearsal) await realCliEnv(config, process.argv.slice(2));
  const url = `http://127.0.0.1:${config.ports.cloud}/env/${name}`;
  if (sub === 'get') {
    const resp = await fetch(url);
    if (resp.status === 404) process.stderr.write(`✖ Environment variable "${name}" not found\n`);
    else process.stdout.write(`${await resp.text()}\n`);
  } else if (sub === 'set') {
    let value = '';
    for await (const chunk of process.stdin) value += chunk;
    await fetch(url, { method: 'POST', body: value });
    process.stderr.write(`✔ Successfully set ${name}\n`);
  }
  process.exit(0);
}

if (command !== 'dev') fail(`stand-in knows only dev and env, not ${command}`);
if (process.env.CONVEX_AGENT_MODE !== 'anonymous') fail('would prompt: "Continue?"');
writeFileSync(join(root, '.standin-dev-argv.json'), JSON.stringify(process.argv.slice(2)));
const flag = (f) => (process.argv.includes(f) ? process.argv[process.argv.indexOf(f) + 1] : undefined);
let version = flag('--local-backend-version');
if (!version) {
  if (knobs.offline) fail('Failed to fetch latest backend version');
  version = 'precompiled-2026-11-20-standin';
}
const binary = join(homedir(), '.cache', 'convex', 'binaries', version, 'convex-local-backend');
if (!existsSync(binary)) {
  if (knobs.offline) fail(`File not found at https://github.com/get-convex/convex-backend/releases/download/${version}/convex-local-backend.zip.`);
  process.stderr.write(`Downloading Convex backend ${version}\n`);
  mkdirSync(dirname(binary), { recursive: true });
  writeFileSync(binary, 'stand-in');
}

const deploymentName = 'anonymous-agent';
const existing = readJson(configFile, null);
if (existing) {
  // ensureBackendStopped: waits (5 s in the real CLI) while our own backend answers, then refuses.
  const until = Date.now() + 1000;
  while ((await instanceName(existing.ports.cloud)) === existing.deploymentName) {
    if (Date.now() > until) fail(`A local backend is still running on port ${existing.ports.cloud}. Please stop it and run this command again.`);
    await sleep(100);
  }
}
const portFree = (port) =>
  new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const cloud = existing && (await portFree(existing.ports.cloud)) ? existing.ports.cloud : await freePort();
let site = existing && (await portFree(existing.ports.site)) ? existing.ports.site : await freePort();
while (site === cloud) site = await freePort();

const backend = spawn(
  process.execPath,
  [
    ...(knobs.rehearsal ? ['--import', 'tsx'] : []),
    join(dirname(fileURLToPath(import.meta.url)), 'convex-local-backend.mjs'),
    ...(knobs.rehearsal ? ['--rehearsal'] : []),
    '--port', String(cloud), '--site-proxy-port', String(site), '--instance-name', deploymentName,
    '--instance-secret', 'secret', '--local-storage', join(stateDir, 'convex_local_storage'),
    join(stateDir, 'convex_local_backend.sqlite3'),
  ],
  // The rehearsal backend prints its admin key; tsx resolves from the repository.
  knobs.rehearsal ? { stdio: ['ignore', 'pipe', 'ignore'], cwd: repoRoot } : { stdio: 'ignore' },
);
let adminKey = 'admin';
if (knobs.rehearsal) {
  let printed = '';
  adminKey = await new Promise((resolve) => {
    backend.stdout.on('data', (chunk) => {
      printed += chunk;
      const m = /^CONVEX_SELF_HOSTED_ADMIN_KEY=(.+)$/m.exec(printed);
      if (m) resolve(m[1].trim());
    });
    backend.once('exit', () => resolve(null));
  });
  if (!adminKey) fail(`Local backend did not start on port ${cloud}.`);
  backend.stdout.resume();
}
process.on('SIGINT', () => {
  backend.kill('SIGTERM');
  backend.once('exit', () => {
    // What the launcher's tests read: the stop came as SIGINT and this cleanup stopped the backend
    // (a CLI killed otherwise writes nothing, and the launcher's later sweep would hide it).
    writeFileSync(join(root, '.standin-stopped.json'), JSON.stringify({ signal: 'SIGINT', backendStopped: true }));
    process.exit(0);
  });
});
const started = Date.now();
while ((await instanceName(cloud)) !== deploymentName) {
  if (Date.now() - started > 10_000) fail(`Local backend did not start on port ${cloud} within 10 seconds.`);
  await sleep(50);
}
mkdirSync(stateDir, { recursive: true });
writeFileSync(configFile, JSON.stringify({ ports: { cloud, site }, backendVersion: version, adminKey, deploymentName }));
const pkg = readJson(join(root, 'package.json'), {});
const prefix = 'vite' in { ...pkg.dependencies, ...pkg.devDependencies } ? 'VITE_' : '';
writeFileSync(
  join(root, '.env.local'),
  `# Deployment used by \`npx convex dev\`\nCONVEX_DEPLOYMENT=anonymous:${deploymentName} # team: anonymous, project: anonymous\n\n` +
    `${prefix}CONVEX_URL=http://127.0.0.1:${cloud}\n${prefix}CONVEX_SITE_URL=http://127.0.0.1:${site}\n`,
);
setInterval(() => {}, 60_000);
if (knobs.rejectPush) process.stderr.write(`${failSymbol} Error: Unable to finish push to http://127.0.0.1:${cloud}\n`);
else if (!knobs.hang) process.stdout.write(`✔ ${new Date().toTimeString().slice(0, 8)} Convex functions ready! (0.12s)\n`);
