// Command-line arguments of every command, parsed once here. Refusals are AppErrors with code
// 'usage' (the core's one error type): exit status 2, message in the chosen language.
import { parseArgs } from 'node:util';
// From the modules themselves, not the domain's index: help must not load the validators.
import { isCollectionName } from '../../shared/domain/collections';
import { IMPORT_MODES, type ImportMode } from '../../shared/domain/importModes';
import type { CollectionName, Lang } from '../../shared/domain/types';
import { AppError } from '../core/errors/appError';

const usageError = (en: string, tr: string) => new AppError('usage', en, tr);

export interface CliArgs {
  command: string | undefined;
  help: boolean;
  file: string | undefined;
  sheet?: string;
  /** The header row (1-based, as Excel shows it); without it the row is found (headerDetection.ts). */
  headerRow?: number;
  limit: number;
  collection?: CollectionName;
  mode?: ImportMode;
  backend?: string;
  /** Who signs in to a deployment; the password comes from KAFKASDER_PASSWORD or a prompt. */
  email?: string;
  /** first-admin: the administrator's full name. */
  name?: string;
  /** records: the record's natural key (TC Kimlik No, receipt no., document no.). */
  key?: string;
  /** keys: the .env file to write (export has its own --out among its options). */
  out?: string;
  json: boolean;
  /** import: compare with the stored records and write nothing. */
  dryRun: boolean;
  lang: Lang;
  /** person export: whose data. */
  nationalId?: string;
  /** export: its filters, columns, format and target, as typed (the export's schema checks them). */
  export: Partial<Record<(typeof EXPORT_OPTIONS)[number], string>>;
  /** export: without direct identifiers, birth dates as years (for statistics). */
  anonymised: boolean;
}

const EXPORT_OPTIONS = ['from', 'to', 'status', 'city', 'category', 'type', 'columns', 'headers', 'format', 'out'] as const;

export const USAGE = {
  tr: `Kullanım:
  kafkasder inspect DOSYA [--sheet AD] [--header-row N] [--limit N] [--json]
  kafkasder validate DOSYA [--collection beneficiaries|donations|financeRecords] [--sheet AD] [--header-row N] [--json]
    (--collection verilmezse kayıt türü başlıklardan tahmin edilir; --sheet ve --header-row verilmezse
    kayıtların sayfası ve başlık satırı bulunur, --json hangisinin neden seçildiğini söyler)
  kafkasder import DOSYA [--sheet AD] [--header-row N] --collection C --mode insert|update|upsert|fill [--dry-run] [--backend URL|memory] [--email E-POSTA] [--json]
  kafkasder undo AKTARIM_NO [--backend URL|memory] [--email E-POSTA] [--json]
  kafkasder export --collection C --out DOSYA [...] (kafkasder export --help)
  kafkasder person export --national-id TC --out DOSYA [--backend URL|memory] [--email E-POSTA] [--json]
    (kişinin tüm verisi, KVKK erişim başvurusu için; dosya yalnızca sahibine açık)
  kafkasder records show C --key ANAHTAR [--backend URL|memory] [--email E-POSTA] [--json]
  kafkasder records history C --key ANAHTAR [--limit N] [--backend URL|memory] [--email E-POSTA] [--json]
    (ANAHTAR: TC Kimlik No, makbuz no ya da belge no; history en yeniden başlar, --limit 0 hepsi)
  kafkasder keys --out DOSYA   (oturum anahtarları ve kurulum kodu: npx convex env set --from-file DOSYA)
  kafkasder first-admin --backend URL --email E-POSTA --name "AD SOYAD"
    (kod KAFKASDER_SETUP_CODE, şifre KAFKASDER_PASSWORD ortam değişkeninden ya da sorularak)
Sunucu: --backend, yoksa CONVEX_URL, yoksa bu klasördeki .env.local; hiçbiri yoksa komut durur
Seçenekler: --lang tr|en. Sunucuya giriş: şifre KAFKASDER_PASSWORD ortam değişkeninden ya da sorularak (asla seçenek olarak)`,
  en: `Usage:
  kafkasder inspect FILE [--sheet NAME] [--header-row N] [--limit N] [--json]
  kafkasder validate FILE [--collection beneficiaries|donations|financeRecords] [--sheet NAME] [--header-row N] [--json]
    (without --collection the record type is guessed from the headers; without --sheet and --header-row
    the records' sheet and header row are found, and --json says which and why)
  kafkasder import FILE [--sheet NAME] [--header-row N] --collection C --mode insert|update|upsert|fill [--dry-run] [--backend URL|memory] [--email EMAIL] [--json]
  kafkasder undo RUN_ID [--backend URL|memory] [--email EMAIL] [--json]
  kafkasder export --collection C --out FILE [...] (kafkasder export --help)
  kafkasder person export --national-id TC --out FILE [--backend URL|memory] [--email EMAIL] [--json]
    (everything held about a person, for a KVKK access request; the file is owner-only)
  kafkasder records show C --key KEY [--backend URL|memory] [--email EMAIL] [--json]
  kafkasder records history C --key KEY [--limit N] [--backend URL|memory] [--email EMAIL] [--json]
    (KEY: TC Kimlik No, receipt no. or document no.; history newest first, --limit 0 for all)
  kafkasder keys --out FILE   (sign-in keys and setup code for npx convex env set --from-file FILE)
  kafkasder first-admin --backend URL --email EMAIL --name "FULL NAME"
    (the code from KAFKASDER_SETUP_CODE, the password from KAFKASDER_PASSWORD, else prompts)
Backend: --backend, else CONVEX_URL, else .env.local in this folder; with none the command stops
Options: --lang tr|en. Signing in to a backend: the password from KAFKASDER_PASSWORD or a prompt (never a flag)`,
};

