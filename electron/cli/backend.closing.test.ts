// A command's core closes what its jobs opened: a check's row store keeps two files open for its
// pages, and a FileHandle left to the garbage collector makes Node warn on stderr (seen in CI in
// `kafkasder validate`'s output). Linux lists a process's open files in /proc/self/fd.
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openLocalCore, runCoreJob } from './backend';

/** The files this process has open whose path contains `part`. */
function openFilesUnder(part: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // closed while listed
      }
    })
    .filter((path) => path.includes(part));
}

test.skipIf(!existsSync('/proc/self/fd'))('closing the core closes the files of every check it ran', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkasder-local-core-'));
  try {
    const file = join(dir, 'liste.csv');
    writeFileSync(file, 'Adı Soyadı;T.C. Kimlik No\r\nAyşe Yılmaz;10000000078\r\nAli Veli;123\r\n');
    const { core, close } = openLocalCore();
    const source = { file: core.services.files.grant!(file, ['read']), collection: 'beneficiaries' as const, mapping: ['fullName', 'nationalId'] };
    const summary = await runCoreJob(core, 'importCheck', { ...source, errorsOnly: true });
    expect(summary).toMatchObject({ rows: 2, invalid: 1 });
    const checkFiles = join('checks', summary.checkId);
    expect(openFilesUnder(checkFiles).length).toBeGreaterThan(0);
    await close();
    expect(openFilesUnder(checkFiles)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
