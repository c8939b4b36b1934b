// An office list checked and imported with no help (issue #23): the data sheet and header row are
// found, and the TOPLAM row and the "Hazırlayan/Onaylayan" footer are not data — counted apart,
// never reported as invalid people, never imported, never in the error report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCheck } from './checking/checkPass';
import { suggestColumns } from './checking/mapping';
import { inspectSource } from './reading/source';
import { runImport } from './running/importRun';
import { ImportEngine } from './importEngine';
import { allBeneficiaries, memoryRig } from './importer.test-util';
import { OFFICE_BAD_CELLS, OFFICE_FOOTER_ROW, OFFICE_HEADER_ROW, OFFICE_PEOPLE, OFFICE_SHEET, OFFICE_TOTAL_ROW, writeOfficeWorkbook } from './officeWorkbook.test-util';

describe('an office workbook with a totals row and a signature footer', () => {
  it('checks the people only: totals and footer rows are not data, shown greyed, never imported or reported', async () => {
    const { gateway, dataDir } = await memoryRig();
    const file = join(dataDir, 'yardim-listesi.xlsx');
    await writeOfficeWorkbook(file);
    const info = await inspectSource(file);
    expect({ sheet: info.sheet, headerRow: info.headerRow }).toEqual({ sheet: OFFICE_SHEET, headerRow: OFFICE_HEADER_ROW });
    const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);

    const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping, info }, { dataDir, today: '2025-06-01' });
    const flagged = (await session.getRows({ offset: 0, limit: 1000, onlyErrors: true })).rows;
    const errorRows = flagged.map((r) => r.rowNumber);
    const errorColumns = flagged.flatMap((r) => r.errors.map((e) => ({ row: r.rowNumber, column: e.column })));
    expect(summary.rows).toBe(OFFICE_PEOPLE.length);
    expect(summary.notData).toBe(2);
    expect(errorRows).not.toContain(OFFICE_TOTAL_ROW);
    expect(errorRows).not.toContain(OFFICE_FOOTER_ROW);
    // Every field header mapped; exactly the bad rows flagged, each in its column.
    expect(mapping.filter((f) => f !== null)).toHaveLength(info.headers.length - 1); // all but SIRA NO
    expect(errorColumns).toEqual(OFFICE_BAD_CELLS);
    const page = await session.getRows({ offset: 0, limit: 100 });
    const kinds = Object.fromEntries(page.rows.filter((r) => r.notData).map((r) => [r.rowNumber, r.notData]));
    expect(kinds).toEqual({ [OFFICE_TOTAL_ROW]: 'total', [OFFICE_FOOTER_ROW]: 'footer' });
    expect((await session.counts()).rows).toBe(OFFICE_PEOPLE.length);
    await session.close();

    const out = await runImport({ path: file, collection: 'beneficiaries', mapping, mode: 'insert', info }, { gateway, dataDir, lang: 'tr', today: '2025-06-01' });
    expect(out.rows).toBe(OFFICE_PEOPLE.length);
    expect(out.inserted + out.failed).toBe(OFFICE_PEOPLE.length);
    const names = (await allBeneficiaries(gateway)).map((r) => String(r.fullName));
    expect(names.some((n) => /toplam|hazırlayan/i.test(n))).toBe(false);
    const report = iconv.decode(readFileSync(out.reportFile!), 'windows-1254');
    expect(report).not.toMatch(/TOPLAM|Hazırlayan/);
  });
});

