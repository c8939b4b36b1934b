// `kafkasder person export --national-id TC --out FILE`: everything held about one person (KVKK
// Art. 11 access request) through the core's exportPerson channel, as the app's desk does: the
// file and its readable HTML page beside it are written owner-only (0600) and the export is
// audited on the server.
import { resolve } from 'node:path';
import { kvkkChannels } from '../../shared/contract/kvkk';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import { callCore, openBackend, type CliIo } from './backend';
import { print } from './fileOutput';

export async function personCommand(args: CliArgs, io: CliIo): Promise<number> {
  if (args.file !== 'export') throw new AppError('usage', 'Usage: kafkasder person export --national-id TC --out FILE', 'Kullanım: kafkasder person export --national-id TC --out DOSYA');
  if (!args.out) throw new AppError('usage', '--out is required', '--out gerekli');
  const checked = kvkkChannels.exportPerson.input.shape.nationalId.safeParse(args.nationalId ?? '');
  if (!checked.success) throw new AppError('usage', '--national-id must be a valid TC Kimlik No', '--national-id geçerli bir TC Kimlik No olmalı');
  const targetPath = resolve(io.workDir ?? process.cwd(), args.out);
  const backend = await openBackend(args, io);
  try {
    const target = backend.core.services.files.grant!(targetPath, ['write']);
    const result = await callCore(backend.core, 'exportPerson', { nationalId: checked.data, target, via: 'cli', lang: args.lang });
    const summary = Object.entries(result.counts).map(([k, n]) => `${k} ${n}`).join(', ');
    print(io, args, result, args.lang === 'tr' ? `Kişinin verisi yazıldı: ${result.file}, okunur hâli ${result.htmlFile} (${summary})` : `Wrote the person's data to ${result.file}, readable in ${result.htmlFile} (${summary})`);
    return 0;
  } finally {
    await backend.close();
  }
}
