import type { CellValue, Localized } from '../../../../shared/domain/types';

export type { CellValue };
export type SourceFormat = 'csv' | 'xlsx';

/** Excel's own limit on one cell's text: a longer cell is not one Excel wrote or could open, in any format. */
export const MAX_CELL_CHARS = 32_767;
/** Most columns an import maps (the contract's mapping limit): a wider header is refused. */
export const MAX_IMPORT_COLUMNS = 500;
/** Cells read past the header's last column: a few stray ones are kept, a row out to column XFD is not. */
export const COLUMNS_PAST_HEADER = 16;

export interface SourceInfo {
  file: string;
  format: SourceFormat;
  sizeBytes: number;
  /** null for xlsx */
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1254' | null;
  /** null for xlsx */
  delimiter: ';' | ',' | '\t' | '|' | null;
  /** null for xlsx, and for a text file with a single line */
  lineEnding: '\r\n' | '\n' | null;
  /** xlsx only: every sheet in workbook order ([] for csv) */
  sheets: string[];
  /** xlsx only: the sheet being read (null for csv) */
  sheet: string | null;
  /** 1-based spreadsheet row number of the header */
  headerRow: number;
  /** Trimmed header cells; an empty one becomes "Sütun N" (N = its 1-based column) so indexes hold. */
  headers: string[];
  /** Why this sheet (null for a text file) and this header row, in both languages. */
  detection?: { sheet: Localized | null; headerRow: Localized };
  /**
   * xlsx only: where the workbook's parts are, found while inspecting it, so reading its rows
   * (here, in a check worker, in the run) does not read the package's directory parts again.
   */
  layout?: WorkbookLayout;
}

/** One data row; rowNumber is the row number Excel shows. Cells are by column index (A = 0). */
export interface SourceRow {
  rowNumber: number;
  cells: CellValue[];
  /** Set when values past the columns read were left out (never held): the row's true width. */
  width?: number;
  /** Workbooks only: every number in the row is a formula, one a SUM-like over rows above it (a totals row, shared/domain/notData). */
  formulaTotals?: true;
}

export interface OpenOptions {
  sheet?: string;
  headerRow?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface ReadOptions {
  signal?: AbortSignal;
  chunkRows?: number;
  /** Workbooks: kept up to date as the sheet is read, so a reader can tell its rows from the first ones. */
  extent?: SheetExtent;
}

/**
 * How far a sheet's XML has been read: its inflated size as the package's directory declares it
 * (checked against what inflates, and refused past the reader's limits), the bytes scanned so far
 * and the rows with a cell in them.
 */
export interface SheetExtent {
  sheetBytes: number;
  scannedBytes: number;
  scannedRows: number;
}

export interface WorkbookSheet {
  name: string;
  /** Path of the sheet's XML inside the package, e.g. xl/worksheets/sheet1.xml */
  part: string | null;
}

/** What reading any sheet of the workbook needs, found once from its small parts. */
export interface WorkbookLayout {
  sheets: WorkbookSheet[];
  /** Dates count from 1904 (old Mac Excel) rather than 1900. */
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}
