// The destruction log as a CSV for Turkish Excel (the excel-tr export's conventions: a BOM, ';'
// between cells, CRLF, dd.MM.yyyy HH:mm), headers and names in the page's language.
import { displayDateTime, type Lang } from '../../../../shared/domain';
import type { DestructionMethod, RetentionCategory } from '../../../../shared/domain/retention';
import { serverRetentionEn, serverRetentionTr } from './serverRetentionMessages';

export interface DestructionLogCsvRow {
  category: RetentionCategory;
  method: DestructionMethod;
  count: number;
  days: number;
  cutoff: number;
  at: number;
}

export function destructionLogCsv(rows: readonly DestructionLogCsvRow[], lang: Lang): string {
  const m = lang === 'tr' ? serverRetentionTr : serverRetentionEn;
  const lines = [
    [m.at, m.category, m.method, m.count, m.days, m.cutoff],
    ...rows.map((r) => [displayDateTime(r.at), m.categories[r.category], m.methods[r.method], String(r.count), String(r.days), displayDateTime(r.cutoff)]),
  ];
  return `\uFEFF${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
}
