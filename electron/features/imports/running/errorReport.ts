// The error report: the rejected and skipped rows with their original columns and one more
// column, Hata, listing every error in the UI language. It is written the way the user's file
// was (same delimiter, encoding, BOM and line ends) so Excel opens it as it opened the original;
// an XLSX source gets Turkish Excel's CSV (UTF-8 with BOM, ';', CRLF). Streamed, then renamed
// into place so a half-written report never appears. Every text cell, and the error text, goes
// through the exports' formula rule: an inert XLSX text cell must not come back as a live formula.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import iconv from 'iconv-lite';
import { displayFieldValue, fieldLabel, getField, type CellValue, type CollectionName, type Lang } from '../../../../shared/domain';
import { csvQuote, neutralizeFormula } from '../../../core/formulaSafe';
import type { SourceInfo } from '../reading/source';

export interface ReportFormat {
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1254';
  delimiter: string;
  lineEnding: string;
}

export function reportFormatFor(info: Pick<SourceInfo, 'format' | 'encoding' | 'delimiter' | 'lineEnding'>): ReportFormat {
  if (info.format === 'xlsx' || !info.encoding || !info.delimiter) return { encoding: 'utf-8-bom', delimiter: ';', lineEnding: '\r\n' };
  return { encoding: info.encoding, delimiter: info.delimiter, lineEnding: info.lineEnding ?? '\r\n' };
}

export const errorColumnName = (lang: Lang) => (lang === 'tr' ? 'Hata' : 'Errors');

const BOMS: Partial<Record<ReportFormat['encoding'], Buffer>> = {
  'utf-8-bom': Buffer.from([0xef, 0xbb, 0xbf]),
  'utf-16le': Buffer.from([0xff, 0xfe]),
  'utf-16be': Buffer.from([0xfe, 0xff]),
};

function encode(text: string, encoding: ReportFormat['encoding']): Buffer {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return iconv.encode(text, 'utf-16be');
    case 'windows-1254':
      return iconv.encode(text, 'windows-1254');
  }
}

/** A cell as the user would have typed it: Turkish-style decimals and dates next to a ';'. */
function cellText(c: CellValue, trStyle: boolean): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return neutralizeFormula(c);
  if (typeof c === 'number') return trStyle ? String(c).replace('.', ',') : String(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (Number.isNaN(c.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return trStyle
    ? `${p(c.getUTCDate())}.${p(c.getUTCMonth() + 1)}.${c.getUTCFullYear()}`
    : `${c.getUTCFullYear()}-${p(c.getUTCMonth() + 1)}-${p(c.getUTCDate())}`;
}

/**
 * The error text of a row refused at commit because its record changed after the dry run, with
 * the stored values now as Records shows them in `lang` (dotted dates, national phones, grouped
 * money with its currency, option labels); `stored` null: the record was deleted. The text starts
 * with "Satır"/"Row", and the writer neutralizes the cell as a whole (add), so no value in it can
 * start a formula.
 */
export function conflictText(collection: CollectionName, rowNumber: number, stored: Readonly<Record<string, string | number | null>> | null, lang: Lang): string {
  const shown = (field: string, value: string | number | null) => {
    const spec = getField(collection, field);
    const text = spec ? displayFieldValue(collection, spec, value, lang, stored ?? {}) : String(value ?? '');
    return text === '' ? '—' : text;
  };
  const now =
    stored === null
      ? lang === 'tr'
        ? 'kayıt silinmiş'
        : 'the record was deleted'
      : Object.entries(stored)
          .map(([field, value]) => `${fieldLabel(collection, field, lang)} = ${shown(field, value)}`)
          .join(', ');
  return lang === 'tr'
    ? `Satır ${rowNumber}: Çakışma — kayıt provadan sonra değişti, yazılmadı; şimdiki değer: ${now}`
    : `Row ${rowNumber}: Conflict — the record changed after the dry run and was not written; stored now: ${now}`;
}

const FLUSH_CHARS = 64 * 1024;

export class ErrorReportWriter {
  private pending = '';
  private rows = 0;
  private readonly trStyle: boolean;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly out: WriteStream,
    private readonly format: ReportFormat,
    private readonly columns: number,
  ) {
    this.trStyle = format.delimiter === ';';
  }

  static async open(path: string, headers: string[], format: ReportFormat, lang: Lang): Promise<ErrorReportWriter> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const out = createWriteStream(tmp, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    const writer = new ErrorReportWriter(path, tmp, out, format, headers.length);
    const bom = BOMS[format.encoding];
    if (bom) out.write(bom);
    writer.pending = writer.line([...headers.map(neutralizeFormula), errorColumnName(lang)]);
    return writer;
  }

  get rowCount(): number {
    return this.rows;
  }

  private line(texts: string[]): string {
    return texts.map(csvQuote).join(this.format.delimiter) + this.format.lineEnding;
  }

  /** One row: its original cells (padded to the header's width) and the error text. */
  async add(cells: CellValue[], errorText: string): Promise<void> {
    const texts: string[] = new Array(Math.max(this.columns, cells.length));
    for (let i = 0; i < texts.length; i++) texts[i] = cellText(cells[i], this.trStyle);
    this.pending += this.line([...texts.slice(0, this.columns), neutralizeFormula(errorText)]);
    this.rows++;
    if (this.pending.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending === '') return;
    const buf = encode(this.pending, this.format.encoding);
    this.pending = '';
    if (!this.out.write(buf)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /** Finishes the file and moves it into place; returns its path. */
  async commit(): Promise<string> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await rename(this.tmp, this.path);
    return this.path;
  }

  async discard(): Promise<void> {
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }
}
