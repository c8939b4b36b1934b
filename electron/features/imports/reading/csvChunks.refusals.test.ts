// CSV files that cannot be read honestly: a quote never closed (it would swallow the rest of the
// file into one cell), and records longer than any spreadsheet row (a wrong or hostile file).
// Refused with the file and the row, in this thread and in the check's workers alike.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../checking/checkPass';
import { csvChunks, MAX_RECORD_BYTES } from './csvChunks';
import { SourceError } from './sourceErrors';
import { BENEFICIARY_HEADERS, beneficiaryRows, tempDir } from '../importer.test-util';
import { csvLine } from '../sampleData.test-util';
import { suggestColumns } from '../checking/mapping';
import { inspectSource } from './source';
import { allRows, refusal } from '../testFiles.test-util';

const mapping = suggestColumns('beneficiaries', BENEFICIARY_HEADERS).map((s) => s.field);

function write(name: string, text: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof text === 'string' ? iconv.encode(text, 'windows-1254') : text);
  return file;
}

describe('a quote that is never closed', () => {
  it('is reported with the row it opened on, not as the empty cells it swallowed', async () => {
    const file = write('tırnak.csv', 'Adı Soyadı;T.C. Kimlik No\r\n"Mehmet;17291716060\r\nAyşe Kaya;10000000078\r\nAli Veli;10000000146\r\n');
    const err = await refusal(() => inspectSource(file));
    expect(err.code).toBe('unclosed_quote');
    expect(err.detail.row).toBe(2);
    expect(err.messageTr).toBe(
      '"tırnak.csv" dosyasının 2. satırında açılan tırnak (") hiç kapanmıyor; dosyanın geri kalanı tek bir hücre olarak okunurdu. Tırnağı Excel\'de düzeltin ya da dosyayı yeniden kaydedin.',
    );
    expect(err.messageEn).toContain('The quote (") opened on row 2 of "tırnak.csv" is never closed');
  });

  it('deep in a big file: the check refuses it the same way in this thread and in workers', async () => {
    const { rows } = beneficiaryRows(60_000, 21);
    const lines = [BENEFICIARY_HEADERS, ...rows].map((r) => csvLine(r));
    lines[55_001] = `"${lines[55_001]}`; // row 55,002; the quote swallows the last 5,000 rows
    const file = write('büyük tırnak.csv', `${lines.join('\r\n')}\r\n`);
    const info = await inspectSource(file); // reads only the start: nothing wrong there
    expect(info.headers).toEqual(BENEFICIARY_HEADERS);
    for (const threads of [0, 2]) {
      const err = await refusal(() => runCheck({ path: file, collection: 'beneficiaries', mapping }, { dataDir: tempDir(), threads }));
      expect(err.code, `threads: ${threads}`).toBe('unclosed_quote');
      expect(err.detail.row).toBe(55_002);
      expect(err.messageEn).toContain('büyük tırnak.csv');
    }
  });

  it('an endless quoted field is refused once it passes the record limit, without reading on', async () => {
    const endless = Buffer.concat([iconv.encode('Ad;Not\r\nAli;"', 'windows-1254'), Buffer.alloc(6 * 1024 * 1024, 0x61)]);
    const file = write('sonsuz.csv', endless);
    let bytesSeen = 0;
    const err = await refusal(async () => {
      for await (const chunk of csvChunks(file, { encoding: 'windows-1254', delimiter: ';', lineEnding: '\r\n' })) bytesSeen += chunk.bytes.length;
    });
    expect(err.code).toBe('unclosed_quote');
    expect(err.detail).toMatchObject({ row: 2, maxBytes: MAX_RECORD_BYTES });
    expect(err.messageEn).toContain('is not closed within the next 1 MiB');
    expect(err.messageTr).toContain('sonraki 1 MiB içinde kapanmıyor');
    expect(bytesSeen).toBeLessThan(100); // only the header row was handed on
  });
});

