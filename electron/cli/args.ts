// Command-line arguments and the CLI's own errors (exit status 2, message in the chosen language).
import { parseArgs } from 'node:util';
import { IMPORT_MODES, isCollectionName, type CollectionName, type ImportMode, type Lang } from '../../shared/domain';

export class UsageError extends Error {
  constructor(
    readonly messageTr: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

export interface CliArgs {
  command: string | undefined;
  file: string | undefined;
  sheet?: string;
  limit: number;
  collection?: CollectionName;
  mode?: ImportMode;
  backend?: string;
  /** Who signs in to a deployment; the password comes from KAFKASDER_PASSWORD or a prompt. */
  email?: string;
  json: boolean;
  /** import: compare with the stored records and write nothing. */
  dryRun: boolean;
  lang: Lang;
}

export const USAGE = {
  tr: `Kullanım:
  kafkasder inspect DOSYA [--sheet AD] [--limit N] [--json]
  kafkasder validate DOSYA [--collection beneficiaries|donations|financeRecords] [--sheet AD] [--json]
    (--collection verilmezse kayıt türü başlıklardan tahmin edilir)
  kafkasder import DOSYA --collection C --mode insert|update|upsert|fill [--dry-run] [--backend URL|memory] [--email E-POSTA] [--json]
  kafkasder undo AKTARIM_NO [--backend URL|memory] [--email E-POSTA] [--json]
Seçenekler: --lang tr|en. Sunucuya giriş: şifre KAFKASDER_PASSWORD ortam değişkeninden ya da sorularak (asla seçenek olarak)`,
  en: `Usage:
  kafkasder inspect FILE [--sheet NAME] [--limit N] [--json]
  kafkasder validate FILE [--collection beneficiaries|donations|financeRecords] [--sheet NAME] [--json]
    (without --collection the record type is guessed from the headers)
  kafkasder import FILE --collection C --mode insert|update|upsert|fill [--dry-run] [--backend URL|memory] [--email EMAIL] [--json]
  kafkasder undo RUN_ID [--backend URL|memory] [--email EMAIL] [--json]
Options: --lang tr|en. Signing in to a backend: the password from KAFKASDER_PASSWORD or a prompt (never a flag)`,
};

/** The language is looked up first, so even a bad argument is reported in it. */
export function langOf(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'en' ? 'en' : 'tr';
}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: 'string' },
        limit: { type: 'string' },
        collection: { type: 'string' },
        mode: { type: 'string' },
        backend: { type: 'string' },
        email: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        lang: { type: 'string', default: 'tr' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    const m = err instanceof Error ? err.message : String(err);
    throw new UsageError(`Geçersiz argüman: ${m}`, `Invalid argument: ${m}`);
  }
  const { values, positionals } = parsed;
  const lang = values.lang === 'en' ? 'en' : 'tr';
  if (values.lang !== 'tr' && values.lang !== 'en') throw new UsageError(`--lang tr ya da en olmalı`, `--lang must be tr or en`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit sıfır ya da pozitif bir tam sayı olmalı`, `--limit must be a whole number ≥ 0`);
  if (values.collection !== undefined && !isCollectionName(values.collection)) {
    throw new UsageError(
      `Bilinmeyen koleksiyon: ${values.collection} (beneficiaries, donations, financeRecords)`,
      `Unknown collection: ${values.collection} (beneficiaries, donations, financeRecords)`,
    );
  }
  if (values.mode !== undefined && !(IMPORT_MODES as readonly string[]).includes(values.mode)) {
    throw new UsageError(`Bilinmeyen mod: ${values.mode} (${IMPORT_MODES.join(', ')})`, `Unknown mode: ${values.mode} (${IMPORT_MODES.join(', ')})`);
  }
  if (positionals.length > 2) throw new UsageError(`Fazla argüman: ${positionals.slice(2).join(' ')}`, `Too many arguments: ${positionals.slice(2).join(' ')}`);
  return {
    command: values.help ? 'help' : positionals[0],
    file: positionals[1],
    sheet: values.sheet,
    limit,
    collection: values.collection as CollectionName | undefined,
    mode: values.mode as CliArgs['mode'],
    backend: values.backend,
    email: values.email,
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    lang,
  };
}
