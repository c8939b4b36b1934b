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

    const errorRows: number[] = [];
    const errorColumns: { row: number; column: string }[] = [];
    const { summary, session } = await runCheck(
      { path: file, collection: 'beneficiaries', mapping, info },
      { dataDir, today: '2025-06-01', collectErrors: (row, errors) => {
        errorRows.push(row);
        for (const e of errors) errorColumns.push({ row, column: info.headers[mapping.indexOf(e.field)] ?? e.field });
      } },
    );
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