describe('a totals row known by its formulas, and a row taken back as data', () => {
  const ctx = { jobId: 'j', signal: new AbortController().signal, progress: () => undefined };

  it('a row of SUM formulas over the rows above is not data even with no totals word', async () => {
    const { dataDir } = await memoryRig();
    const file = join(dataDir, 'toplamsiz.xlsx');
    await writeOfficeWorkbook(file, { totalsLabel: null });
    const info = await inspectSource(file);
    const mapping = suggestColumns('beneficiaries', info.headers).map((s) => s.field);
    const { summary, session } = await runCheck({ path: file, collection: 'beneficiaries', mapping, info }, { dataDir, today: '2025-06-01' });
    expect(summary).toMatchObject({ rows: OFFICE_PEOPLE.length, notData: 2 });
    const flagged = (await session.getRows({ offset: 0, limit: 1000, onlyErrors: true })).rows;
    expect(flagged.map((r) => r.rowNumber)).toEqual(OFFICE_BAD_CELLS.map((c) => c.row));
    const page = await session.getRows({ offset: 0, limit: 100 });
    expect(Object.fromEntries(page.rows.filter((r) => r.notData).map((r) => [r.rowNumber, r.notData]))).toEqual({ [OFFICE_TOTAL_ROW]: 'total', [OFFICE_FOOTER_ROW]: 'footer' });
    await session.close();
  });

  it('the user takes the footer back: it is checked and counted, compared in the dry run, reported by the run; given up again it is not', async () => {
    const rig = await memoryRig();
    const engine = new ImportEngine(rig.services);
    const file = join(rig.dataDir, 'yardim-listesi.xlsx');
    await writeOfficeWorkbook(file);
    const info = await engine.inspectFile({ file, collection: 'beneficiaries' });
    const mapping = info.suggestions!.map((s) => s.field);
    const source = { file, sheet: info.sheet!, headerRow: info.headerRow, collection: 'beneficiaries' as const, mapping };
    const check = await engine.jobs.importCheck(source, ctx);
    const session = await engine.session(check.checkId);
    const bad = OFFICE_BAD_CELLS.length;
    expect(await session.counts()).toEqual({ rows: OFFICE_PEOPLE.length, valid: OFFICE_PEOPLE.length - bad, invalid: bad, skipped: 0 });

    const taken = await engine.setRowData({ checkId: check.checkId, rowNumber: OFFICE_FOOTER_ROW, data: true });
    expect(taken).toMatchObject({ rowNumber: OFFICE_FOOTER_ROW, notData: 'footer', asData: true });
    expect(taken.errors.map((e) => e.field)).toContain('nationalId'); // checked at once: no TC number
    expect(await session.counts()).toEqual({ rows: OFFICE_PEOPLE.length + 1, valid: OFFICE_PEOPLE.length - bad, invalid: bad + 1, skipped: 0 });
    const rows = await engine.getCheckRows({ checkId: check.checkId, offset: 0, limit: 100 });
    expect(rows.rows.find((r) => r.rowNumber === OFFICE_FOOTER_ROW)).toMatchObject({ asData: true });
    expect(rows.rows.find((r) => r.rowNumber === OFFICE_TOTAL_ROW)).toMatchObject({ asData: false, errors: [] });

    // Upsert: the file's people may be stored already by the test before (one backend per file).
    const dry = await engine.jobs.importDryRun({ ...source, checkId: check.checkId, mode: 'upsert' }, ctx);
    expect(dry).toMatchObject({ invalid: bad + 1, validRows: OFFICE_PEOPLE.length - bad });
    const labelled = await engine.getDryRunRows({ checkId: check.checkId, offset: 0, limit: 100 });
    expect(labelled.rows.map((r) => r.rowNumber)).toEqual([...OFFICE_PEOPLE.map((p) => p.row), OFFICE_FOOTER_ROW]);
    expect(labelled.rows.at(-1)).toMatchObject({ action: 'invalid' });

    const run = await engine.jobs.importRun({ ...source, mode: 'upsert', checkId: check.checkId, dryRun: true }, ctx);
    expect(run).toMatchObject({ rows: OFFICE_PEOPLE.length + 1, failed: bad + 1 });
    expect(run.failures!.map((f) => f.rowNumber)).toContain(OFFICE_FOOTER_ROW);
    expect(run.failures!.map((f) => f.rowNumber)).not.toContain(OFFICE_TOTAL_ROW);
    expect(readFileSync(run.reportFile!, 'utf8')).toMatch(/Hazırlayan/); // UTF-8 with a BOM under the settings' default

    const given = await engine.setRowData({ checkId: check.checkId, rowNumber: OFFICE_FOOTER_ROW, data: false });
    expect(given).toMatchObject({ asData: false, errors: [] });
    expect((await session.counts()).rows).toBe(OFFICE_PEOPLE.length);
    await expect(engine.setRowData({ checkId: check.checkId, rowNumber: OFFICE_PEOPLE[0]!.row, data: true })).rejects.toMatchObject({ code: 'not_a_not_data_row' });
  });
});
