import { appendFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { rowsToReserve, runCheck, type CheckProgress } from './checkPass';
import { CheckSession } from './checkSession';
import { HAND_OVER_BELOW, serveSheet, sheetWorkerBatches, workerRunner, type CheckResponse } from './checkUnits';
import { csvChunks } from '../reading/csvChunks';
import { RowChecker, type CheckedBatch } from './rowChecker';
import { DuplicateKeys } from './duplicateKeys';
import { MAX_ROWS } from '../reading/sheetScanner';
import { readErrorLines } from './rowChunks';
import { inspectSource } from '../reading/source';
import { BENEFICIARY_HEADERS, beneficiaryRows, tempDir, writeExcelCsv } from '../importer.test-util';
import { suggestColumns } from './mapping';
import { tcFor } from '../sampleData.test-util';

const mapping = suggestColumns('beneficiaries', BENEFICIARY_HEADERS).map((s) => s.field);
const row = (name: string, tc: string, over: Partial<Record<number, string>> = {}) => {
  const cells = [name, tc, '0532 123 45 67', 'a@ornek.com', '12.03.1985', 'istanbul', 'Kadıköy', 'Moda Cad. No:5', '4', '12.500,50', 'Yetim', 'Aktif'];
  for (const [i, v] of Object.entries(over)) cells[Number(i)] = v as string;
  return cells;
};

/** Rows 2..8 of a windows-1254 ';' file, with a blank line as row 6. */
function smallFile(dir: string): string {
  const bad = tcFor(2).slice(0, 10) + String((Number(tcFor(2)[10]) + 1) % 10);
  const lines = [
    BENEFICIARY_HEADERS,
    row('Şükrü Öztürk', tcFor(1)), // 2
    row('Gülşen Çelik', bad), // 3 checksum
    row('İbrahim Iğdırlı', tcFor(3), { 4: '31.02.1985' }), // 4 no such date
    row('Ayşe Kaya', tcFor(1)), // 5 duplicate of row 2
  ];
  const tail = [
    row('Ümran Şahin', tcFor(7), { 9: '1.234,56', 5: 'IĞDIR' }), // 7
    row('', tcFor(8), { 5: 'Atlantis' }), // 8 required + unknown province
  ];
  const text = [...lines.map((l) => l.join(';')), '', ...tail.map((l) => l.join(';'))].join('\r\n') + '\r\n';
  const file = join(dir, 'yardım listesi.csv');
  writeFileSync(file, iconv.encode(text, 'windows-1254'));
  return file;
}

describe('runCheck', () => {
  it('reads a Turkish Excel CSV with the right letters and flags exact rows and codes', async () => {
    const dir = tempDir();
    const file = smallFile(dir);
    const { summary, session, info } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, today: '2025-06-01' });
    expect(info).toMatchObject({ encoding: 'windows-1254', delimiter: ';' });
    expect(info.headers).toEqual(BENEFICIARY_HEADERS);
    expect(session.meta.numberStyle).toBe('tr');
    expect(summary).toMatchObject({ rows: 6, valid: 2, invalid: 4 });
    expect(summary.byCode).toEqual({ checksum: 1, invalid_format: 1, duplicate_in_file: 1, required: 1, unknown_value: 1 });
    expect(summary.byColumn).toEqual({ 'T.C. Kimlik No': 2, 'Doğum Tarihi': 1, 'Adı Soyadı': 1, İl: 1 });

    const page = await session.getRows({ offset: 0, limit: 10 });
    expect(page.complete).toBe(true);
    expect(page.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(page.rows[0]?.cells[0]).toBe('Şükrü Öztürk');
    expect(page.rows[2]?.cells[0]).toBe('İbrahim Iğdırlı');
    const errs = Object.fromEntries(page.rows.map((r) => [r.rowNumber, r.errors.map((e) => `${e.column}|${e.field}|${e.code}`)]));
    expect(errs).toEqual({
      2: [],
      3: ['T.C. Kimlik No|nationalId|checksum'],
      4: ['Doğum Tarihi|birthDate|invalid_format'],
      5: ['T.C. Kimlik No|nationalId|duplicate_in_file'],
      7: [],
      8: ['Adı Soyadı|fullName|required', 'İl|city|unknown_value'],
    });
    expect(page.rows[3]?.errors[0]).toMatchObject({ row: 5, params: { row: 2 }, messageTr: 'Bu kayıt dosyada 2. satırda da var', message: 'Duplicate of row 2 in this file' });
    await session.close();
  });

  it('warns of rows that may be the same person as an earlier row, apart from the errors, and keeps them valid', async () => {
    const dir = tempDir();
    const lines = [
      row('Ayşe Yılmaz', tcFor(1), { 2: '0532 111 11 11' }), // 2
      row('YILMAZ AYSE', tcFor(2), { 2: '0533 222 22 22' }), // 3 same folded name and birth date, another TC: a warning
      row('Ayşe Yılmaz', tcFor(1), { 2: '0534 333 33 33' }), // 4 same TC as row 2: an error, not a warning too
      row('Mehmet Kaya', tcFor(4), { 2: '0535 444 44 44', 4: '01.01.1970' }), // 5
      row('Kaya, Mehmet', '', { 2: '0535 444 44 44', 4: '' }), // 6 no TC, no birth date: same name and phone as row 5
      row('Mehmet Kaya', tcFor(6), { 2: '0536 666 66 66', 4: '02.02.1972' }), // 7 same name only: nothing
    ];
    const file = writeExcelCsv(join(dir, 'tekrar.csv'), BENEFICIARY_HEADERS, lines);
    const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, today: '2025-06-01' });
    expect(summary).toMatchObject({ rows: 6, valid: 5, invalid: 1, warnings: 2 });
    expect(summary.byCode).toEqual({ duplicate_in_file: 1 });
    const page = await session.getRows({ offset: 0, limit: 10 });
    const warned = Object.fromEntries(page.rows.map((r) => [r.rowNumber, r.warnings.map((w) => `${w.column}|${w.messageTr}|${w.message}`)]));
    expect(warned).toEqual({
      2: [],
      3: ['Adı Soyadı|Satır 2 ile aynı kişi olabilir (ad ve doğum tarihi aynı)|May be the same person as row 2 (same name and birth date)'],
      4: [],
      5: [],
      6: ['Adı Soyadı|Satır 5 ile aynı kişi olabilir (ad ve telefon aynı)|May be the same person as row 5 (same name and phone)'],
      7: [],
    });
    expect(page.rows.find((r) => r.rowNumber === 4)?.errors.map((e) => e.code)).toEqual(['duplicate_in_file']);
    const onlyWarnings = await session.getRows({ offset: 0, limit: 10, onlyWarnings: true });
    expect(onlyWarnings.rows.map((r) => r.rowNumber)).toEqual([3, 6]);
    expect(await session.counts()).toMatchObject({ valid: 5, invalid: 1 });
    await session.close();
    // Kept with the check: a reopened session still shows them.
    const reopened = (await CheckSession.open(dir, session.meta.checkId))!;
    expect((await reopened.getRows({ offset: 1, limit: 1, onlyWarnings: true })).rows[0]?.warnings[0]).toMatchObject({ code: 'possible_duplicate', params: { row: 5, rule: 'namePhone' } });
    await reopened.close();
  });

  it('pages by range, lists only rows with errors, and serves pages before the pass ends', async () => {
    const dir = tempDir();
    const { rows, brokenIndexes } = beneficiaryRows(5000, 7);
    const file = writeExcelCsv(join(dir, 'büyük.csv'), BENEFICIARY_HEADERS, rows);
    let early: { total: number; complete: boolean; firstRow?: number } | undefined;
    let session: CheckSession | undefined;
    const progress: CheckProgress[] = [];
    const pending: Promise<void>[] = [];
    let asked: { at: number; answeredAt?: number } | undefined;
    const { summary } = await runCheck(
      { path: file, collection: 'beneficiaries', mapping },
      {
        dataDir: dir,
        onSession: (s) => (session = s),
        progress: (p) => {
          progress.push(p);
          // The first page, asked for at the first progress: answered before more rows are checked.
          if (session && !asked) {
            const ask: { at: number; answeredAt?: number } = { at: p.rowsRead };
            asked = ask;
            pending.push(session.getRows({ offset: 0, limit: 3 }).then(() => void (ask.answeredAt = progress.at(-1)!.rowsRead)));
          }
          if (session && !early && p.rowsRead < 5000) {
            early = { total: -1, complete: true };
            pending.push(
              session.store.flushed().then(async () => {
                const page = await session!.getRows({ offset: 0, limit: 3 });
                early = { total: page.total, complete: page.complete, firstRow: page.rows[0]?.rowNumber };
              }),
            );
          }
        },
      },
    );
    await Promise.all(pending);
    // The first unit is small and reported before the next is read: the first page shows at once.
    expect(asked!.at).toBeGreaterThan(0);
    expect(asked!.at).toBeLessThan(500);
    expect(asked!.answeredAt).toBe(asked!.at);
    expect(early).toMatchObject({ complete: false, firstRow: 2 });
    expect(early!.total).toBeGreaterThan(0);
    expect(early!.total).toBeLessThan(5000);
    expect(progress.at(-1)).toMatchObject({ rowsRead: 5000, invalid: brokenIndexes.length });
    expect(summary.invalid).toBe(brokenIndexes.length);

    const s = session!;
    const middle = await s.getRows({ offset: 2500, limit: 4 });
    expect(middle.total).toBe(5000);
    expect(middle.rows.map((r) => r.rowNumber)).toEqual([2502, 2503, 2504, 2505]);
    expect(middle.rows[0]?.cells).toEqual(rows[2500]);

    const errorsOnly = await s.getRows({ offset: 0, limit: 1000, onlyErrors: true });
    expect(errorsOnly.total).toBe(brokenIndexes.length);
    expect(errorsOnly.rows.map((r) => r.rowNumber)).toEqual(brokenIndexes.slice(0, 1000).map((i) => i + 2));
    expect(errorsOnly.rows.every((r) => r.errors.length > 0)).toBe(true);
    const last = await s.getRows({ offset: brokenIndexes.length - 1, limit: 10, onlyErrors: true });
    expect(last.rows.map((r) => r.rowNumber)).toEqual([brokenIndexes.at(-1)! + 2]);
    await s.close();

    // The store survives a restart: the index is read back from its files.
    const reopened = (await CheckSession.open(dir, s.meta.checkId))!;
    expect(reopened.store.rowCount).toBe(5000);
    expect(reopened.store.errorRowCount).toBe(brokenIndexes.length);
    expect((await reopened.getRows({ offset: 1, limit: 1, onlyErrors: true })).rows[0]?.rowNumber).toBe(brokenIndexes[1]! + 2);
    expect((await reopened.getRows({ offset: 4999, limit: 1 })).rows[0]?.cells).toEqual(rows[4999]);
    await reopened.close();

    // Rows are read from the checked file itself, so a changed file is refused, not misread.
    appendFileSync(file, 'x');
    const afterEdit = (await CheckSession.open(dir, s.meta.checkId))!;
    await expect(afterEdit.getRows({ offset: 0, limit: 5 })).rejects.toMatchObject({ code: 'source_changed' });
    await afterEdit.close();
  });

  it('gives the same rows, errors and counts checked in worker threads as in this thread', async () => {
    const dir = tempDir();
    // Duplicates far apart land in different chunks, so only the file-order merge can find them.
    const { rows } = beneficiaryRows(6000, 11);
    rows[5500]![1] = rows[10]![1]!;
    rows[5999]![1] = rows[3000]![1]!;
    // The same person far apart under another spelling: a warning only the file-order merge finds.
    rows[5800]![0] = rows[100]![0]!.split(' ').reverse().join(' ').toLocaleUpperCase('tr-TR');
    rows[5800]![4] = rows[100]![4]!;
    const file = writeExcelCsv(join(dir, 'iş parçacıkları.csv'), BENEFICIARY_HEADERS, rows);
    const results = [];
    for (const threads of [0, 2]) {
      const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, today: '2025-06-01', threads });
      const all = [];
      for (let offset = 0; offset < 6000; offset += 1000) all.push(...(await session.getRows({ offset, limit: 1000 })).rows);
      const errors = (await session.getRows({ offset: 0, limit: 1000, onlyErrors: true })).rows.map((r) => [r.rowNumber, r.errors.map((e) => e.code)]);
      await session.close();
      const { checkId: _, ...counts } = summary;
      results.push({ counts, rows: all, errors });
    }
    const [inline, workers] = results;
    expect(inline!.rows).toHaveLength(6000);
    expect(inline!.counts.byCode.duplicate_in_file).toBeGreaterThanOrEqual(2);
    expect(inline!.errors).toContainEqual([5502, ['duplicate_in_file']]);
    expect(inline!.rows[5800]!.warnings.map((w) => w.messageTr)).toContain('Satır 102 ile aynı kişi olabilir (ad ve doğum tarihi aynı)');
    expect(workers).toEqual(inline);
  });

  it('a workbook: the same rows, errors and counts with its sheet read in a worker as in this thread', async () => {
    const dir = tempDir();
    const { rows } = beneficiaryRows(3200, 13);
    rows[2900]![1] = rows[20]![1]!; // a duplicate of a row checked here, found in a row the worker read
    const file = join(dir, 'çalışma kitabı.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Liste');
    ws.addRow(BENEFICIARY_HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    await wb.commit();
    const results = [];
    const reserve = vi.spyOn(DuplicateKeys.prototype, 'reserve');
    for (const threads of [0, 1]) {
      reserve.mockClear();
      const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, today: '2025-06-01', threads });
      const all = [];
      for (let offset = 0; offset < 3200; offset += 1000) all.push(...(await session.getRows({ offset, limit: 1000 })).rows);
      const errors = (await session.getRows({ offset: 0, limit: 1000, onlyErrors: true })).rows.map((r) => [r.rowNumber, r.errors.map((e) => e.code)]);
      await session.close();
      const { checkId: _, ...counts } = summary;
      results.push({ counts, rows: all, errors });
      // Room for the whole sheet from its first batch (500 rows) and the sheet's size, so the tables never grow step by step.
      expect(reserve).toHaveBeenCalledTimes(1);
      expect(reserve.mock.calls[0]![0]).toBeGreaterThanOrEqual(3200);
      expect(reserve.mock.calls[0]![0]).toBeLessThan(4000);
    }
    reserve.mockRestore();
    const [inline, worker] = results;
    // The worker did start: batches read there, without falling back to this thread.
    const info = await inspectSource(file);
    const rules = { collection: 'beneficiaries' as const, mapping, numberStyle: 'tr' as const, partial: false, today: '2025-06-01', columnOfField: {} };
    let fromWorker = 0;
    for await (const batch of sheetWorkerBatches(rules, file, info, 500, undefined, false)) fromWorker += batch.numericKeys.length;
    expect(fromWorker).toBe(2700);
    // The worker hands its rows over while this thread keeps up (here it takes none), and checks the rest itself.
    const posted: string[] = [];
    let served = 0;
    const sheet = serveSheet(new RowChecker(rules), {
      postMessage: (m: CheckResponse) => {
        posted.push(Object.keys(m)[0]!);
        if ('sheetRows' in m) served += m.sheetRows.length;
        if ('sheetBatch' in m) served += m.sheetBatch.numericKeys.length;
      },
    });
    await sheet.start({ path: file, info, skipRows: 500 });
    expect(posted).toEqual([...Array<string>(HAND_OVER_BELOW).fill('sheetRows'), ...Array<string>(6 - HAND_OVER_BELOW).fill('sheetBatch'), 'sheetEnd']);
    expect(served).toBe(2700);
    expect(inline!.rows).toHaveLength(3200);
    expect(inline!.rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 3200 }, (_, i) => i + 2));
    expect(inline!.errors).toContainEqual([2902, ['duplicate_in_file']]);
    expect(worker).toEqual(inline);

    // Cancelled while the worker reads: the pass stops with 'cancelled', not with a partial summary.
    const controller = new AbortController();
    const cancelled = runCheck(
      { path: file, collection: 'beneficiaries', mapping },
      { dataDir: dir, threads: 1, signal: controller.signal, progress: (p) => p.rowsRead > 500 && controller.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
  }, 90_000); // three workers start from source here, each in about a second on a quiet machine

  it('makes room for the rows the first ones tell, never for more than the file can hold', () => {
    expect(rowsToReserve(500, 200_000, 2_000_000, 20_000_000)).toBe(5250); // a tenth read: ten times its rows, and a margin
    // A workbook whose directory claims a huge sheet, with short first rows: no more than a sheet's row limit.
    expect(rowsToReserve(500, 20_000, 2 ** 31, MAX_ROWS)).toBe(MAX_ROWS);
    expect(rowsToReserve(500, 200_000, 200_000, MAX_ROWS)).toBe(0); // all read: nothing to make room for
    expect(rowsToReserve(0, 0, 200_000, MAX_ROWS)).toBe(0);
  });

  it('lists the errors of a workbook without reading its rows back (cells: false), as with them', async () => {
    const dir = tempDir();
    const { rows, brokenIndexes } = beneficiaryRows(600, 5);
    const file = join(dir, 'liste.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Liste');
    ws.addRow(BENEFICIARY_HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    await wb.commit();
    const { session } = await runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, threads: 0 });
    const withCells = await session.getRows({ offset: 0, limit: 1000, onlyErrors: true });
    expect(withCells.rows.map((r) => r.rowNumber)).toEqual(brokenIndexes.map((i) => i + 2));
    await session.close();
    // The workbook's rows are kept in rows.data: gone, only a page that reads no cells can answer.
    rmSync(join(session.dir, 'rows.data'));
    const reopened = (await CheckSession.open(dir, session.meta.checkId))!;
    const errorsOnly = await reopened.getRows({ offset: 0, limit: 1000, onlyErrors: true, cells: false });
    expect(errorsOnly.total).toBe(brokenIndexes.length);
    expect(errorsOnly.rows).toEqual(withCells.rows.map((r) => ({ ...r, cells: [] })));
    await expect(reopened.getRows({ offset: 0, limit: 10, onlyErrors: true })).rejects.toThrow();
    await reopened.close();
  });

  it('a workbook checked for its errors only (errorsOnly): the same errors and counts, no rows stored', async () => {
    const dir = tempDir();
    const { rows } = beneficiaryRows(1500, 9);
    const file = join(dir, 'hatalar.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Liste');
    ws.addRow(BENEFICIARY_HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    await wb.commit();
    const checks = [];
    for (const errorsOnly of [false, true]) {
      const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping, errorsOnly }, { dataDir: dir, threads: 1, today: '2025-06-01' });
      const { checkId: _, ...counts } = summary;
      const errors = await session.getRows({ offset: 0, limit: 1000, onlyErrors: true, cells: false });
      checks.push({ counts, errors, stored: statSync(join(session.dir, 'rows.data')).size, session });
    }
    const [full, errorsOnly] = checks;
    expect(errorsOnly!.counts).toEqual(full!.counts);
    expect(errorsOnly!.errors).toEqual(full!.errors);
    expect(full!.stored).toBeGreaterThan(100_000);
    expect(errorsOnly!.stored).toBe(0);
    // Its pages come without cells, and no cell can be fixed in it.
    expect((await errorsOnly!.session.getRows({ offset: 0, limit: 2 })).rows.map((r) => r.cells)).toEqual([[], []]);
    await expect(errorsOnly!.session.fixCell(2, 'city', 'Kars')).rejects.toMatchObject({ code: 'check_without_rows' });
    for (const c of checks) await c.session.close();
  }, 60_000);

  it('refuses a file edited while it was being checked', async () => {
    const dir = tempDir();
    const { rows } = beneficiaryRows(5000, 3);
    const file = writeExcelCsv(join(dir, 'değişen.csv'), BENEFICIARY_HEADERS, rows);
    let edited = false;
    const checking = runCheck(
      { path: file, collection: 'beneficiaries', mapping },
      {
        dataDir: dir,
        progress: (p) => {
          if (!edited && p.rowsRead < 5000) {
            edited = true;
            appendFileSync(file, 'Yeni Satır;;;\r\n');
          }
        },
      },
    );
    await expect(checking).rejects.toMatchObject({ code: 'source_changed' });
    expect(edited).toBe(true);
  });

  it('checks a chunk in a worker exactly as in this thread', async () => {
    const dir = tempDir();
    const { rows } = beneficiaryRows(3000, 5);
    const file = writeExcelCsv(join(dir, 'parçalar.csv'), BENEFICIARY_HEADERS, rows);
    const info = await inspectSource(file);
    const rules = { collection: 'beneficiaries' as const, mapping, numberStyle: 'tr' as const, partial: false, today: '2025-06-01', columnOfField: { nationalId: 'T.C. Kimlik No' } };
    const runner = workerRunner(rules, 2);
    expect(await runner.start()).toBe(2); // both loaded: from here on every unit goes to a worker
    const here = new RowChecker(rules);
    const dialect = { encoding: info.encoding!, delimiter: info.delimiter!, lineEnding: info.lineEnding };
    const summary = (b: CheckedBatch) => ({ ...b, chunk: { ...b.chunk, errors: readErrorLines(b.chunk.errors) } });
    let chunks = 0;
    for await (const chunk of csvChunks(file, dialect, { chunkBytes: 32 * 1024 })) {
      const expected = summary(here.check({ kind: 'csv', chunk: { ...chunk, bytes: chunk.bytes.slice() }, afterRow: 1 }));
      expect(summary(await runner.check({ kind: 'csv', chunk, afterRow: 1 }))).toEqual(expected);
      expect(chunk.bytes.byteLength).toBe(0); // moved to the worker, not copied
      chunks++;
    }
    expect(chunks).toBeGreaterThan(5);
    await runner.close();

    // Every worker with its next unit waiting: the unit after is checked in this thread.
    const one = workerRunner(rules, 1);
    expect(await one.start()).toBe(1);
    const units = [];
    for await (const chunk of csvChunks(file, dialect, { chunkBytes: 32 * 1024 })) units.push({ kind: 'csv' as const, chunk, afterRow: 1 });
    const expected = units.slice(0, 3).map((u) => summary(here.check({ ...u, chunk: { ...u.chunk, bytes: u.chunk.bytes.slice() } })));
    const checked = units.slice(0, 3).map((u) => one.check(u));
    expect(units.slice(0, 3).map((u) => u.chunk.bytes.byteLength > 0)).toEqual([false, false, true]);
    expect((await Promise.all(checked)).map(summary)).toEqual(expected);
    await one.close();
  });

  it('re-validates a fixed cell at once and keeps fixes and skips in the overlay', async () => {
    const dir = tempDir();
    const { session } = await runCheck({ path: smallFile(dir), collection: 'beneficiaries', mapping }, { dataDir: dir, today: '2025-06-01' });
    expect(await session.counts()).toEqual({ rows: 6, valid: 2, invalid: 4, skipped: 0 });

    const stillBad = await session.fixCell(4, 'birthDate', '30.02.1985');
    expect(stillBad.errors.map((e) => e.code)).toEqual(['invalid_format']);
    const fixed = await session.fixCell(4, 'birthDate', '28.02.1985');
    expect(fixed).toMatchObject({ rowNumber: 4, errors: [], fixes: { birthDate: '28.02.1985' }, skipped: false });

    // Fixing another field of a duplicate leaves the duplicate; changing the key clears it.
    expect((await session.fixCell(5, 'fullName', 'Ayşe Kaya Yılmaz')).errors.map((e) => e.code)).toEqual(['duplicate_in_file']);
    expect((await session.fixCell(5, 'nationalId', tcFor(5))).errors).toEqual([]);

    const half = await session.fixCell(8, 'fullName', 'Özlem Arslan');
    expect(half.errors.map((e) => e.code)).toEqual(['unknown_value']);
    expect(await session.skipRows({ rowNumbers: [8], skip: true })).toBe(1);
    expect(await session.skipRows({ allInvalid: true, skip: true })).toBe(2); // row 3 is still invalid
    expect(await session.counts()).toEqual({ rows: 6, valid: 4, invalid: 0, skipped: 2 });
    await expect(session.fixCell(6, 'fullName', 'x')).rejects.toMatchObject({ code: 'no_such_row' });

    const page = await session.getRows({ offset: 0, limit: 10 });
    expect(page.rows.find((r) => r.rowNumber === 4)?.errors).toEqual([]);
    expect(page.rows.filter((r) => r.skipped).map((r) => r.rowNumber)).toEqual([3, 8]);
    await session.close();

    const reopened = (await CheckSession.open(dir, session.meta.checkId))!;
    expect(reopened.overlay.fixes.get(4)).toEqual({ birthDate: '28.02.1985' });
    expect([...reopened.overlay.skips].sort()).toEqual([3, 8]);
    await reopened.close();
  });

  it('refuses a mapping without the required fields before reading rows', async () => {
    const dir = tempDir();
    // Without the TC column, birth date and phone, no rule could match a row either.
    const partial = mapping.map((f) => (f === 'nationalId' || f === 'birthDate' || f === 'phone' ? null : f));
    await expect(runCheck({ path: smallFile(dir), collection: 'beneficiaries', mapping: partial }, { dataDir: dir })).rejects.toMatchObject({
      code: 'mapping_incomplete',
    });
  });

  it('stops when cancelled', async () => {
    const dir = tempDir();
    const file = writeExcelCsv(join(dir, 'iptal.csv'), BENEFICIARY_HEADERS, beneficiaryRows(20000, 3).rows);
    const ctrl = new AbortController();
    const run = runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: dir, signal: ctrl.signal, progress: (p) => p.rowsRead >= 2000 && ctrl.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
