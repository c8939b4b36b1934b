// `kafkasder records show|history COLLECTION --key NATURAL_KEY`: one record's page from a
// terminal, over the channels the page uses: findRecord (staff only, audited as a search),
// getRecord (the server's view log), recordHistory. Fields and changes in the page's display
// formats and the role's view (the server masks what the role may not see). Exit 0 when the
// record was found, 2 otherwise.
import { displayDateTime, displayFieldValue, displayStored, fieldLabel, historyKindText, SPECS, type CollectionName, type Lang } from '../../shared/domain';
import { fieldAccess } from '../../shared/domain/access';
import type { Role } from '../../shared/domain/roles';
import type { ChannelOutput } from '../../shared/contract/channels';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import { callCore, openBackend, type CliIo, type CliBackend } from './backend';
import { print } from './fileOutput';

type Live = Extract<NonNullable<ChannelOutput<'getRecord'>>, { state: 'live' }>;
type HistoryEntry = ChannelOutput<'recordHistory'>['page'][number];

/** The largest history page the server gives (convex/records.ts MAX_HISTORY_PAGE). */
const HISTORY_PAGE = 50;

function needTarget(args: CliArgs): { collection: CollectionName; key: string } {
  if (!args.collection) throw new AppError('usage', 'No collection given (beneficiaries, donations, financeRecords)', 'Koleksiyon belirtilmedi (beneficiaries, donations, financeRecords)');
  const key = args.key?.trim();
  if (!key) throw new AppError('usage', '--key is required (TC Kimlik No, receipt no. or document no.)', '--key gerekli (TC Kimlik No, makbuz no ya da belge no)');
  return { collection: args.collection, key };
}

/** Finds the record holding the natural key and opens it (the view is logged on the server). */
async function openByKey(backend: CliBackend, collection: CollectionName, key: string): Promise<Live> {
  const found = await callCore(backend.core, 'findRecord', { collection, key });
  const opened = found === null ? null : await callCore(backend.core, 'getRecord', { collection, id: found.id });
  if (opened === null || opened.state !== 'live') throw new AppError('not_found', `No ${collection} record with the key ${key}`, `${key} anahtarlı kayıt yok (${collection})`);
  return opened;
}

function showLines(collection: CollectionName, opened: Live, role: Role, lang: Lang): string {
  const { record, lastImport } = opened;
  const t = lang === 'tr';
  const lines = SPECS[collection].fields
    .filter((f) => fieldAccess(role, collection, f.key) !== 'hidden')
    .map((f) => `${f.label[lang]}: ${displayFieldValue(collection, f, record[f.key], lang, record) || '—'}`);
  lines.push(
    lastImport
      ? `${t ? 'Son içe aktarma' : 'Last import'}: ${lastImport.fileName} (${displayDateTime(lastImport.at)}, ${lastImport.runId})`
      : t
        ? 'Bu kayıt bir içe aktarmayla yazılmadı.'
        : 'No import wrote this record.',
    `${t ? 'Son değişiklik' : 'Last changed'}: ${displayDateTime(Number(record.updatedAt))}`,
  );
  return lines.join('\n');
}

/** One history entry as lines: when, who, how, then each field before → after. */
function historyLines(collection: CollectionName, e: HistoryEntry, lang: Lang): string {
  const how = historyKindText(e.kind, lang, e.runId);
  const head = `${displayDateTime(e.at)} · ${e.actorName ?? (lang === 'tr' ? 'bilinmiyor' : 'unknown')} · ${how}${e.reason ? ` · ${e.reason}` : ''}`;
  const changes = e.changes.map((c) => `  ${fieldLabel(collection, c.field, lang)}: ${displayStored(collection, c.field, c.before, lang)} → ${displayStored(collection, c.field, c.after, lang)}`);
  return [head, ...changes].join('\n');
}

export async function recordsCommand(args: CliArgs, io: CliIo): Promise<number> {
  const sub = args.file;
  if (sub !== 'show' && sub !== 'history') {
    throw new AppError('usage', `records: show or history (got ${sub ?? 'nothing'})`, `records: show ya da history (verilen: ${sub ?? 'yok'})`);
  }
  const { collection, key } = needTarget(args);
  const backend = await openBackend(args, io);
  try {
    const opened = await openByKey(backend, collection, key);
    const role = backend.core.services.auth.user()?.role ?? 'gozlemci';
    if (sub === 'show') {
      print(io, args, { collection, ...opened }, showLines(collection, opened, role, args.lang));
      return 0;
    }
    // Newest first, --limit entries (0: all), read a bounded page at a time.
    const entries: HistoryEntry[] = [];
    let cursor: string | null = null;
    let more = true;
    while (more && (args.limit === 0 || entries.length < args.limit)) {
      const numItems = args.limit === 0 ? HISTORY_PAGE : Math.min(HISTORY_PAGE, args.limit - entries.length);
      const page: ChannelOutput<'recordHistory'> = await callCore(backend.core, 'recordHistory', { collection, key: opened.historyKey, cursor, numItems });
      entries.push(...page.page);
      more = !page.isDone;
      cursor = page.continueCursor;
    }
    const t = args.lang === 'tr';
    const human = [
      entries.length === 0 ? (t ? 'Geçmiş kaydı yok' : 'No history yet') : entries.map((e) => historyLines(collection, e, args.lang)).join('\n'),
      ...(more ? [t ? `(daha eskiler var: --limit ${args.limit * 2} ya da --limit 0)` : `(older entries exist: --limit ${args.limit * 2} or --limit 0)`] : []),
    ].join('\n');
    print(io, args, { collection, id: String(opened.record._id), historyKey: opened.historyKey, entries, more }, human);
    return 0;
  } finally {
    await backend.close();
  }
}
