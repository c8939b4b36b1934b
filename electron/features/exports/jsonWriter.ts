// JSON: one array of objects keyed by field key, streamed element by element ('[' … ']'). Values
// are ISO as stored; money is a decimal number, and its currency always travels with it.
import type { Writable } from 'node:stream';
import { jsonValue } from './cells';
import type { ExportColumn } from './columns';
import { storedValue, type ExportRecord, type RecordWriter } from './recordWriter';
import { TextSink } from './textSink';

export function jsonWriter(out: Writable, columns: readonly ExportColumn[], options: { signal?: AbortSignal } = {}): RecordWriter {
  const sink = new TextSink(out, options.signal);
  const keys = new Set(columns.map((c) => c.field.key));
  // A selected amount without its currency column would be ambiguous: add the currency key.
  const extraCurrencies = [
    ...new Set(columns.flatMap((c) => (c.field.currencyField && !keys.has(c.field.currencyField) ? [c.field.currencyField] : []))),
  ];
  let count = 0;

  return {
    async writeRows(rows) {
      for (const row of rows as ExportRecord[]) {
        const obj: Record<string, string | number | null> = {};
        for (const c of columns) obj[c.field.key] = jsonValue(c.field, storedValue(row, c.field.key));
        for (const key of extraCurrencies) obj[key] = storedValue(row, key) ?? null;
        const full = sink.push((count === 0 ? '[\n' : ',\n') + JSON.stringify(obj));
        count += 1;
        if (full) await full;
      }
    },
    async finish() {
      await sink.push(count === 0 ? '[]\n' : '\n]\n');
      await sink.end();
    },
  };
}
