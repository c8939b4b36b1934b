import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { csvChunks, parseChunk, scanRecords, type CsvDialect } from './csvChunks';
import { SourceError } from './sourceErrors';
import { tempDir } from '../testFiles.test-util';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** Deterministic text made mostly of the characters that decide record boundaries. */
function trickyCsv(seed: number, length: number, newline: string): string {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  const parts = ['"', '""', ';', newline, ' ', 'a', 'ş', 'İ', '\r', '\n', '"x"', 'b;c', '  ', '"y"  ;'];
  let s = '';
  while (s.length < length) s += parts[Math.floor(next() * parts.length)];
  return s;
}

/**
 * What one papaparse pass over the whole text gives, without the empty row it adds after a final
 * newline; or, where papaparse finds a quote never closed, the refusal naming that quote's row.
 */
function wholeParse(text: string, newline: '\r\n' | '\n'): string[][] | { unclosedRow: number } {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: ';', newline, header: false, skipEmptyLines: false });
  const missing = errors.find((e) => e.code === 'MissingQuotes');
  if (missing) return { unclosedRow: (missing.row ?? -1) + 1 };
  const last = data.at(-1);
  if (text.endsWith(newline) && last?.length === 1 && last[0] === '') data.pop();
  return data;
}

/** The rows, or the row of the unclosed quote csvChunks refused. */
async function chunkedOutcome(file: string, dialect: CsvDialect, chunkBytes: number): Promise<string[][] | { unclosedRow: number }> {
  try {
    return (await chunkedParse(file, dialect, chunkBytes)).rows;
  } catch (err) {
    if (err instanceof SourceError && err.code === 'unclosed_quote') return { unclosedRow: err.detail.row! };
    throw err;
  }
}

async function chunkedParse(file: string, dialect: CsvDialect, chunkBytes: number): Promise<{ rows: string[][]; firsts: number[] }> {
  const rows: string[][] = [];
  const firsts: number[] = [];
  let next: number | undefined;
  for await (const chunk of csvChunks(file, dialect, { chunkBytes })) {
    expect(chunk.firstRecord).toBe(rows.length + 1);
    if (next !== undefined) expect(chunk.start).toBe(next); // chunks tile the file
    next = chunk.start + chunk.bytes.length;
    firsts.push(chunk.firstRecord);
    rows.push(...parseChunk(chunk));
  }
  return { rows, firsts };
}

describe('csvTextChunks', () => {
  it('splits only where papaparse ends a record, whatever the chunk size and encoding (quote-heavy random text)', async () => {
    const encodings = ['utf-8', 'windows-1254', 'utf-16le', 'utf-16be'] as const;
    let unclosed = 0;
    for (let seed = 1; seed <= 48; seed++) {
      const newline = seed % 2 ? '\r\n' : '\n';
      const encoding = encodings[seed % 4]!;
      // Every third text without quotes, where papaparse takes its fast path.
      const text = seed % 3 === 0 ? trickyCsv(seed, 600, newline).replaceAll('"', '') : trickyCsv(seed, 600, newline);
      const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : encoding === 'utf-16be' ? [0xfe, 0xff] : [];
      const file = tmp.write(`fuzz-${seed}.csv`, Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding)]));
      const expected = wholeParse(text, newline);
      if (!Array.isArray(expected)) unclosed++;
      for (const chunkBytes of [1, 7, 50, 1 << 20]) {
        const outcome = await chunkedOutcome(file, { encoding, delimiter: ';', lineEnding: newline }, chunkBytes);
        expect(outcome, `seed ${seed} (${encoding}), ${chunkBytes} bytes a chunk`).toEqual(expected);
      }
    }
    // Both kinds of text were met: not every random text ends inside a quote, nor outside one.
    expect(unclosed).toBeGreaterThan(0);
    expect(unclosed).toBeLessThan(48);
  });

  it('decodes big chunks in pieces without losing or shifting a record', async () => {
    for (const [seed, encoding] of [
      [101, 'windows-1254'],
      [102, 'utf-16le'],
      [103, 'utf-8'],
    ] as const) {
      const newline = seed % 2 ? '\r\n' : '\n';
      const quoted = trickyCsv(seed, 120_000, newline);
      for (const text of [quoted, quoted.replaceAll('"', '')]) {
        const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [];
        const file = tmp.write(`big-${seed}.csv`, Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding)]));
        const expected = wholeParse(text, newline);
        for (const chunkBytes of [1 << 20, 70_000]) {
          const outcome = await chunkedOutcome(file, { encoding, delimiter: ';', lineEnding: newline }, chunkBytes);
          expect(outcome, `seed ${seed} (${encoding}), ${chunkBytes} bytes a chunk`).toEqual(expected);
        }
      }
    }
  });

  it('counts records as papaparse rows, including blank ones and multi-line quoted cells', () => {
    const syntax = { encoding: 'utf-8', delimiter: ';', newline: '\r\n' } as const;
    const text = 'a;"b\r\nç";d\r\n\r\n"x"  \r\ny';
    const bytes = Buffer.from(text, 'utf8');
    expect(scanRecords(bytes, syntax)).toMatchObject({ records: 3, end: bytes.length - 1, unclosed: false });
  });

  it('keeps a character whose bytes are split between reads (UTF-8) and decodes windows-1254', async () => {
    // 65,535 ASCII bytes then "ş" (2 bytes): the read boundary falls inside the character.
    const line = `${'x'.repeat(30_000)};${'x'.repeat(30_000)};${'x'.repeat(5_533)}ş;1\n`;
    const utf8 = tmp.write('split.csv', Buffer.from(`${line}ğ;2\n`, 'utf8'));
    const { rows } = await chunkedParse(utf8, { encoding: 'utf-8', delimiter: ';', lineEnding: '\n' }, 1000);
    expect(rows.map((r) => r.at(-2)!.slice(-1))).toEqual(['ş', 'ğ']);

    const tr = tmp.write('tr.csv', iconv.encode('Adı;İl\r\nŞule;Iğdır\r\n', 'windows-1254'));
    const parsed = await chunkedParse(tr, { encoding: 'windows-1254', delimiter: ';', lineEnding: '\r\n' }, 4);
    expect(parsed.rows).toEqual([
      ['Adı', 'İl'],
      ['Şule', 'Iğdır'],
    ]);
    expect(parsed.firsts).toEqual([1, 2]);
  });

  it('reads UTF-16 with its BOM, and a last record without a newline', async () => {
    const file = tmp.write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\nc;"d"', 'utf16le')]));
    const { rows } = await chunkedParse(file, { encoding: 'utf-16le', delimiter: ';', lineEnding: '\n' }, 2);
    expect(rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
