// Journey: an office's first start, as `npm start` runs it. The real launcher starts the "local
// backend" through a stand-in Convex CLI whose backend is the rehearsal backend (Convex's real
// protocol over our functions) and whose `env` commands are the real Convex CLI's; the app is
// the main process's own core (desktopCore.ts) in a Node process, driven over a control channel
// as the renderer drives it. The first administrator is made with the code the launcher made;
// 10,000 rows are imported; a task's e-mail reaches a loopback SMTP server; the app quits and
// nothing is left running; a second start offline restores the session; signing out ends it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type LaunchOptions } from '../../electron/build/launcher/launch';
import { instanceName, ourBackendProcesses, readLocalConfig } from '../../electron/build/launcher/localDeployment';
import { startControl, type AppControl } from './control.test-util';
import { beneficiaryCsv, HEADLESS_APP, importFile, TSX_LOADER, waitFor } from './office.test-util';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const standInCli = join(repo, 'electron/build/launcher/standIn/convexCli.mjs');
const ROWS = 10_000;
const ADMIN = { name: 'Ayşe Yılmaz', email: 'ayse@kafkasder.org.tr', password: 'ilk-yonetici-sifresi' };

let base: string;
const mails: { to: string; subject: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'journey-first-start-'));
  mkdirSync(join(base, 'app'));
  mkdirSync(join(base, 'home'));
  writeFileSync(join(base, 'app', 'package.json'), JSON.stringify({ dependencies: { convex: '1.48.0' }, devDependencies: { vite: '8.3.8' } }));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      void simpleParser(stream).then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
        mails.push({ to, subject: mail.subject ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(base, { recursive: true, force: true });
});

/** One `npm start`: the launcher with the given stand-in knobs, the app driven by `work`. */
async function start(knobs: Record<string, boolean>, work: (app: AppControl) => Promise<void>): Promise<{ code: number }> {
  writeFileSync(join(base, 'app', '.standin.json'), JSON.stringify({ rehearsal: true, ...knobs }));
  const app = await startControl();
  const log: string[] = [];
  let failure: unknown = null;
  const options: LaunchOptions = {
    root: join(base, 'app'),
    dataDir: join(base, 'data'),
    env: { PATH: process.env.PATH, HOME: join(base, 'home'), JOURNEY_CONTROL_URL: app.url, JOURNEY_DATA_DIR: join(base, 'data'), KAFKASDER_BACKEND_TIMEOUT_MS: '20000' },
    cli: { command: process.execPath, args: [standInCli] },
    app: () => ({ command: process.execPath, args: ['--import', TSX_LOADER, HEADLESS_APP] }),
    timeoutMs: 120_000,
    log: (text) => void log.push(text),
  };
  const running = launch(options);
  try {
    await work(app);
  } catch (err) {
    failure = err;
  } finally {
    await app.quit();
  }
  const code = await running;
  await app.close();
  if (failure) throw failure;
  return { code };
}

test('first start: setup with the launcher’s code, sign in, import 10,000 rows, an e-mail, quit; a second start offline restores the session', { timeout: 600_000 }, async () => {
  const csv = beneficiaryCsv(base, 'yararlanicilar.csv', ROWS);

  const first = await start({}, async (app) => {
    const session = await app.call('getSession', {});
    expect(session).toMatchObject({ needsFirstAdmin: true, setupCodeAvailable: true, user: null });
    // No code typed: the one the launcher made and handed to the app.
    const user = await app.call('createFirstAdmin', { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    expect(user).toMatchObject({ email: ADMIN.email, role: 'yonetici' });

    const result = await importFile(app, csv, 'yararlanicilar.csv');
    expect(result).toMatchObject({ rows: ROWS, inserted: ROWS, failed: 0 });

    await app.call('saveMessagingSettings', { smtp: { host: '127.0.0.1', port: smtpPort, secure: 'none', from: 'panel@kafkasder.org.tr' } });
    await app.call('setPreferences', { prefs: { gorev: { email: true, sms: false } } });
    await app.call('createNotification', { recipientId: user.id, kind: 'gorev', title: 'Dosyaları kontrol et', body: 'İçe aktarılan listeyi kontrol et.' });
    await waitFor('the task e-mail', () => mails.find((m) => m.subject.startsWith('Görev atandı')));
    await waitFor('the import notice by e-mail', () => mails.find((m) => m.subject.startsWith('İçe aktarma tamamlandı')));
  });
  expect(first.code).toBe(0);
  // Each message exactly once: the task, and the import's own notice (sent as soon as this PC
  // could send e-mail — it waited, it was not skipped, while no PC had SMTP settings).
  expect(mails.filter((m) => m.to.includes(ADMIN.email)).map((m) => m.subject).sort()).toEqual([
    'Görev atandı: Dosyaları kontrol et',
    'İçe aktarma tamamlandı: yararlanicilar.csv',
  ]);

  // Quit: the launcher stopped the backend; nothing of ours runs and its port is free.
  const config = readLocalConfig(join(base, 'app'))!;
  expect(ourBackendProcesses(join(base, 'app'))).toEqual([]);
  expect(await instanceName(`http://127.0.0.1:${config.ports.cloud}`)).toBeNull();

  // Second start, offline (the CLI cannot ask for a newer backend): the sealed session comes back.
  const second = await start({ offline: true }, async (app) => {
    const session = await waitFor('the restored session', async () => {
      const s = await app.call('getSession', {});
      return s.user ? s : null;
    }, 30_000);
    expect(session.user).toMatchObject({ email: ADMIN.email, role: 'yonetici' });
    // The data outlived the restart (the backend keeps it in its storage folder).
    const page = await app.call('listRecords', { collection: 'beneficiaries', cursor: null, numItems: 5 });
    expect(page.page).toHaveLength(5);
    await app.call('signOut', {});
    expect(await app.call('getSession', {})).toMatchObject({ user: null, needsFirstAdmin: false });
  });
  expect(second.code).toBe(0);
  expect(ourBackendProcesses(join(base, 'app'))).toEqual([]);
});
