// `npm start`: opens the desktop app. Unless a deployment URL is configured (CONVEX_URL,
// .env.local or Settings), it first starts a local Convex backend through the Convex CLI in
// anonymous agent mode (no login, no prompt) and pushes the functions to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvFile, isLocalDeployment } from '../services/backend/resolveBackend';
import { appDataDir } from '../services/settings/appDataDir';
import { SettingsStore } from '../services/settings/settingsStore';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const children: ChildProcess[] = [];

function fail(en: string, tr: string): never {
  console.error(`\n✖ ${tr}\n  ${en}\n`);
  for (const c of children) c.kill();
  process.exit(1);
}

function electronBinary(): string {
  try {
    // Electron ≥ 45 downloads its binary on the first require.
    return require('electron') as string;
  } catch (err) {
    fail(
      `The Electron binary could not be downloaded (${String(err)}). It needs the network once. ` +
        'Without it, run the same app in a browser: npm run web',
      'Electron programı indirilemedi; ilk çalıştırmada internet gerekir. İnternet yoksa aynı uygulamayı tarayıcıda açın: npm run web',
    );
  }
}

async function startLocalConvex(): Promise<string> {
  console.log('Yerel Convex sunucusu başlatılıyor… / starting the local Convex backend…');
  const convexCli = join(root, 'node_modules', 'convex', 'bin', 'main.js');
  const child = spawn(process.execPath, [convexCli, 'dev', '--typecheck', 'disable', '--tail-logs', 'disable'], {
    cwd: root,
    env: { ...process.env, CONVEX_AGENT_MODE: 'anonymous' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      process.stdout.write(text);
      // The CLI prints this once the functions are pushed; .env.local then holds the URL.
      if (/Convex functions ready/i.test(output)) {
        const url = readEnvFile(join(root, '.env.local')).CONVEX_URL;
        if (url) resolve(url);
        else reject(new Error('.env.local has no CONVEX_URL'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(
        new Error(
          `convex dev exited (${code}). The first run downloads the local backend and needs the network.\n${output.slice(-2000)}`,
        ),
      ),
    );
  });
}

const envLocal = readEnvFile(join(root, '.env.local'));
const settings = new SettingsStore(appDataDir());
let convexUrl = process.env.CONVEX_URL ?? settings.get().backendUrl ?? undefined;
if (!convexUrl && envLocal.CONVEX_URL && !isLocalDeployment(envLocal)) convexUrl = envLocal.CONVEX_URL;
if (!convexUrl) {
  try {
    convexUrl = await startLocalConvex();
  } catch (err) {
    fail(
      `Could not start the local Convex backend: ${err instanceof Error ? err.message : String(err)}`,
      'Yerel Convex sunucusu başlatılamadı. İlk çalıştırmada sunucu programı indirilir ve internet gerekir; ' +
        'ya da Ayarlar’da veya CONVEX_URL ile bir Convex adresi verin.',
    );
  }
}

const electron = spawn(electronBinary(), [join(root, 'dist', 'electron', 'main.cjs')], {
  cwd: root,
  env: { ...process.env, CONVEX_URL: convexUrl },
  stdio: 'inherit',
});
children.push(electron);
electron.on('exit', (code) => {
  for (const c of children) if (c !== electron) c.kill();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.kill(signal));
