import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../features/imports/importer.test-util';
import { MappingMemory } from '../features/imports/mappingMemory';
import { tcFor } from '../features/imports/sampleData.test-util';
import { OFFICE_FOOTER_ROW, OFFICE_HEADER_ROW, OFFICE_PEOPLE, OFFICE_SHEET, OFFICE_TOTAL_ROW, writeOfficeWorkbook } from '../features/imports/officeWorkbook.test-util';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));

// The app's data folder (where the wizard's remembered mappings are) is the test's own.
const dataDir = tempDir();

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, CONVEX_URL: '', KAFKASDER_DATA_DIR: dataDir, ...env }, cwd: tempDir() }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(rows: string[][]): string {
  const text = ['Adı Soyadı;T.C. Kimlik No;Aylık Gelir (TL);Doğum Tarihi', ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
  const path = join(tempDir(), 'yardım.csv');
  writeFileSync(path, iconv.encode(text, 'windows-1254'));
  return path;
}

// Each case starts several node processes running the CLI's bundle (rebuilt by the tests' global
// setup): quick alone, but seconds on a busy 2-core machine, so the cases get more than 30 s.
describe('kafkasder CLI (child process)', { timeout: 120_000 }, () => {
  it('inspect --json prints the file description and raw rows', async () => {
    const f = file([['Şükrü Öztürk', tcFor(1), '1.234,56', '12.03.1985']]);
    const r = await cli(['inspect', f, '--json', '--limit', '5']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file: f,
      format: 'csv',
      encoding: 'windows-1254',
      delimiter: ';',
      sheets: [],
      sheet: null,
      headerRow: 1,
      detection: {
        sheet: null,
        headerRow: { tr: 'Başlık satırı 1: 4 sütunu İhtiyaç sahipleri alanlarına uyan satır', en: 'Header row 1: its 4 columns match Beneficiaries fields' },
      },
      headers: ['Adı Soyadı', 'T.C. Kimlik No', 'Aylık Gelir (TL)', 'Doğum Tarihi'],
      collectionGuess: {
        collection: 'beneficiaries',
        header: 'T.C. Kimlik No',
        field: 'nationalId',
        basis: 'naturalKey',
        candidates: ['beneficiaries'],
        reason: {
          tr: '“T.C. Kimlik No” sütunu var → İhtiyaç sahipleri',
          en: '“T.C. Kimlik No” (National ID number) column found → Beneficiaries',
        },
      },
      rows: [{ 'Adı Soyadı': 'Şükrü Öztürk', 'T.C. Kimlik No': tcFor(1), 'Aylık Gelir (TL)': '1.234,56', 'Doğum Tarihi': '12.03.1985' }],
    });
  });

  it('validate exits 1 with every error when some rows are invalid, 0 when all are valid', async () => {
    const f = file([['Şükrü Öztürk', tcFor(1), '1.234,56', '12.03.1985'], ['Gülşen Çelik', tcFor(2), '12,5', '31.02.1985'], ['Ali Veli', tcFor(1), '', ''], ['ÖZTÜRK ŞÜKRÜ', tcFor(3), '', '12.03.1985']]);
    const r = await cli(['validate', f, '--collection', 'beneficiaries', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ format: 'csv', encoding: 'windows-1254', delimiter: ';', rows: 4, valid: 2, invalid: 2 });
    // Possibly the same person twice: a warning, listed apart from the errors.
    expect(out.warnings).toEqual([{ row: 5, column: 'Adı Soyadı', field: 'fullName', code: 'possible_duplicate', message: 'Satır 2 ile aynı kişi olabilir (ad ve doğum tarihi aynı)' }]);
    expect(out.mapping).toEqual({ 'Adı Soyadı': 'fullName', 'T.C. Kimlik No': 'nationalId', 'Aylık Gelir (TL)': 'monthlyIncome', 'Doğum Tarihi': 'birthDate' });
    expect(out.errors).toEqual([
      { row: 3, column: 'Doğum Tarihi', field: 'birthDate', code: 'invalid_format', message: 'Doğum Tarihi tanınan bir tarih değil (ör. 31.12.2024)' },
      { row: 4, column: 'T.C. Kimlik No', field: 'nationalId', code: 'duplicate_in_file', message: 'Bu kayıt dosyada 2. satırda da var' },
    ]);
    const ok = await cli(['validate', file([['Şükrü Öztürk', tcFor(1), '5', '12.03.1985'], ['Sukru Ozturk', tcFor(2), '', '12.03.1985']]), '--collection', 'beneficiaries', '--lang', 'en']);
    expect(ok.code).toBe(0); // a warning blocks nothing
    expect(ok.stdout).toContain('2 rows, 2 valid, 0 invalid; 1 row has a warning');
    expect(ok.stdout).toContain('Row 3 [Adı Soyadı] (warning): May be the same person as row 2 (same name and birth date)');
    // The mapping the wizard remembered for these headers wins over the suggestions: here the
    // birth date column was left out, so its bad date (row 3) is no longer an error.
    const remembered = tempDir();
    new MappingMemory(remembered).remember('beneficiaries', ['Adı Soyadı', 'T.C. Kimlik No', 'Aylık Gelir (TL)', 'Doğum Tarihi'], ['fullName', 'nationalId', 'monthlyIncome', null]);
    const asRemembered = JSON.parse((await cli(['validate', f, '--collection', 'beneficiaries', '--json'], { KAFKASDER_DATA_DIR: remembered })).stdout);
    expect(asRemembered.mapping).toEqual({ 'Adı Soyadı': 'fullName', 'T.C. Kimlik No': 'nationalId', 'Aylık Gelir (TL)': 'monthlyIncome' });
    expect(asRemembered.errors.map((e: { row: number }) => e.row)).toEqual([4]);
  });

  it('validate reads an office workbook with no help: its sheet, header row, and totals/footer rows as not data', async () => {
    const book = join(tempDir(), 'liste.xlsx');
    await writeOfficeWorkbook(book);
    const r = await cli(['validate', book, '--collection', 'beneficiaries', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ sheet: OFFICE_SHEET, headerRow: OFFICE_HEADER_ROW, rows: OFFICE_PEOPLE.length, notData: 2 });
    const rows = new Set((out.errors as { row: number }[]).map((e) => e.row));
    expect(rows.has(OFFICE_TOTAL_ROW) || rows.has(OFFICE_FOOTER_ROW)).toBe(false);
    const human = await cli(['validate', book, '--collection', 'beneficiaries']);
    expect(human.stdout).toContain('2 toplam/imza satırı veri sayılmadı');
    // Found, it says why; given with --sheet and --header-row, it says so (inspect the same).
    expect(out.detection.headerRow.en).not.toMatch(/chosen by you/);
    const given = ['--sheet', OFFICE_SHEET, '--header-row', String(OFFICE_HEADER_ROW), '--json'];
    const chosen = JSON.parse((await cli(['validate', book, '--collection', 'beneficiaries', ...given])).stdout);
    expect(chosen).toMatchObject({ sheet: OFFICE_SHEET, headerRow: OFFICE_HEADER_ROW, rows: OFFICE_PEOPLE.length, detection: { sheet: { en: `Sheet “${OFFICE_SHEET}”: chosen by you` }, headerRow: { en: `Header row ${OFFICE_HEADER_ROW}: chosen by you` } } });
    const inspected = JSON.parse((await cli(['inspect', book, ...given])).stdout);
    expect(inspected).toMatchObject({ sheet: OFFICE_SHEET, headerRow: OFFICE_HEADER_ROW, detection: { headerRow: { tr: `Başlık satırı ${OFFICE_HEADER_ROW}: siz seçtiniz` } } });
  });

  it('import into the memory backend reports the counts; rejected rows make it exit 1', async () => {
    const f = file([['Şükrü Öztürk', tcFor(1), '1.234,56', '12.03.1985'], ['Gülşen Çelik', tcFor(2), '99', '']]);
    const r = await cli(['import', f, '--collection', 'beneficiaries', '--mode', 'insert', '--backend', 'memory', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, valid: 2, invalid: 0, inserted: 2, updated: 0, skipped: 0, failed: 0, errors: [] });

    // 17291716060 is in the demo data: insert rejects it, update changes it.
    const seeded = file([['Mehmet Demir', '17291716060', '10,00', '']]);
    const ins = await cli(['import', seeded, '--collection', 'beneficiaries', '--mode', 'insert', '--backend', 'memory', '--json']);
    expect(ins.code).toBe(1);
    expect(JSON.parse(ins.stdout)).toMatchObject({ inserted: 0, failed: 1, errors: [{ row: 2, code: 'already_exists' }] });
    const upd = await cli(['import', seeded, '--collection', 'beneficiaries', '--mode', 'update', '--backend', 'memory', '--lang', 'en']);
    expect(upd.code).toBe(0);
    expect(upd.stdout).toContain('1 rows; 0 inserted, 1 updated, 0 skipped, 0 rejected');
  });

  it('exits 2 with a Turkish message on stderr (English with --lang en) for unreadable files and bad arguments', async () => {
    const missing = await cli(['validate', '/nonexistent/x.csv', '--collection', 'beneficiaries']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('dosyası bulunamadı');
    const badCollection = await cli(['validate', '/tmp/x.csv', '--collection', 'people', '--lang', 'en']);
    expect(badCollection.code).toBe(2);
    expect(badCollection.stderr).toContain('Unknown collection: people');
    const noKey = await cli(['import', file([['A B', '1', '', '']]).replace('yardım', 'yardım'), '--collection', 'donations', '--mode', 'insert']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('Zorunlu alan');
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('without --collection, validate checks against the record type the headers show; import names it but insists', async () => {
    const f = file([['Şükrü Öztürk', tcFor(1), '1.234,56', '12.03.1985']]);
    const v = await cli(['validate', f, '--json']);
    expect(v.code).toBe(0);
    expect(v.stderr).toBe('Kayıt türü başlıklardan tahmin edildi: beneficiaries (“T.C. Kimlik No” sütunu var → İhtiyaç sahipleri)\n');
    expect(JSON.parse(v.stdout)).toMatchObject({ collection: 'beneficiaries', rows: 1, valid: 1 });
    const imp = await cli(['import', f, '--mode', 'insert', '--lang', 'en']);
    expect(imp).toMatchObject({ code: 2, stdout: '' });
    expect(imp.stderr).toContain('--collection is required; by the headers: --collection beneficiaries (“T.C. Kimlik No” (National ID number) column found → Beneficiaries)');
    const both = join(tempDir(), 'iki-anahtar.csv');
    writeFileSync(both, 'Makbuz No;Belge No;Tutar\r\nM-1;B-1;10\r\n');
    const ambiguous = await cli(['validate', both]);
    expect(ambiguous).toMatchObject({ code: 2, stdout: '' });
    expect(ambiguous.stderr).toContain('--collection gerekli (Başlıklar Bağışlar ve Finans kayıtları kayıtlarına eşit ölçüde uyuyor');
  });

  it('with no backend configured, import stops (exit 2) instead of writing into a throw-away memory database', async () => {
    const valid = file([['Şükrü Öztürk', tcFor(1), '5', '']]);
    const none = await cli(['import', valid, '--collection', 'beneficiaries', '--mode', 'insert']);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toBe('Sunucu belirtilmedi: --backend URL ya da --backend memory verin\n');
  });

  it('refuses a cleartext http backend on another machine (personal data never travels in clear text)', async () => {
    const valid = file([['Şükrü Öztürk', tcFor(1), '5', '']]);
    const cleartext = await cli(['import', valid, '--collection', 'beneficiaries', '--mode', 'insert', '--backend', 'http://192.168.1.20:3210']);
    expect(cleartext).toMatchObject({ code: 2, stdout: '' });
    expect(cleartext.stderr).toContain('--backend https olmalı');
  });

  it('validate names an unclosed quote and its row instead of the empty cells it swallowed', async () => {
    const f = file([['"Mehmet', '17291716060', '', ''], ['Ayşe Kaya', tcFor(1), '', '']]);
    const tr = await cli(['validate', f, '--collection', 'beneficiaries']);
    expect(tr).toMatchObject({ code: 2, stdout: '' });
    expect(tr.stderr).toContain('"yardım.csv" dosyasının 2. satırında açılan tırnak (") hiç kapanmıyor');
    expect(tr.stderr).not.toContain('zorunlu');
    const en = await cli(['validate', f, '--collection', 'beneficiaries', '--lang', 'en']);
    expect(en.stderr).toContain('The quote (") opened on row 2 of "yardım.csv" is never closed');
  });
});