export const EXPORT_USAGE = {
  tr: `Kullanım: kafkasder export --collection beneficiaries|donations|financeRecords --out DOSYA
  [--format excel-tr|csv|json|xlsx] (varsayılan excel-tr)  [--from yyyy-aa-gg] [--to yyyy-aa-gg]
  [--status DURUM] [--city İL] [--category KATEGORİ] [--type gelir|gider]
  [--columns alan1,alan2,…] [--headers tr|en] [--anonymised] [--backend URL|memory] [--email E-POSTA] [--lang tr|en]
  --anonymised: istatistik için ad, TC Kimlik No, telefon, e-posta, IBAN, adres olmadan; doğum tarihi yalnız yıl`,
  en: `Usage: kafkasder export --collection beneficiaries|donations|financeRecords --out FILE
  [--format excel-tr|csv|json|xlsx] (default excel-tr)  [--from yyyy-mm-dd] [--to yyyy-mm-dd]
  [--status STATUS] [--city PROVINCE] [--category CATEGORY] [--type gelir|gider]
  [--columns field1,field2,…] [--headers tr|en] [--anonymised] [--backend URL|memory] [--email E-POSTA] [--lang tr|en]
  --anonymised: for statistics, without names, TC Kimlik No, phones, e-mails, IBANs, addresses; birth dates as years`,
};

/** The usage text for a command: export has its own options. */
export const usageOf = (command: string | undefined, lang: Lang): string => (command === 'export' ? EXPORT_USAGE : USAGE)[lang];

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
        'header-row': { type: 'string' },
        limit: { type: 'string' },
        collection: { type: 'string' },
        mode: { type: 'string' },
        backend: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        anonymised: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'tr' },
        help: { type: 'boolean', short: 'h', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        status: { type: 'string' },
        city: { type: 'string' },
        category: { type: 'string' },
        type: { type: 'string' },
        columns: { type: 'string' },
        headers: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'national-id': { type: 'string' },
      },
    });
  } catch (err) {
    const m = err instanceof Error ? err.message : String(err);
    throw usageError(`Invalid argument: ${m}\n${usageOf(argv[0], 'en')}`, `Geçersiz argüman: ${m}\n${usageOf(argv[0], 'tr')}`);
  }
  const { values, positionals } = parsed;
  const lang = values.lang === 'en' ? 'en' : 'tr';
  if (values.lang !== 'tr' && values.lang !== 'en') throw usageError(`--lang must be tr or en`, `--lang tr ya da en olmalı`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw usageError(`--limit must be a whole number ≥ 0`, `--limit sıfır ya da pozitif bir tam sayı olmalı`);
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) throw usageError(`--header-row must be a whole number ≥ 1`, `--header-row 1 ya da daha büyük bir tam sayı olmalı`);
  // records takes its collection as a word: `records show beneficiaries --key …`.
  const collection = positionals[0] === 'records' ? (positionals[2] ?? values.collection) : values.collection;
  if (collection !== undefined && !isCollectionName(collection)) {
    throw usageError(`Unknown collection: ${collection} (beneficiaries, donations, financeRecords)`, `Bilinmeyen koleksiyon: ${collection} (beneficiaries, donations, financeRecords)`);
  }
  if (values.mode !== undefined && !(IMPORT_MODES as readonly string[]).includes(values.mode)) {
    throw usageError(`Unknown mode: ${values.mode} (${IMPORT_MODES.join(', ')})`, `Bilinmeyen mod: ${values.mode} (${IMPORT_MODES.join(', ')})`);
  }
  const most = positionals[0] === 'export' ? 1 : positionals[0] === 'records' ? 3 : 2;
  if (positionals.length > most) throw usageError(`Too many arguments: ${positionals.slice(most).join(' ')}`, `Fazla argüman: ${positionals.slice(most).join(' ')}`);
  return {
    command: positionals[0],
    help: values.help ?? false,
    file: positionals[1],
    sheet: values.sheet,
    ...(headerRow !== undefined ? { headerRow } : {}),
    limit,
    collection: collection as CollectionName | undefined,
    mode: values.mode as CliArgs['mode'],
    backend: values.backend,
    email: values.email,
    name: values.name,
    key: values.key,
    out: values.out,
    nationalId: values['national-id'],
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    anonymised: values.anonymised ?? false,
    lang,
    export: Object.fromEntries(EXPORT_OPTIONS.flatMap((name) => (typeof values[name] === 'string' ? [[name, values[name]]] : []))),
  };
}
