import { posix } from 'node:path';
import { SourceError } from './errors';
import { ZipDirectory, ZipFormatError } from './zip-directory';

export interface WorkbookSheet {
  name: string;
  /** Path of the sheet's XML inside the package, e.g. xl/worksheets/sheet1.xml */
  part: string | null;
}

const OFFICE_DOCUMENT = /\/officeDocument$/;

/**
 * Lists a workbook's sheets in tab order from xl/workbook.xml via the ZIP directory, without
 * loading any sheet. A ZIP that is not a spreadsheet is 'unsupported'; a spreadsheet we cannot
 * make sense of is 'corrupt'.
 */
export async function listSheets(file: string, sizeBytes: number): Promise<WorkbookSheet[]> {
  let zip: ZipDirectory;
  try {
    zip = await ZipDirectory.open(file, sizeBytes);
  } catch (err) {
    throw new SourceError('corrupt', file, { reason: reasonOf(err) }, err);
  }
  try {
    const rootRels = await readText(zip, '_rels/.rels');
    const mainPart =
      (rootRels && relationships(rootRels).find((r) => OFFICE_DOCUMENT.test(r.type))?.target.replace(/^\//, '')) ??
      'xl/workbook.xml';
    const workbookXml = await readText(zip, mainPart);
    if (workbookXml === null || !/<(?:\w+:)?workbook[\s>]/.test(workbookXml)) {
      if (zip.entries.has('[Content_Types].xml') && /^xl\//.test(mainPart)) {
        throw new SourceError('corrupt', file, { reason: 'the workbook part is missing', reasonTr: 'çalışma kitabı bölümü eksik' });
      }
      throw new SourceError('unsupported', file, { reason: 'a ZIP archive, not an Excel workbook', reasonTr: 'Excel çalışma kitabı değil, bir ZIP arşivi' });
    }
    const base = posix.dirname(mainPart);
    const relsXml = await readText(zip, posix.join(base, '_rels', `${posix.basename(mainPart)}.rels`));
    const targets = new Map((relsXml ? relationships(relsXml) : []).map((r) => [r.id, r.target]));

    const sheetsBlock = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml)?.[1] ?? '';
    const sheets: WorkbookSheet[] = [];
    for (const m of sheetsBlock.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const attrs = attributes(m[1] ?? '');
      const name = attrs.get('name');
      if (name === undefined) continue;
      const rid = [...attrs].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const target = rid ? targets.get(rid) : undefined;
      const part = target ? (target.startsWith('/') ? target.slice(1) : posix.join(base, target)) : null;
      sheets.push({ name, part });
    }
    if (sheets.length === 0) throw new SourceError('corrupt', file, { reason: 'the workbook lists no sheets', reasonTr: 'çalışma kitabında hiç sayfa yok' });
    return sheets;
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError('corrupt', file, { reason: reasonOf(err) }, err);
  } finally {
    await zip.close();
  }
}

function reasonOf(err: unknown): string {
  return err instanceof ZipFormatError ? err.message : 'unreadable ZIP package';
}

async function readText(zip: ZipDirectory, name: string): Promise<string | null> {
  const buf = await zip.read(name);
  return buf === null ? null : buf.toString('utf8');
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1] ?? '');
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '' });
  }
  return out;
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return out;
}

export function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex, dec, named) => {
    if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
    if (dec) return String.fromCodePoint(parseInt(dec as string, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named as 'amp'];
  });
}
