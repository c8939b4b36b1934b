import { basename } from 'node:path';
import { AppError } from '../../../core/errors/appError';
import { MAX_CELL_CHARS } from './sourceTypes';

export type SourceErrorCode =
  | 'empty'
  | 'header_only'
  | 'too_large'
  | 'password_protected'
  | 'unsupported'
  | 'corrupt'
  | 'not_found'
  | 'no_such_sheet'
  /** A workbook that would inflate to absurd sizes (a zip bomb) or claims absurd dimensions. */
  | 'unsafe_archive'
  /** A record (CSV) or row (workbook) longer than the cap: a wrong file, or a hostile one. */
  | 'record_too_long'
  /** A header row wider than an import can map. */
  | 'too_wide'
  /** Checking the file would take far more disk than the file's size can explain. */
  | 'check_too_large'
  /** A cell longer than Excel's own 32,767 characters. */
  | 'cell_too_long'
  /** Text that is not valid in its encoding (a UTF-16 half of a character on its own). */
  | 'bad_text'
  /** A CSV quote that is never closed: the rest of the file would have read as one cell. */
  | 'unclosed_quote';

/** Extra facts a message may need; every message always names the file. */
export interface SourceErrorDetail {
  sheet?: string;
  sheets?: string[];
  maxBytes?: number;
  sizeBytes?: number;
  /** English detail shown in brackets; reasonTr is its Turkish twin (left out of messageTr when absent). */
  reason?: string;
  reasonTr?: string;
  /** The row (physical record, 1-based) a CSV problem starts on; a workbook's row number. */
  row?: number;
  /** The column, as a letter (workbooks) or a 1-based number (CSV). */
  column?: string;
  /** too_wide: the header's columns, and the most an import maps. */
  columns?: number;
  maxColumns?: number;
}

