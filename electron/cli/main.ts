// Entry of the `kafkasder` command (started by bin.mjs through tsx). Returns the exit status:
// 0 all rows fine, 1 some rows rejected, 2 the file or the arguments could not be used.
import { toAppErrorData } from '../services/core/appError';
import { SourceError } from '../services/importer/reading/source';
import { langOf, parseCli, USAGE, UsageError } from './args';
import { runExport } from './commands/export';
import { importCommand, inspectCommand, undoCommand, validateCommand, type CliIo } from './commands/importCommands';
import type { Lang } from '../../shared/domain/vocabularies';

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const lang = langOf(argv);
  // export has its own options and its own parser.
  if (argv[0] === 'export') return runExport(argv.slice(1), io);
  try {
    const args = parseCli(argv);
    switch (args.command) {
      case 'inspect':
        return await inspectCommand(args, io);
      case 'validate':
        return await validateCommand(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'undo':
        return await undoCommand(args, io);
      case 'help':
        io.stdout.write(`${USAGE[lang]}\n`);
        return 0;
      default:
        throw new UsageError(
          args.command ? `Bilinmeyen komut: ${args.command}\n${USAGE.tr}` : USAGE.tr,
          args.command ? `Unknown command: ${args.command}\n${USAGE.en}` : USAGE.en,
        );
    }
  } catch (err) {
    io.stderr.write(`${messageOf(err, lang)}\n`);
    return 2;
  }
}

function messageOf(err: unknown, lang: Lang): string {
  if (err instanceof UsageError || err instanceof SourceError) return lang === 'tr' ? err.messageTr : err.messageEn;
  const data = toAppErrorData(err);
  return lang === 'tr' ? (data.messageTr ?? data.message) : data.message;
}
