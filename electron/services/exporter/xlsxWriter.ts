// XLSX through exceljs's streaming writer: rows are committed as they come and the zip streams to
// the file, so memory stays flat. Cells are typed: money a number shown as #,##0.00, dates real
// date cells shown as dd.mm.yyyy, everything else (national IDs, phones included) text.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Lang } from '../../../shared/domain';
import { xlsxCell } from './cells';
import type { ExportColumn } from './columns';
import { storedValue, type ExportRecord, type RecordWriter } from './recordWriter';
import { waitForDrain } from './textSink';

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'dd.mm.yyyy';

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(label: string): string {
  return label.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * Waits until the zip entry that the sheet's XML is piped into has taken what it was given.
 * exceljs 4.4 (pinned) hands its batched 64 KB chunks to that pipe without checking write()'s
 * result, so without this a fast producer queues the whole sheet in memory. Reaches into
 * exceljs's internals (worksheet.stream.pipes); if they change shape this only yields a turn.
 */
async function zipDrained(sheet: ExcelJS.Worksheet, signal?: AbortSignal): Promise<void> {
  await nextTurn();
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  // archiver's streams come from readable-stream 2, which has no writableNeedDrain: read its state.
  const target = (Array.isArray(pipes) ? pipes[0] : undefined) as
    | (EventEmitter & { _writableState?: { needDrain?: boolean } })
    | undefined;
  if (target?._writableState?.needDrain && typeof target.once === 'function') {
    await once(target, 'drain', signal ? { signal } : {});
  }
}

function numFmtOf(column: ExportColumn): string | undefined {
  if (column.field.type === 'money') return MONEY_FORMAT;
  if (column.field.type === 'date') return DATE_FORMAT;
  return undefined;
}

export function xlsxWriter(
  out: Writable,
  columns: readonly ExportColumn[],
  options: { lang: Lang; sheet: string; signal?: AbortSignal },
): RecordWriter {
  // Shared strings would keep every distinct text in memory until the end; inline strings do not.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(options.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.field.key, width: Math.min(40, Math.max(12, c.header.length + 2)) }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const formats = columns.map(numFmtOf);

  return {
    async writeRows(rows) {
      for (const record of rows as ExportRecord[]) {
        const row = sheet.addRow(columns.map((c) => xlsxCell(c.field, storedValue(record, c.field.key), options.lang)));
        formats.forEach((fmt, i) => {
          if (fmt === undefined) return;
          const cell = row.getCell(i + 1);
          if (cell.value !== null) cell.numFmt = fmt;
        });
        row.commit();
      }
      // Row commits are synchronous and exceljs ignores the zip's backpressure, so wait here.
      await zipDrained(sheet, options.signal);
      await waitForDrain(out, options.signal);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
      await finished(out);
    },
  };
}
