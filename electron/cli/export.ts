// `kafkasder export`: the Export page's job from a terminal, run by the core's job runner. Exit 0
// on success; 2 on any failure, with the reason on stderr in Turkish (or English with --lang en).
import { resolve } from 'node:path';
import { exportInput } from '../../shared/contract/exports';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import { openBackend, runCoreJob, type CliIo } from './backend';

/** The job's input but its target, checked before anything connects; and the target's path. */
function parseInput(args: CliArgs, cwd: string) {
  const { out, columns, headers, ...filters } = args.export;
  if (!args.collection) throw new AppError('usage', '--collection is required', '--collection gerekli');
  if (!out) throw new AppError('usage', '--out is required', '--out gerekli');
  const parsed = exportInput.omit({ target: true }).safeParse({
    ...filters,
    collection: args.collection,
    columns: columns?.split(',').map((c) => c.trim()).filter(Boolean),
    headerLang: headers,
    ...(args.anonymised ? { anonymised: true } : {}),
  });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('usage', `Invalid arguments: ${where}`, `Geçersiz argümanlar: ${where}`);
  }
  return { input: parsed.data, targetPath: resolve(cwd, out) };
}

export async function exportCommand(args: CliArgs, io: CliIo): Promise<number> {
  const { input, targetPath } = parseInput(args, io.workDir ?? process.cwd());
  const backend = await openBackend(args, io);
  try {
    // The path the user typed, handed to the job as an id like a save dialog's.
    const target = backend.core.services.files.grant!(targetPath, ['write']);
    const result = await runCoreJob(backend.core, 'export', { ...input, target });
    io.stdout.write(args.lang === 'tr' ? `${result.rows} kayıt yazıldı: ${result.file}\n` : `Wrote ${result.rows} records to ${result.file}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}
