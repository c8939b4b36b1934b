import { describe, expect, test } from 'vitest';
import { destructionLogCsv } from './destructionLogCsv';
import { serverRetentionEn, serverRetentionTr } from './serverRetentionMessages';

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('destruction log CSV', () => {
  test('Turkish Excel conventions: BOM, semicolons, CRLF, dd.MM.yyyy HH:mm, names in the language', () => {
    const at = new Date(2026, 11, 6, 4, 15).getTime();
    const cutoff = new Date(2026, 5, 9, 4, 15).getTime();
    const row = { category: 'settled_deliveries' as const, method: 'anonymised' as const, count: 1234, days: 180, cutoff, at };
    expect(destructionLogCsv([row], 'tr')).toBe(
      '\uFEFFTarih;Veri;Yöntem;Adet;Saklama süresi (gün);Bu tarihten eskiler\r\n06.12.2026 04:15;Gönderilmiş iletiler;anonimleştirildi;1234;180;09.06.2026 04:15\r\n',
    );
    expect(destructionLogCsv([row], 'en').split('\r\n')[1]).toBe('06.12.2026 04:15;Sent messages;anonymised;1234;180;09.06.2026 04:15');
  });

  test('Turkish and English messages have the same keys', () => {
    expect(keysOf(serverRetentionEn)).toEqual(keysOf(serverRetentionTr));
  });
});
