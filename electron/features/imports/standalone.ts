// What a host may use of the imports feature without a core: `kafkasder inspect` describes a file
// and shows its first rows, and must start at once (issue #27), so it loads neither the core's
// jobs nor the backend client (nodeBundle.contents.test.ts). Only the reading room and the collection
// guess; the import commands read through the inspectImportFile channel, which also applies the
// wizard's remembered mapping.
import { explainedCollectionGuess } from '../../../shared/domain/collectionGuess';
import { inspectSource, readRows, type CellValue, type SourceInfo } from './reading/source';
import { asAppError } from './reading/sourceErrors';

export interface FileDescription {
  info: SourceInfo;
  /** The first data rows' cells, in the order of info.headers. */
  rows: CellValue[][];
  collectionGuess: ReturnType<typeof explainedCollectionGuess>;
}

/**
 * Describes a file (format, encoding, delimiter, sheet, header row and the record type its headers
 * point to) with its first `limit` rows. A file that cannot be read is refused with an AppError in
 * both languages.
 */
export async function describeFile(file: string, options: { sheet?: string; headerRow?: number }, limit: number): Promise<FileDescription> {
  try {
    const info = await inspectSource(file, options);
    const rows: CellValue[][] = [];
    if (limit > 0) {
      outer: for await (const batch of readRows(file, info, { chunkRows: Math.min(limit, 2000) })) {
        for (const row of batch) {
          rows.push(row.cells);
          if (rows.length >= limit) break outer;
        }
      }
    }
    return { info, rows, collectionGuess: explainedCollectionGuess(info.headers) };
  } catch (err) {
    throw asAppError(err);
  }
}
