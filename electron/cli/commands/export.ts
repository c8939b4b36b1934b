// `kafkasder export`: the Export page's job from a terminal. Exit 0 on success; 2 on any failure,
// with the reason on stderr in Turkish (or English with --lang en).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportInput } from '../../../shared/contract/exports';
import { backendTimeoutMs, ConvexGateway } from '../../services/backend/convexGateway';
import { AppError, toAppErrorData } from '../../services/core/appError';
import { FileGrants } from '../../services/core/fileGrants';
import { runExportJob, type ExportDeps, type ExportInput } from '../../services/exporter/exportJobs';
import { startDemoCore } from '../../web/demoCore';
import { UsageError } from '../args';
import { signInStaff } from '../signIn';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Relative --out paths are taken from here (default: process.cwd()). */
  workDir?: string;
  env?: NodeJS.ProcessEnv;
}

type Lang = 'tr' | 'en';

const USAGE: Record<Lang, string> = {
  tr: `Kullanım: kafkasder export --collection beneficiaries|donations|financeRecords --out DOSYA
  [--format excel-tr|csv|json|xlsx] (varsayılan excel-tr)  [--from yyyy-aa-gg] [--to yyyy-aa-gg]
  [--status DURUM] [--city İL] [--category KATEGORİ] [--type gelir|gider]
  [--columns alan1,alan2,…] [--headers tr|en] [--backend URL|memory] [--email E-POSTA] [--lang tr|en]
`,
  en: `Usage: kafkasder export --collection beneficiaries|donations|financeRecords --out FILE
  [--format excel-tr|csv|json|xlsx] (default excel-tr)  [--from yyyy-mm-dd] [--to yyyy-mm-dd]
  [--status STATUS] [--city PROVINCE] [--category CATEGORY] [--type gelir|gider]
  [--columns field1,field2,…] [--headers tr|en] [--backend URL|memory] [--email E-POSTA] [--lang tr|en]
`,
};

const OPTIONS = {
  collection: { type: 'string' },
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
  backend: { type: 'string' },
  email: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usageError(en: string, tr: string): AppError {
  return new AppError('usage', en, tr);
}

function parseInput(values: Record<string, string | boolean | undefined>, cwd: string, cliFiles: FileGrants): ExportInput {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (!str('collection')) throw usageError('--collection is required', '--collection gerekli');
  if (!str('out')) throw usageError('--out is required', '--out gerekli');
  const parsed = exportInput.safeParse({
    collection: str('collection'),
    from: str('from'),
    to: str('to'),
    status: str('status'),
    city: str('city'),
    category: str('category'),
    type: str('type'),
    columns: str('columns')?.split(',').map((c) => c.trim()).filter(Boolean),
    headerLang: str('headers'),
    format: str('format'),
    // The path the user typed, handed to the job as an id like a save dialog's.
    target: cliFiles.grant(resolve(cwd, str('out') as string), ['write']),
  });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw usageError(`Invalid arguments: ${where}`, `Geçersiz argümanlar: ${where}`);
  }
  return parsed.data;
}

export async function runExport(argv: string[], io: CliIo = process): Promise<number> {
  let lang: Lang = 'tr';
  const cleanups: Array<() => Promise<void> | void> = [];
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.lang === 'en') lang = 'en';
    else if (values.lang !== undefined && values.lang !== 'tr') throw usageError('--lang must be tr or en', '--lang tr ya da en olmalı');
    if (values.help) {
      io.stdout.write(USAGE[lang]);
      return 0;
    }
    const cliFiles = new FileGrants();
    const input = parseInput(values, io.workDir ?? process.cwd(), cliFiles);
    const backend = values.backend ?? io.env?.CONVEX_URL ?? process.env.CONVEX_URL;
    if (!backend) throw usageError('No backend: pass --backend URL or --backend memory', 'Sunucu belirtilmedi: --backend URL ya da --backend memory verin');

    let deps: ExportDeps;
    if (backend === 'memory') {
      // The demo data set, in memory: for trying the command out and for tests.
      const dataDir = mkdtempSync(join(tmpdir(), 'kafkasder-cli-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const demo = await startDemoCore({ host: 'electron', dataDir, signInAs: 'yonetici' });
      cleanups.unshift(() => demo.core.close());
      deps = { gateway: demo.core.services.gateway, host: 'electron', dataDir, files: cliFiles };
    } else {
      if (!/^https?:\/\//.test(backend)) throw usageError(`--backend must be an http(s) URL or memory: ${backend}`, `--backend bir http(s) adresi ya da memory olmalı: ${backend}`);
      const convex = new ConvexGateway(backend, { timeoutMs: backendTimeoutMs(io.env ?? process.env) });
      cleanups.unshift(() => convex.close());
      let signedIn;
      try {
        signedIn = await signInStaff(convex, values.email, io.env ?? process.env);
      } catch (err) {
        throw err instanceof UsageError ? usageError(err.messageEn, err.messageTr) : err;
      }
      cleanups.unshift(() => signedIn.session.close());
      deps = { gateway: signedIn.gateway, host: 'electron', dataDir: tmpdir(), files: cliFiles };
    }

    process.once('SIGINT', onSigint);
    const result = await runExportJob(deps, input, { jobId: 'cli', signal: controller.signal, progress: () => {} });
    io.stdout.write(lang === 'tr' ? `${result.rows} kayıt yazıldı: ${result.file}\n` : `Wrote ${result.rows} records to ${result.file}\n`);
    return 0;
  } catch (err) {
    const parseError = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    const data = parseError
      ? { message: `${err.message}\n${USAGE.en}`, messageTr: `${err.message}\n${USAGE.tr}` }
      : toAppErrorData(err);
    io.stderr.write(`${lang === 'tr' ? (data.messageTr ?? data.message) : data.message}\n`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
    for (const c of cleanups) await c();
  }
}