describe('a record longer than any spreadsheet row', () => {
  it('is refused with its row, with or without a line break after it', async () => {
    const long = 'x'.repeat(MAX_RECORD_BYTES + 10);
    for (const [name, text] of [
      ['uzun.csv', `Ad;Not\r\nAli;kısa\r\nVeli;${long}\r\nAyşe;kısa\r\n`],
      ['uzun-son.csv', `Ad;Not\r\nAli;kısa\r\nVeli;${long}`],
    ] as const) {
      const err = await refusal(async () => {
        const file = write(name, text);
        await allRows(file, await inspectSource(file));
      });
      expect(err.code).toBe('record_too_long');
      expect(err.detail.row).toBe(3);
      expect(err.messageEn).toBe(`Row 3 of "${name}" is longer than 1 MiB; no spreadsheet row is that long. Check that this is the right file.`);
      expect(err.messageTr).toContain(`"${name}" dosyasının 3. satırı 1 MiB sınırından uzun`);
    }
  });

  it('a record just under the limit is read', async () => {
    // Cells of 1,000 characters: a cell itself may hold at most 32,767 (Excel's limit).
    const rest = Array.from({ length: MAX_RECORD_BYTES - 100 }, (_, i) => (i % 1000 === 999 ? ';' : 'y')).join('');
    const file = write('sinirda.csv', `Ad;Not\r\nAli;${rest}\r\n`);
    const rows = await allRows(file, await inspectSource(file));
    expect(rows[0]!.cells.slice(1).join(';')).toHaveLength(MAX_RECORD_BYTES - 100);
  });

  it('is a SourceError the wizard and the CLI show as it is', async () => {
    const err = await refusal(() => inspectSource(write('u.csv', `Ad\r\n${'z'.repeat(MAX_RECORD_BYTES * 2)}\r\n`)));
    expect(err).toBeInstanceOf(SourceError);
    expect(err.code).toBe('record_too_long');
  });
});

describe('UTF-16 with half a character on its own', () => {
  /** UTF-16 of `text`, with the code unit `unit` put in where `@` stands. */
  function utf16(text: string, unit: number, le: boolean): Buffer {
    const [before, after] = text.split('@') as [string, string];
    const enc = (s: string) => (le ? Buffer.from(s, 'utf16le') : Buffer.from(s, 'utf16le').swap16());
    const u = Buffer.alloc(2);
    if (le) u.writeUInt16LE(unit);
    else u.writeUInt16BE(unit);
    return Buffer.concat([le ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]), enc(before), u, enc(after)]);
  }

  it.each([
    ['a lone high surrogate', 0xd83d, true],
    ['a lone low surrogate', 0xde00, false],
  ])('%s is reported with its row and column, not written as U+FFFD', async (_, unit, le) => {
    const file = write('yarim.csv', utf16('Ad;Bağışçı\r\nAli;Ayşe\r\nVeli;Zey@nep\r\n', unit, le));
    const err = await refusal(async () => allRows(file, await inspectSource(file)));
    expect(err.code).toBe('bad_text');
    expect(err.messageEn).toContain('Row 3, column 2 of "yarim.csv"');
    expect(err.messageTr).toContain('3. satırındaki 2. sütunda');
  });

  it('a dangling high surrogate at the end of the file too; a whole pair (an emoji) is read', async () => {
    const file = write('son.csv', utf16('Ad;Not\r\nAli;x@', 0xd83d, true));
    const err = await refusal(async () => allRows(file, await inspectSource(file)));
    expect(err.code).toBe('bad_text');
    expect(err.detail).toMatchObject({ row: 2, column: '2' });
    const ok = write('tam.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ad;Not\r\nAli;x😀\r\n', 'utf16le')]));
    expect((await allRows(ok, await inspectSource(ok)))[0]!.cells).toEqual(['Ali', 'x😀']);
  });
});

describe('a cell longer than Excel allows', () => {
  it('is refused with its row and column; 32,767 characters are read', async () => {
    const file = write('uzun.csv', `Ad;Not\r\nAli;kısa\r\nVeli;${'ü'.repeat(32_768)}\r\n`);
    const err = await refusal(async () => allRows(file, await inspectSource(file)));
    expect(err.code).toBe('cell_too_long');
    expect(err.messageEn).toContain('Row 3, column 2 of "uzun.csv" is longer than 32,767 characters');
    const ok = write('sinir.csv', `Ad;Not\r\nVeli;${'ü'.repeat(32_767)}\r\n`);
    expect((await allRows(ok, await inspectSource(ok)))[0]!.cells[1]).toHaveLength(32_767);
  });
});
