// Bench data: beneficiary files as Turkish Excel saves them (windows-1254, ';', CRLF), ~5% broken,
// and an XLSX written with exceljs's streaming writer. Generated once under bench/.data/.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { BENEFICIARY_HEADERS, beneficiaryRow, csvLine, prng } from '../../electron/services/importer/sampleData';

export async function ensureCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  const out = createWriteStream(`${path}.tmp`);
  const r = prng(rows);
  let chunk = csvLine(BENEFICIARY_HEADERS) + '\r\n';
  for (let i = 0; i < rows; i++) {
    chunk += csvLine(beneficiaryRow(i, r, { invalidShare: 0.05 }).cells) + '\r\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(iconv.encode(chunk, 'windows-1254'))) await new Promise<void>((res) => out.once('drain', () => res()));
      chunk = '';
    }
  }
  out.write(iconv.encode(chunk, 'windows-1254'));
  await new Promise<void>((res) => out.end(res));
  await rename(`${path}.tmp`, path);
}

/**
 * A beneficiaries workbook as Excel keeps one: text in the shared-strings table, numbers as
 * numbers, dates as date-formatted serials. Written by exceljs's streaming writer.
 */
export async function ensureXlsx(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${path}.tmp`, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Liste');
  ws.addRow(BENEFICIARY_HEADERS).commit();
  const r = prng(rows + 1);
  for (let i = 0; i < rows; i++) {
    const cells: (string | number | Date)[] = beneficiaryRow(i, r, { invalidShare: 0.05 }).cells;
    const [d, m, y] = String(cells[4]).split('.').map(Number);
    if (d && m && y && !(m === 2 && d > 28)) cells[4] = new Date(Date.UTC(y, m - 1, d));
    cells[8] = Number(cells[8]);
    const row = ws.addRow(cells);
    row.getCell(5).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  await wb.commit();
  await rename(`${path}.tmp`, path);
}
