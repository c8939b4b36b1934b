// `kafkasder undo RUN_ID` in-process against the demo backend: each command would start a demo
// deployment of its own, so the import and its undo share one started here (CliIo.memory).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { demoData } from '../../convex/demo';
import { AuthSession, memoryTokenStore } from '../core/session/authSession';
import { ConvexGateway } from '../core/backend/convexGateway';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { allBeneficiaries, tempDir, writeExcelCsv } from '../features/imports/importer.test-util';
import { tcFor } from '../features/imports/sampleData.test-util';
import { main } from './main';
import { signInDemo } from './signIn';

const HEADERS = ['Ad Soyad', 'TC Kimlik No', 'İl', 'Durum'];
const [mehmet, zeynep] = demoData.beneficiaries.map((b) => ({ fullName: String(b.fullName), nationalId: String(b.nationalId), city: String(b.city) }));

let memory: RehearsalProcess;
afterEach(async () => {
  await memory?.stop();
});

function cliIo(dir: string) {
  const out = { stdout: '', stderr: '' };
  const io = {
    workDir: dir,
    env: {},
    memory,
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  return { out, run: (argv: string[]) => main(argv, io) };
}

/** The demo administrator's session on the shared demo deployment, for reads and set-up. */
async function demoSession() {
  const gateway = new ConvexGateway(memory.url);
  const session = new AuthSession(gateway, memoryTokenStore());
  await signInDemo(memory.demoAccounts, session);
  return { gateway, session: { close: async () => (await session.close(), await gateway.close()) } };
}

async function beneficiaries() {
  const { gateway, session } = await demoSession();
  try {
    return new Map((await allBeneficiaries(gateway)).map((b) => [String(b.nationalId), b]));
  } finally {
    await session.close();
  }
}

describe('kafkasder undo', { timeout: 60_000 }, () => {
  it('undoes an upsert import: created records deleted, updated ones restored, one changed since kept and listed', async () => {
    memory = await spawnRehearsal({ demo: true });
    const dir = tempDir('kafkasder-undo-');
    writeExcelCsv(join(dir, 'guncel.csv'), HEADERS, [
      [mehmet!.fullName, mehmet!.nationalId, 'Van', 'Aktif'],
      [zeynep!.fullName, zeynep!.nationalId, 'Muş', 'Aktif'],
      ['Şükrü Öztürk', tcFor(1), 'Kars', 'Aktif'],
      ['Gülşen Çelik', tcFor(2), 'Iğdır', 'Beklemede'],
    ]);
    const imp = cliIo(dir);
    expect(await imp.run(['import', 'guncel.csv', '--collection', 'beneficiaries', '--mode', 'upsert', '--backend', 'memory', '--json'])).toBe(0);
    expect(imp.out.stderr).toBe('');
    const imported = JSON.parse(imp.out.stdout) as { runId: string; inserted: number; updated: number };
    expect(imported).toMatchObject({ inserted: 2, updated: 2, status: 'completed' });
    let stored = await beneficiaries();
    expect([stored.get(mehmet!.nationalId)?.city, stored.get(tcFor(1))?.city]).toEqual(['Van', 'Kars']);

    // A colleague edits Zeynep after the import: the undo leaves her as she is now.
    const later = writeExcelCsv(join(dir, 'sonra.csv'), HEADERS, [[zeynep!.fullName, zeynep!.nationalId, 'Bitlis', 'Aktif']]);
    expect(await cliIo(dir).run(['import', later, '--collection', 'beneficiaries', '--mode', 'upsert', '--backend', 'memory'])).toBe(0);

    const undo = cliIo(dir);
    expect(await undo.run(['undo', imported.runId, '--backend', 'memory', '--json'])).toBe(0);
    expect(undo.out.stderr).toBe('');
    expect(JSON.parse(undo.out.stdout)).toEqual({
      runId: imported.runId,
      deleted: 2,
      restored: 1,
      kept: 1,
      keptRows: [{ row: 3, key: zeynep!.nationalId, action: 'updated' }],
    });
    stored = await beneficiaries();
    expect(stored.has(tcFor(1))).toBe(false);
    expect(stored.has(tcFor(2))).toBe(false);
    expect(stored.get(mehmet!.nationalId)?.city).toBe(mehmet!.city);
    expect(stored.get(zeynep!.nationalId)?.city).toBe('Bitlis');

    // Run again (e.g. after a failure): nothing more is undone, and it says so in Turkish.
    const again = cliIo(dir);
    expect(await again.run(['undo', imported.runId, '--backend', 'memory'])).toBe(0);
    expect(again.out.stdout).toBe(
      `Aktarım ${imported.runId} geri alındı: 2 kayıt silindi, 1 kayıt eski haline döndü, 1 kayıt sonradan değiştiği için bırakıldı\n  Satır 3: ${zeynep!.nationalId}\n`,
    );
    expect((await beneficiaries()).get(mehmet!.nationalId)?.city).toBe(mehmet!.city);
  });

  it('exits 2 saying why, in the chosen language, for a missing or unknown run id and a run still running', async () => {
    memory = await spawnRehearsal({ demo: true });
    const dir = tempDir('kafkasder-undo-');
    const none = cliIo(dir);
    expect(await none.run(['undo', '--backend', 'memory'])).toBe(2);
    expect(none.out.stderr).toBe('Aktarım numarası belirtilmedi\n');
    const unknown = cliIo(dir);
    expect(await unknown.run(['undo', 'yok', '--backend', 'memory', '--lang', 'en'])).toBe(2);
    expect(unknown.out.stderr).toBe('No such import run: yok\n');
    const { gateway, session } = await demoSession();
    const runId = await gateway.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'yarim.csv' });
    await session.close();
    const running = cliIo(dir);
    expect(await running.run(['undo', runId, '--backend', 'memory'])).toBe(2);
    expect(running.out.stderr).toBe(`Aktarım ${runId} hâlâ sürüyor; bittiğinde geri alınabilir\n`);
  });

  it('undoes a run finished 29 days ago and refuses one finished 31 days ago, saying why (exit 2)', async () => {
    memory = await spawnRehearsal({ demo: true });
    const dir = tempDir('kafkasder-undo-');
    const DAY = 24 * 3600 * 1000;
    const finishedRun = async () => {
      const { gateway, session } = await demoSession();
      const runId = await gateway.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'insert', fileName: 'eski.csv' });
      await gateway.mutation(api.imports.finishRun, { runId, status: 'completed' });
      await session.close();
      return runId;
    };
    // The server's clock moves on; each command signs in afresh at the server's time.
    const older = await finishedRun();
    await memory.advanceClock(2 * DAY);
    const recent = await finishedRun();
    await memory.advanceClock(29 * DAY);
    const inTime = cliIo(dir);
    expect(await inTime.run(['undo', recent, '--backend', 'memory'])).toBe(0);
    expect(inTime.out.stdout).toBe(`Aktarım ${recent} geri alındı: 0 kayıt silindi, 0 kayıt eski haline döndü, 0 kayıt sonradan değiştiği için bırakıldı\n`);
    const expired = cliIo(dir);
    expect(await expired.run(['undo', older, '--backend', 'memory'])).toBe(2);
    expect(expired.out.stderr).toBe(`Aktarım ${older} geri alınamaz: aktarımlar 30 gün içinde geri alınabilir\n`);
    expect(expired.out.stdout).toBe('');
  });
});