/**
 * A refusal the user can act on. `messageTr`/`messageEn` are shown as they are; `message` is the
 * English text so logs stay readable.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly code: SourceErrorCode;
  readonly file: string;
  readonly messageTr: string;
  readonly messageEn: string;
  /** The facts the messages were made from (so the error can cross a thread boundary). */
  readonly detail: SourceErrorDetail;
  /** For header_only: the headers that were found, so the wizard can show them. */
  headers?: string[];

  constructor(code: SourceErrorCode, file: string, detail: SourceErrorDetail = {}, cause?: unknown) {
    const text = describe(code, basename(file), detail);
    super(text.en, cause === undefined ? undefined : { cause });
    this.code = code;
    this.file = file;
    this.messageTr = text.tr;
    this.messageEn = text.en;
    this.detail = detail;
  }
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function describe(code: SourceErrorCode, name: string, d: SourceErrorDetail): { tr: string; en: string } {
  const f = `"${name}"`;
  switch (code) {
    case 'not_found':
      return { tr: `${f} dosyası bulunamadı.`, en: `File ${f} was not found.` };
    case 'empty':
      return d.sheet
        ? { tr: `${f} dosyasının "${d.sheet}" sayfası boş.`, en: `Sheet "${d.sheet}" of ${f} is empty.` }
        : { tr: `${f} dosyası boş; okunacak satır yok.`, en: `File ${f} is empty; there are no rows to read.` };
    case 'header_only':
      return {
        tr: `${f} dosyasında yalnızca başlık satırı var, veri satırı yok.`,
        en: `File ${f} has a header row but no data rows.`,
      };
    case 'too_large':
      return {
        tr: `${f} dosyası çok büyük (${mib(d.sizeBytes ?? 0)}; en fazla ${mib(d.maxBytes ?? 0)}).`,
        en: `File ${f} is too large (${mib(d.sizeBytes ?? 0)}; the limit is ${mib(d.maxBytes ?? 0)}).`,
      };
    case 'password_protected':
      return {
        tr:
          `${f} parola korumalı (şifrelenmiş) bir Office dosyası ya da eski .xls biçiminde; okunamıyor. ` +
          `Excel'de parolayı kaldırıp dosyayı .xlsx veya CSV olarak kaydedin.`,
        en:
          `${f} is a password-protected (encrypted) Office file or an old binary .xls workbook and cannot be read. ` +
          `Remove the password in Excel and save it as .xlsx or CSV.`,
      };
    case 'unsupported':
      return {
        tr: `${f} desteklenen bir dosya değil${d.reasonTr ? ` (${d.reasonTr})` : ''}. Excel (.xlsx) veya CSV dosyası seçin.`,
        en: `${f} is not a supported file${d.reason ? ` (${d.reason})` : ''}. Choose an Excel (.xlsx) or CSV file.`,
      };
    case 'corrupt':
      return {
        tr: `${f} bozuk ya da eksik bir Excel dosyası${d.reasonTr ? ` (${d.reasonTr})` : ''}. Excel'de açıp yeniden kaydedin.`,
        en: `${f} is a damaged or incomplete Excel file${d.reason ? ` (${d.reason})` : ''}. Open it in Excel and save it again.`,
      };
    case 'unsafe_archive':
      return {
        tr:
          `${f} güvenle açılamıyor${d.reasonTr ? ` (${d.reasonTr})` : ''}: bozuk ya da kasıtlı olarak şişirilmiş (zip bombası) bir dosya. ` +
          `Hiçbir şey okunmadı; dosyayı Excel'de açıp yeniden kaydedin.`,
        en:
          `${f} cannot be opened safely${d.reason ? ` (${d.reason})` : ''}: it is damaged or deliberately inflated (a zip bomb). ` +
          `Nothing was read; open it in Excel and save it again.`,
      };
    case 'record_too_long':
      return {
        tr: `${f} dosyasının ${d.row ?? '?'}. satırı ${mib(d.maxBytes ?? 0)} sınırından uzun; bir tablo satırı bu kadar uzun olamaz. Doğru dosyayı seçtiğinizi denetleyin.`,
        en: `Row ${d.row ?? '?'} of ${f} is longer than ${mib(d.maxBytes ?? 0)}; no spreadsheet row is that long. Check that this is the right file.`,
      };
    case 'too_wide':
      return {
        tr: `${f} dosyasının başlık satırı (${d.row ?? '?'}. satır) ${d.columns ?? '?'} sütun genişliğinde; en fazla ${d.maxColumns ?? '?'} sütun aktarılabilir. Boş sütunları silip dosyayı yeniden kaydedin.`,
        en: `The header row (row ${d.row ?? '?'}) of ${f} is ${d.columns ?? '?'} columns wide; at most ${d.maxColumns ?? '?'} columns can be imported. Delete the empty columns and save the file again.`,
      };
    case 'check_too_large':
      return {
        tr: `${f} denetlenirken ${mib(d.maxBytes ?? 0)} sınırını aştı (dosyanın boyutunun çok katı); durduruldu ve denetim dosyaları silindi. Dosyayı Excel'de açıp yeniden kaydedin.`,
        en: `Checking ${f} went past ${mib(d.maxBytes ?? 0)} (many times the file's size); it was stopped and its check files were removed. Open the file in Excel and save it again.`,
      };
    case 'cell_too_long':
      return {
        tr: `${f} dosyasının ${d.row ?? '?'}. satırındaki ${d.column ?? '?'} sütunu ${MAX_CELL_CHARS.toLocaleString('tr')} karakterden uzun (Excel'in bir hücre sınırı). Hiçbir şey okunmadı; doğru dosyayı seçtiğinizi denetleyin.`,
        en: `Row ${d.row ?? '?'}, column ${d.column ?? '?'} of ${f} is longer than ${MAX_CELL_CHARS.toLocaleString('en')} characters (Excel's limit for a cell). Nothing was read; check that this is the right file.`,
      };
    case 'bad_text':
      return {
        tr: `${f} dosyasının ${d.row ?? '?'}. satırındaki ${d.column ?? '?'}. sütunda ${d.reasonTr ?? 'geçersiz metin'} var. Dosyayı Excel'de açıp UTF-8 CSV olarak yeniden kaydedin.`,
        en: `Row ${d.row ?? '?'}, column ${d.column ?? '?'} of ${f} holds ${d.reason ?? 'invalid text'}. Open the file in Excel and save it again as UTF-8 CSV.`,
      };
    case 'unclosed_quote':
      return d.maxBytes
        ? {
            tr: `${f} dosyasının ${d.row ?? '?'}. satırında açılan tırnak (") sonraki ${mib(d.maxBytes)} içinde kapanmıyor. Tırnağı Excel'de düzeltin ya da dosyayı yeniden kaydedin.`,
            en: `The quote (") opened on row ${d.row ?? '?'} of ${f} is not closed within the next ${mib(d.maxBytes)}. Fix the quote in Excel or save the file again.`,
          }
        : {
            tr: `${f} dosyasının ${d.row ?? '?'}. satırında açılan tırnak (") hiç kapanmıyor; dosyanın geri kalanı tek bir hücre olarak okunurdu. Tırnağı Excel'de düzeltin ya da dosyayı yeniden kaydedin.`,
            en: `The quote (") opened on row ${d.row ?? '?'} of ${f} is never closed, so the rest of the file would read as one cell. Fix the quote in Excel or save the file again.`,
          };
    case 'no_such_sheet':
      return {
        tr: `${f} dosyasında "${d.sheet ?? ''}" adlı sayfa yok. Sayfalar: ${(d.sheets ?? []).join(', ')}.`,
        en: `${f} has no sheet named "${d.sheet ?? ''}". Sheets: ${(d.sheets ?? []).join(', ')}.`,
      };
  }
}

/** The error thrown when the caller's AbortSignal fires: the signal's reason, or a standard AbortError. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** A reader's refusal as the core's one error type (code file_…); anything else is returned as it is. */
export function asAppError(err: unknown): unknown {
  if (err instanceof SourceError) return new AppError(`file_${err.code}`, err.messageEn, err.messageTr, { file: basename(err.file) });
  return err;
}
