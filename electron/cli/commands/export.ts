// `kafkasder export`: the Export page's job from a terminal. Exit 0 on success; 2 on any failure,
// with the reason on stderr in Turkish (or English with --lang en).
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { exportInput } from '../../../shared/contract/exports';
import { AppError } from '../../services/core/appError';
import { FileGrants } from '../../services/core/fileGrants';
import { runExportJob, type ExportInput } from '../../services/exporter/exportJobs';
import type { CliArgs } from '../args';
import { openBackend, type CliIo } from '../backend';

function parseInput(args: CliArgs, cwd: string, cliFiles: FileGrants): ExportInput {
  const { out, columns, headers, ...filters } = args.export;
  if (!args.collection) throw new AppError('usage', '--collection is required', '--collection gerekli');
  if (!out) throw new AppError('usage', '--out is required', '--out gerekli');
  const parsed = exportInput.safeParse({
    ...filters,
    collection: args.collection,
    columns: columns?.split(',').map((c) => c.trim()).filter(Boolean),
    headerLang: headers,
    // The path the user typed, handed to the job as an id like a save dialog's.
    target: cliFiles.grant(resolve(cwd, out), ['write']),
  });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('usage', `Invalid arguments: ${where}`, `Geçersiz argümanlar: ${where}`);
  }
  return parsed.data;
}

export async function exportCommand(args: CliArgs, io: CliIo): Promise<number> {
  const cliFiles = new FileGrants();
  const input = parseInput(args, io.workDir ?? process.cwd(), cliFiles);
  const backend = await openBackend(args, io);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const deps = { gateway: backend.gateway, host: 'electron' as const, dataDir: tmpdir(), files: cliFiles };
    const result = await runExportJob(deps, input, { jobId: 'cli', signal: controller.signal, progress: () => {} });
    io.stdout.write(args.lang === 'tr' ? `${result.rows} kayıt yazıldı: ${result.file}\n` : `Wrote ${result.rows} records to ${result.file}\n`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await backend.close();
  }
}
