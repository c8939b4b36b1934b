// Every workbook the tests hold, read whole (every sheet: its header and its rows), compared with
// what the importer read from it before its workbook reader was replaced (the exceljs streaming
// reader). The files under fixtures/golden were written by that reader; a difference is a change
// in what staff would import. One line was corrected by hand: Book1's C11 is `<v>Other</v>` with
// pretty-printing space after it, which exceljs appended to the text ("Other ").
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBeneficiaryWorkbook } from '../sampleData.test-util';
import { inspectSource } from './source';
import { FIXTURES, allRows, refusal, tempDir } from '../testFiles.test-util';
import type { CellValue } from './sourceTypes';

const GOLDEN = join(FIXTURES, 'golden');

/** Every sheet of the book as the importer sees it; a refusal is recorded as its code and headers. */
async function readWholeBook(file: string): Promise<string> {
  const first = await inspectSource(file).catch(async () => null);
  const sheets = first?.sheets ?? (await refusalSheets(file));
  // One line per row, so a difference shows as the rows that differ.
  const lines = [JSON.stringify({ sheets, chosen: first?.sheet ?? null })];
  for (const sheet of sheets) {
    try {
      const info = await inspectSource(file, { sheet });
      lines.push(JSON.stringify({ sheet, headerRow: info.headerRow, headers: info.headers }));
      for (const r of await allRows(file, info, 97)) lines.push(JSON.stringify([r.rowNumber, r.cells.map(plain)]));
    } catch (err) {
      const e = await refusal(() => Promise.reject(err));
      lines.push(JSON.stringify({ sheet, refused: e.code, headers: e.headers ?? null }));
    }
  }
  return `${lines.join('\n')}\n`;
}

async function refusalSheets(file: string): Promise<string[]> {
  // A book whose default sheet is refused still lists its sheets through a named one.
  const err = await refusal(() => inspectSource(file, { sheet: '\u0000' }));
  const match = /Sheets: (.*)\.$/.exec(err.messageEn);
  return match ? match[1]!.split(', ') : [];
}

/** Dates as tagged ISO text, so the JSON keeps their type. */
function plain(v: CellValue): unknown {
  return v instanceof Date ? { date: v.toISOString() } : v;
}

describe('workbooks read exactly as before', () => {
  const tmp = tempDir();
  const generated = tmp.path('beneficiaries.xlsx');
  beforeAll(async () => {
    // As the bench writes its workbook, but with shared strings and 1,500 rows.
    await writeBeneficiaryWorkbook(generated, 1500);
  });
  afterAll(() => tmp.remove());

  for (const name of ['Book1.xlsx', 'SharedStrings.xlsx', 'MergeCell.xlsx', 'OverflowNumericCell.xlsx', 'CalcChain.xlsx']) {
    it(`excelize ${name}`, async () => {
      const read = await readWholeBook(join(FIXTURES, 'excelize', name));
      await expect(read).toMatchFileSnapshot(join(GOLDEN, `${name}.jsonl`));
    });
  }

  it('a 1,500-row beneficiaries book written by exceljs (shared strings, styled dates)', async () => {
    const read = await readWholeBook(generated);
    await expect(read).toMatchFileSnapshot(join(GOLDEN, 'beneficiaries-exceljs.jsonl'));
  });
});
