import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of XML on its own, so a Turkish
 * letter split across two chunks turns into "��" (exceljs issues #2063, #2084, #2316; the fixes
 * are unmerged). Its XML parser passes strings through untouched, so this subclass hands it text
 * decoded across chunk boundaries instead of raw bytes. It overrides internal methods of 4.4.0,
 * which package.json pins; the "Kişi" rows in xlsx.test.ts catch a change.
 */
export function createWorkbookReader(input: Readable): {
  reader: ExcelJS.stream.xlsx.WorkbookReader;
  /** Rejects when the package cannot be read; race every wait on the reader against it. */
  failed: Promise<never>;
} {
  let fail!: (err: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const state: FailureState = { failed: false, error: undefined, waiters: new Set() };
  failures.set(failed, state);
  // Observed here once, so it is never an unhandled rejection; waiting calls hear of it below.
  failed.catch((err: unknown) => {
    state.failed = true;
    state.error = err;
    for (const w of state.waiters) w(err);
    state.waiters.clear();
  });
  input.on('error', fail);
  // A damaged deflate stream errors on exceljs's unzip stream, not on the entry it is reading,
  // so exceljs waits for that entry forever (measured: a hang). Listen where the error lands.
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    (dest as unknown as Readable).on('error', fail);
    return pipe(dest, opts);
  };
  const reader = new Utf8WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  return { reader, failed };
}

interface FailureState {
  failed: boolean;
  error: unknown;
  waiters: Set<(err: unknown) => void>;
}
const failures = new WeakMap<Promise<never>, FailureState>();

/**
 * Awaits the next item of `it`, or fails as soon as `failed` does. Not Promise.race: racing a
 * promise that stays pending adds a reaction to it on every call, and each reaction keeps its
 * settled race (and so its row) alive: measured, every row of a 100k-row sheet retained (650 MB).
 */
export function nextOrFail<T>(it: AsyncIterator<T>, failed: Promise<never>): Promise<IteratorResult<T>> {
  const state = failures.get(failed);
  if (!state) return Promise.race([it.next(), failed]);
  if (state.failed) return Promise.reject(state.error as Error);
  return new Promise<IteratorResult<T>>((resolve, reject) => {
    state.waiters.add(reject);
    it.next().then(
      (r) => {
        state.waiters.delete(reject);
        resolve(r);
      },
      (err: unknown) => {
        state.waiters.delete(reject);
        reject(err as Error);
      },
    );
  });
}

type Entry = Readable;
type Internals = {
  _parseRels(entry: Entry): Promise<void>;
  _parseWorkbook(entry: Entry): Promise<void>;
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown>;
  _parseStyles(entry: Entry): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Internals;

class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseRels(entry: Entry): Promise<void> {
    return base._parseRels.call(this, entry.setEncoding('utf8'));
  }
  _parseWorkbook(entry: Entry): Promise<void> {
    return base._parseWorkbook.call(this, entry.setEncoding('utf8'));
  }
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown> {
    return base._parseSharedStrings.call(this, entry.setEncoding('utf8'));
  }
  _parseStyles(entry: Entry): Promise<void> {
    return base._parseStyles.call(this, entry.setEncoding('utf8'));
  }
  *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    for (const event of base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo)) {
      // Keep the raw source reachable: for a temp-file copy the caller must close and delete it.
      const e = event as { eventType?: string; value?: { source?: unknown } };
      if (e.eventType === 'worksheet' && e.value) e.value.source = iterator;
      yield event;
    }
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
