import { describe, expect, it } from 'vitest';
import { Batcher, jsonBytesUpperBound } from './batcher';

describe('Batcher', () => {
  it('cuts by rows and by bytes, deterministically, numbering batches from 0', () => {
    const cut = () => {
      const b = new Batcher<number>(3, 300);
      const out: number[][] = [];
      for (let i = 0; i < 10; i++) {
        const closed = b.add({ rowNumber: i + 2, values: { fullName: i === 4 ? 'x'.repeat(150) : 'Ayşe' } }, i);
        if (closed) out.push(closed.extras);
      }
      const last = b.flush();
      if (last) out.push(last.extras);
      return out;
    };
    expect(cut()).toEqual([[0, 1, 2], [3], [4], [5, 6, 7], [8, 9]]);
    expect(cut()).toEqual(cut());
  });

  it('never undercounts the UTF-8 JSON size of a row', () => {
    const samples = ['Ayşe Yılmaz', 'İĞDIR ığdır', '"quoted" \\ back', '\u0000\u001f control', '😀 emoji', 'x'.repeat(500), ''];
    for (const text of samples) {
      const row = { rowNumber: 123456, values: { fullName: text, notes: text, monthlyIncome: 123456789 } };
      expect(jsonBytesUpperBound(row)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(row)) + 1);
    }
  });
});
