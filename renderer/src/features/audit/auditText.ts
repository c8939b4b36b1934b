// How an audit entry's subject and summary read on the Audit page: names, never bare codes such
// as `settled_deliveries` (retention runs name their category as the entry's collection), in the
// page's language, numbers and dates in the display formats.
import { displayDateTime, displayInteger, type Lang } from '../../../../shared/domain';
import { DESTRUCTION_METHODS, RETENTION_CATEGORIES, type DestructionMethod, type RetentionCategory } from '../../../../shared/domain/retention';
import { en } from '../../i18n/en';
import { tr } from '../../i18n/tr';

const isCategory = (v: unknown): v is RetentionCategory => (RETENTION_CATEGORIES as readonly unknown[]).includes(v);
const isMethod = (v: unknown): v is DestructionMethod => (DESTRUCTION_METHODS as readonly unknown[]).includes(v);
const messages = (lang: Lang) => (lang === 'tr' ? { app: tr, retention: tr.retention } : { app: en, retention: en.retention });

/** The entry's collection (or other subject) by name; an unknown code as it is. */
export function auditCollectionName(code: string, lang: Lang): string {
  const { app, retention } = messages(lang);
  if (isCategory(code)) return retention.categories[code];
  return (app.collections as Record<string, string>)[code] ?? (app.audit.collections as Record<string, string>)[code] ?? code;
}

function genericSummary(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** The summary as text; retention entries with their categories and methods named. */
export function auditSummaryText(action: string, summary: Record<string, unknown>, lang: Lang): string {
  const { app, retention } = messages(lang);
  const days = (n: unknown) => (typeof n === 'number' ? app.audit.days.replace('{{count}}', displayInteger(n, lang)) : '');
  if (action === 'retention_run' && isMethod(summary.method)) {
    const { method, count, cutoff } = summary;
    return [
      `${retention.method}: ${retention.methods[method]}`,
      typeof count === 'number' ? `${retention.count}: ${displayInteger(count, lang)}` : '',
      summary.days !== undefined ? `${retention.period}: ${days(summary.days)}` : '',
      typeof cutoff === 'number' ? `${retention.cutoff}: ${displayDateTime(cutoff)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (action === 'retention_change' && summary.changed && typeof summary.changed === 'object') {
    return Object.entries(summary.changed as Record<string, { from?: unknown; to?: unknown }>)
      .map(([category, { from, to }]) => `${isCategory(category) ? retention.categories[category] : category}: ${days(from)} → ${days(to)}`)
      .join(' · ');
  }
  return genericSummary(summary);
}
