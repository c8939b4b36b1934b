// `kafkasder validate | import | undo`: the import wizard's steps from a terminal, run as the
// wizard runs them: the core's channels (inspectImportFile, with the wizard's remembered
// mappings) and jobs (check, dry run, run, undo). `import --dry-run` compares with the stored records and
// writes nothing. Exit 0 when every row was valid (or imported), 1 when some rows were rejected, 2 when
// the file could not be read or the arguments are wrong.
import { basename } from 'node:path';
import { isPartialMode, type CollectionName, type Lang } from '../../shared/domain';
import { describeMappingProblems, mappingProblems } from '../../shared/domain/mappingProblems';
import { AppError } from '../core/errors/appError';
import type { ChannelOutput } from '../../shared/contract/channels';
import type { CliArgs } from './args';
import { callCore, openBackend, openLocalCore, openReadingCore, runCoreJob, type CliIo } from './backend';
import { needFile, print, sourceOptions } from './fileOutput';

type FileInfo = ChannelOutput<'inspectImportFile'>;

/**
 * How `file` reads, as the wizard sees it: sheet, header row, headers, the first `previewRows`
 * rows and, given a collection, the suggested mapping (the wizard's remembered one first).
 */
async function inspectFile(args: CliArgs, io: CliIo, file: string, opts: { collection?: CollectionName; previewRows?: number } = {}): Promise<FileInfo> {
  const { core, close } = openReadingCore(io);
  try {
    const fileId = core.services.files.grant!(file, ['read']);
    return await callCore(core, 'inspectImportFile', { file: fileId, ...sourceOptions(args), ...opts });
  } finally {
    await close();
  }
}

/** The file as read: which sheet and header row were used, and why (chosen, or found). */
function describeSource(file: string, info: FileInfo) {
  return { file, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet, headerRow: info.headerRow, detection: info.detection };
}

