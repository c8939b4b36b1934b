// Entry of the `kafkasder` command (started by bin.mjs through tsx). Returns the exit status:
// 0 all rows fine, 1 some rows rejected, 2 the file or the arguments could not be used.
import { AppError, toAppErrorData } from '../services/core/appError';
import { asAppError } from '../services/importer/importEngine';
import { langOf, parseCli, USAGE, usageOf } from './args';
import type { CliIo } from './backend';
import { exportCommand } from './commands/export';
import { importCommand, inspectCommand, undoCommand, validateCommand } from './commands/importCommands';

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const lang = langOf(argv);
  try {
    const args = parseCli(argv);
    if (args.help || args.command === 'help') {
      io.stdout.write(`${usageOf(args.command, lang)}\n`);
      return 0;
    }
    switch (args.command) {
      case 'inspect':
        return await inspectCommand(args, io);
      case 'validate':
        return await validateCommand(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'undo':
        return await undoCommand(args, io);
      case 'export':
        return await exportCommand(args, io);
      default:
        throw new AppError(
          'usage',
          args.command ? `Unknown command: ${args.command}\n${USAGE.en}` : USAGE.en,
          args.command ? `Bilinmeyen komut: ${args.command}\n${USAGE.tr}` : USAGE.tr,
        );
    }
  } catch (err) {
    // Reader refusals (a missing file, an unclosed quote) carry both languages like AppErrors.
    const data = toAppErrorData(asAppError(err));
    io.stderr.write(`${lang === 'tr' ? (data.messageTr ?? data.message) : data.message}\n`);
    return 2;
  }
}
