// CSV in two dialects. excel-tr is what Turkish Excel opens by double-click: UTF-8 with a BOM (so
// Turkish letters survive), ';' (Turkish Excel's list separator, because ',' is its decimal
// separator), CRLF. csv is RFC 4180: UTF-8 without BOM, ',', CRLF. Both quote a cell holding any
// separator either Excel might split at (csvQuote).
import type { Writable } from 'node:stream';
import type { Lang } from '../../../shared/domain';
import { csvQuote } from '../../core/formulaSafe';
import { csvCell, type CsvStyle } from './cells';
import type { ExportColumn } from './columns';
import { storedValue, type ExportRecord, type RecordWriter } from './recordWriter';
import { TextSink } from './textSink';

const BOM = '\uFEFF';
const EOL = '\r\n';

export function csvWriter(
  out: Writable,
  columns: readonly ExportColumn[],
  options: { style: CsvStyle; lang: Lang; signal?: AbortSignal },
): RecordWriter {
  const delimiter = options.style === 'excel-tr' ? ';' : ',';
  const sink = new TextSink(out, options.signal);
  let started = false;

  const line = (cells: string[]) => cells.map(csvQuote).join(delimiter) + EOL;
  const start = async () => {
    started = true;
    // Headers are labels, never data, but go through the same quoting.
    await sink.push((options.style === 'excel-tr' ? BOM : '') + line(columns.map((c) => c.header)));
  };

  return {
    async writeRows(rows) {
      if (!started) await start();
      for (const row of rows as ExportRecord[]) {
        const cells = columns.map((c) => csvCell(c.field, storedValue(row, c.field.key), options.style, options.lang));
        const full = sink.push(line(cells));
        if (full) await full;
      }
    },
    async finish() {
      if (!started) await start();
      await sink.end();
    },
  };
}
