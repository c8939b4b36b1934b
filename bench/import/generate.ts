// Bench data: beneficiary files as Turkish Excel saves them (windows-1254, ';', CRLF), ~5% broken,
// and an XLSX written with exceljs's streaming writer. Generated once under bench/.data/.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { BENEFICIARY_HEADERS, beneficiaryRow, csvLine, prng, writeBeneficiaryWorkbook } from '../../electron/features/imports/sampleData.test-util';

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
  await writeBeneficiaryWorkbook(`${path}.tmp`, rows);
  await rename(`${path}.tmp`, path);
}