/** mapping as { header: field } (unmapped headers left out). */
function mappingByHeader(headers: string[], mapping: (string | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  mapping.forEach((field, column) => {
    if (field !== null) out[headers[column] ?? `Sütun ${column + 1}`] = field;
  });
  return out;
}

interface ErrorLine {
  row: number;
  column: string;
  field: string;
  code: string;
  message: string;
}

/**
 * The collection to check against: --collection, else (validate only) the one the headers point
 * to. import keeps --collection required, since it writes; its error names the guess to pass.
 */
function chooseCollection(args: CliArgs, info: FileInfo, io: CliIo, canGuess: boolean): CollectionName {
  if (args.collection) return args.collection;
  const guess = info.collectionGuess;
  if (canGuess && guess.collection) {
    const t = args.lang === 'tr';
    io.stderr.write(`${t ? 'Kayıt türü başlıklardan tahmin edildi' : 'Record type guessed from the headers'}: ${guess.collection} (${guess.reason[args.lang]})\n`);
    return guess.collection;
  }
  const hint = guess.collection
    ? { tr: `; başlıklara göre: --collection ${guess.collection} (${guess.reason.tr})`, en: `; by the headers: --collection ${guess.collection} (${guess.reason.en})` }
    : { tr: ` (${guess.reason.tr})`, en: ` (${guess.reason.en})` };
  throw new AppError('usage', `--collection is required${hint.en}`, `--collection gerekli${hint.tr}`);
}

/**
 * The mapping the CLI uses, settled before anything connects: the wizard's for these headers (the
 * one it remembered, else the header suggestions), refused when a required field is missing.
 */
async function planMapping(args: CliArgs, file: string, io: CliIo, canGuess: boolean) {
  const read = (collection?: CollectionName) => inspectFile(args, io, file, { previewRows: 0, ...(collection ? { collection } : {}) });
  const first = await read(args.collection);
  const collection = chooseCollection(args, first, io, canGuess);
  const info = args.collection ? first : await read(collection);
  const mapping = (info.suggestions ?? []).map((s) => s.field);
  const problems = mappingProblems(collection, info.headers, mapping, { partial: args.mode !== undefined && isPartialMode(args.mode) });
  if (problems.length > 0) {
    const text = describeMappingProblems(problems);
    throw new AppError('mapping_incomplete', text.en, text.tr, { problems });
  }
  return { info, mapping, collection };
}

function humanErrors(lines: ErrorLine[], lang: Lang, kind: 'error' | 'warning' = 'error'): string[] {
  const tr = lang === 'tr';
  const tag = kind === 'warning' ? (tr ? ' (uyarı)' : ' (warning)') : '';
  const shown = lines.slice(0, 20).map((e) => `  ${tr ? 'Satır' : 'Row'} ${e.row}${e.column ? ` [${e.column}]` : ''}${tag}: ${e.message}`);
  const more = lines.length - 20;
  if (more > 0) shown.push(kind === 'warning' ? (tr ? `  … ve ${more} uyarı daha` : `  … and ${more} more warnings`) : tr ? `  … ve ${more} hata daha` : `  … and ${more} more errors`);
  return shown;
}

/** A finished check's errors (or warnings), every page of them, without the rows' cells. */
async function checkProblems(core: Parameters<typeof callCore>[0], checkId: string, kind: 'errors' | 'warnings', lang: Lang): Promise<ErrorLine[]> {
  const out: ErrorLine[] = [];
  for (let offset = 0; ; ) {
    // Without cells: reading every row's cells back would cost a fifth of a big workbook's check.
    const only = kind === 'errors' ? { onlyErrors: true } : { onlyWarnings: true };
    const page = await callCore(core, 'getCheckRows', { checkId, offset, limit: 500, ...only, cells: false });
    for (const r of page.rows) {
      for (const e of r[kind]) out.push({ row: r.rowNumber, column: e.column, field: e.field, code: e.code, message: lang === 'tr' ? e.messageTr : e.message });
    }
    offset += page.rows.length;
    if (page.rows.length === 0 || offset >= page.total) break;
  }
  return out;
}

export async function validateCommand(args: CliArgs, io: CliIo): Promise<number> {
  const file = needFile(args, io);
  const { info, mapping, collection } = await planMapping(args, file, io, true);
  // The wizard's check job, in a core of its own: a file's check needs no backend.
  const { core, close } = openLocalCore();
  try {
    const source = { file: core.services.files.grant!(file, ['read']), sheet: info.sheet ?? undefined, headerRow: info.headerRow, collection, mapping };
    const summary = await runCoreJob(core, 'importCheck', { ...source, mode: args.mode, errorsOnly: true });
    const t = args.lang === 'tr';
    const errors = await checkProblems(core, summary.checkId, 'errors', args.lang);
    // Warnings (possibly the same person twice) block nothing: listed apart, the exit code ignores them.
    const warnings = summary.warnings > 0 ? await checkProblems(core, summary.checkId, 'warnings', args.lang) : [];
    const out = { ...describeSource(file, info), collection, rows: summary.rows, valid: summary.valid, invalid: summary.invalid, notData: summary.notData, mapping: mappingByHeader(info.headers, mapping), errors, warnings };
    const warned = summary.warnings > 0 ? (t ? `; ${summary.warnings} satırda uyarı` : `; ${summary.warnings} ${summary.warnings === 1 ? 'row has' : 'rows have'} a warning`) : '';
    const human = [
      t
        ? `${basename(file)}: ${summary.rows} satır, ${summary.valid} geçerli, ${summary.invalid} hatalı${summary.notData > 0 ? `; ${summary.notData} toplam/imza satırı veri sayılmadı` : ''}${warned}`
        : `${basename(file)}: ${summary.rows} rows, ${summary.valid} valid, ${summary.invalid} invalid${summary.notData > 0 ? `; ${summary.notData} totals/signature rows are not data` : ''}${warned}`,
      ...humanErrors(errors, args.lang),
      ...humanErrors(warnings, args.lang, 'warning'),
    ].join('\n');
    print(io, args, out, human);
    return summary.invalid > 0 ? 1 : 0;
  } finally {
    await close();
  }
}

export async function importCommand(args: CliArgs, io: CliIo): Promise<number> {
  const file = needFile(args, io);
  if (!args.mode) throw new AppError('usage', '--mode is required (insert, update, upsert, fill)', '--mode gerekli (insert, update, upsert, fill)');
  if (args.dryRun) return await dryRunCommand(args, io, file);
  const { info, mapping, collection } = await planMapping(args, file, io, false);
  // The core's importRun job, as the wizard starts it; journals and reports of a real deployment
  // stay in the core's folder (the app's), so a run can be resumed.
  const backend = await openBackend(args, io);
  try {
    const { core } = backend;
    const source = { file: core.services.files.grant!(file, ['read']), sheet: info.sheet ?? undefined, headerRow: info.headerRow, collection, mapping };
    const out = await runCoreJob(core, 'importRun', { ...source, mode: args.mode });
    const t = args.lang === 'tr';
    const errors: ErrorLine[] = (out.failures ?? []).flatMap((f) =>
      f.errors.map((e) => ({ row: f.rowNumber, column: e.column, field: e.field, code: e.code, message: t ? e.messageTr : e.message })),
    );
    const result = {
      ...describeSource(file, info),
      rows: out.rows,
      valid: out.rows - out.failed - out.skipped,
      invalid: out.failed,
      mapping: mappingByHeader(info.headers, mapping),
      errors,
      inserted: out.inserted,
      updated: out.updated,
      unchanged: out.unchanged,
      conflict: out.conflict,
      skipped: out.skipped,
      failed: out.failed,
      runId: out.runId,
      status: out.status,
      ...(out.reportFile && !backend.memory ? { reportFile: out.reportFile } : {}),
    };
    const human = [
      t
        ? `${basename(file)}: ${out.rows} satır; ${out.inserted} eklendi, ${out.updated} güncellendi, ${out.skipped} atlandı, ${out.failed} reddedildi`
        : `${basename(file)}: ${out.rows} rows; ${out.inserted} inserted, ${out.updated} updated, ${out.skipped} skipped, ${out.failed} rejected`,
      ...humanErrors(errors, args.lang),
    ].join('\n');
    print(io, args, result, human);
    if (out.status !== 'completed') {
      const e = out.error;
      io.stderr.write(`${e ? (t ? (e.messageTr ?? e.message) : e.message) : t ? 'Aktarım tamamlanmadı' : 'The import did not complete'}\n`);
      return 2;
    }
    return out.failed > 0 ? 1 : 0;
  } finally {
    await backend.close();
  }
}

/**
 * `import --dry-run`: every row labelled against the stored records (create, update with its
 * changed fields, unchanged, invalid); nothing is written. Exit 1 when some rows are invalid.
 */
async function dryRunCommand(args: CliArgs, io: CliIo, file: string): Promise<number> {
  const { info, mapping, collection } = await planMapping(args, file, io, false);
  const mode = args.mode!;
  const backend = await openBackend(args, io);
  try {
    // The wizard's way: the core checks the file, then compares the valid rows with the stored ones.
    const { core } = backend;
    const source = { file: core.services.files.grant!(file, ['read']), sheet: info.sheet ?? undefined, headerRow: info.headerRow, collection, mapping };
    const { checkId } = await runCoreJob(core, 'importCheck', { ...source, mode });
    const summary = await runCoreJob(core, 'importDryRun', { ...source, checkId, mode });
    const rows: unknown[] = [];
    const human: string[] = [];
    const t = args.lang === 'tr';
    for (let offset = 0; ; ) {
      const page = await callCore(core, 'getDryRunRows', { checkId, offset, limit: 500 });
      for (const r of page.rows) {
        rows.push({
          row: r.rowNumber,
          action: r.action,
          ...(r.action === 'update' ? { changes: r.changes } : {}),
          ...(r.action === 'invalid' ? { errors: r.errors.map((e) => ({ column: e.column, field: e.field, code: e.code, message: t ? e.messageTr : e.message })) } : {}),
          ...(r.warnings.length > 0 ? { warnings: r.warnings.map((e) => ({ column: e.column, field: e.field, code: e.code, message: t ? e.messageTr : e.message })) } : {}),
        });
        for (const w of r.warnings) if (human.length < 40) human.push(`  ${t ? 'Satır' : 'Row'} ${r.rowNumber}${t ? ' (uyarı)' : ' (warning)'}: ${t ? w.messageTr : w.message}`);
        if (r.action === 'update' && human.length < 40) {
          const changes = r.changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after}`).join(', ');
          human.push(`  ${t ? 'Satır' : 'Row'} ${r.rowNumber}: ${changes}`);
        }
      }
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total) break;
    }
    const counts = { create: summary.create, update: summary.update, unchanged: summary.unchanged, invalid: summary.invalid };
    const line = t
      ? `${basename(file)} (prova, hiçbir şey yazılmadı): ${counts.create} yeni, ${counts.update} güncellenecek, ${counts.unchanged} değişmeyecek, ${counts.invalid} hatalı`
      : `${basename(file)} (dry run, nothing written): ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.invalid} invalid`;
    print(io, args, { summary: counts, rows }, [line, ...human].join('\n'));
    return counts.invalid > 0 ? 1 : 0;
  } finally {
    await backend.close();
  }
}

/** `undo RUN_ID`: undoes a finished import step by step (resumable: run it again after a failure). */
export async function undoCommand(args: CliArgs, io: CliIo): Promise<number> {
  const runId = args.file;
  if (!runId) throw new AppError('usage', 'No import run id given', 'Aktarım numarası belirtilmedi');
  const backend = await openBackend(args, io);
  try {
    // The core's importUndo job takes the steps and names the records it left alone (the first 200).
    const undone = await runCoreJob(backend.core, 'importUndo', { runId });
    const { deleted, restored, kept: left } = undone;
    const keptRows = undone.keptRows.map((k) => ({ row: k.rowNumber, key: k.key, action: k.action }));
    const t = args.lang === 'tr';
    const human = [
      t
        ? `Aktarım ${runId} geri alındı: ${deleted} kayıt silindi, ${restored} kayıt eski haline döndü, ${left} kayıt sonradan değiştiği için bırakıldı`
        : `Import ${runId} undone: ${deleted} records deleted, ${restored} restored, ${left} left alone because they changed since`,
      ...keptRows.slice(0, 40).map((k) => `  ${t ? 'Satır' : 'Row'} ${k.row}: ${k.key}`),
    ].join('\n');
    print(io, args, { runId, deleted, restored, kept: left, keptRows }, human);
    return 0;
  } finally {
    await backend.close();
  }
}
