// Entry of the `kafkasder` command (bundled into dist/cli/, started by bin.mjs). Returns the exit
// status: 0 all rows fine, 1 some rows rejected, 2 the file or the arguments could not be used.
// Each command's code is imported when it runs (the bundle is split there), so help and inspect
// start without the backend client and the core.
import { AppError } from '../core/errors/appError';
import { langOf, parseCli, USAGE, usageOf } from './args';
import type { CliIo } from './backend';

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
        return await (await import('./inspect')).inspectCommand(args, io);
      case 'validate':
        return await (await import('./importCommands')).validateCommand(args, io);
      case 'import':
        return await (await import('./importCommands')).importCommand(args, io);
      case 'undo':
        return await (await import('./importCommands')).undoCommand(args, io);
      case 'export':
        return await (await import('./export')).exportCommand(args, io);
      case 'person':
        return await (await import('./person')).personCommand(args, io);
      case 'records':
        return await (await import('./records')).recordsCommand(args, io);
      case 'keys':
        return await (await import('./setupCommands')).keysCommand(args, io);
      case 'first-admin':
        return await (await import('./setupCommands')).firstAdminCommand(args, io);
      default:
        throw new AppError(
          'usage',
          args.command ? `Unknown command: ${args.command}\n${USAGE.en}` : USAGE.en,
          args.command ? `Bilinmeyen komut: ${args.command}\n${USAGE.tr}` : USAGE.tr,
        );
    }
  } catch (err) {
    // The core's and the reader's refusals (a missing file, an unclosed quote) carry both languages.
    const { toAppErrorData } = await import('../core/errorData');
    const data = toAppErrorData(err);
    io.stderr.write(`${lang === 'tr' ? (data.messageTr ?? data.message) : data.message}\n`);
    return 2;
  }
}
