import { posix } from 'node:path';
import { SourceError } from './sourceErrors';
import { XmlLimitError, attributes, xmlTags } from './xmlBytes';
import { ZipBombError, ZipDirectory, ZipFormatError } from './zipDirectory';
import { isDateFormat } from './xlsxCells';
import type { WorkbookLayout, WorkbookSheet } from './sourceTypes';

const OFFICE_DOCUMENT = /\/officeDocument$/;

/** Opens the package, naming the file in a refusal. */
export async function openPackage(file: string, sizeBytes: number): Promise<ZipDirectory> {
  try {
    return await ZipDirectory.open(file, sizeBytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SourceError('not_found', file, {}, err);
    throw packageError(file, err);
  }
}

/** A failure inside the package as the refusal the user sees. */
export function packageError(file: string, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  if (err instanceof XmlLimitError) return new SourceError('unsafe_archive', file, { reason: err.message, reasonTr: xmlLimitTr(err) }, err);
  if (err instanceof ZipBombError) {
    return new SourceError('unsafe_archive', file, { reason: err.message, reasonTr: bombReasonTr(err) }, err);
  }
  return new SourceError('corrupt', file, { reason: reasonOf(err) }, err);
}

function xmlLimitTr(err: XmlLimitError): string {
  const m = /^a tag in (.*) is longer than (\d+) KiB$/.exec(err.message);
  return m ? `${m[1]} içinde ${m[2]} KiB'den uzun bir etiket var` : err.message;
}

function bombReasonTr(err: ZipBombError): string {
  const part = err.entry;
  if (err.reason === 'ratio') return `${part} sıkıştırılmış boyutunun çok katına açılıyor`;
  if (err.reason === 'lied') return `${part} dizinde yazan boyuttan büyük açılıyor`;
  return `${part} açıldığında ${Math.round(err.limitBytes / 1024 / 1024)} MiB sınırını aşıyor`;
}

/**
 * Reads a workbook's layout from xl/workbook.xml and its relationships via the ZIP directory,
 * without loading any sheet. A ZIP that is not a spreadsheet is 'unsupported'; a spreadsheet we
 * cannot make sense of is 'corrupt'.
 */
export async function readLayout(file: string, sizeBytes: number): Promise<WorkbookLayout> {
  const zip = await openPackage(file, sizeBytes);
  try {
    const rootRels = await readText(zip, '_rels/.rels');
    const mainPart =
      (rootRels && relationships(rootRels, '_rels/.rels').find((r) => OFFICE_DOCUMENT.test(r.type))?.target.replace(/^\//, '')) ??
      'xl/workbook.xml';
    const workbookXml = await readText(zip, mainPart);
    const workbook = workbookXml === null ? null : readWorkbookPart(workbookXml, mainPart);
    if (workbook === null) {
      if (zip.entries.has('[Content_Types].xml') && /^xl\//.test(mainPart)) {
        throw new SourceError('corrupt', file, { reason: 'the workbook part is missing', reasonTr: 'çalışma kitabı bölümü eksik' });
      }
      throw new SourceError('unsupported', file, { reason: 'a ZIP archive, not an Excel workbook', reasonTr: 'Excel çalışma kitabı değil, bir ZIP arşivi' });
    }
    const base = posix.dirname(mainPart);
    const relsXml = await readText(zip, posix.join(base, '_rels', `${posix.basename(mainPart)}.rels`));
    const rels = relsXml ? relationships(relsXml, `${mainPart} relationships`) : [];
    const targets = new Map(rels.map((r) => [r.id, r.target]));
    const partOf = (target: string): string => (target.startsWith('/') ? target.slice(1) : posix.join(base, target));
    const partOfType = (type: RegExp, fallback: string): string | null => {
      const target = rels.find((r) => type.test(r.type))?.target;
      if (target !== undefined) return partOf(target);
      return zip.entries.has(fallback) ? fallback : null;
    };

    const sheets: WorkbookSheet[] = [];
    for (const attrs of workbook.sheets) {
      const name = attrs.get('name');
      if (name === undefined) continue;
      const rid = [...attrs].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const target = rid ? targets.get(rid) : undefined;
      sheets.push({ name, part: target ? partOf(target) : null });
    }
    if (sheets.length === 0) throw new SourceError('corrupt', file, { reason: 'the workbook lists no sheets', reasonTr: 'çalışma kitabında hiç sayfa yok' });
    const date1904 = /^(?:1|true)$/.test(workbook.date1904 ?? '');
    return {
      sheets,
      date1904,
      sharedStrings: partOfType(/\/sharedStrings$/, 'xl/sharedStrings.xml'),
      styles: partOfType(/\/styles$/, 'xl/styles.xml'),
    };
  } catch (err) {
    throw packageError(file, err);
  } finally {
    await zip.close();
  }
}

function reasonOf(err: unknown): string {
  return err instanceof ZipFormatError ? err.message : 'unreadable ZIP package';
}

/**
 * The workbook, relationship and style parts are read whole: a real one is a few KB (styles a few
 * MB at worst: Excel allows 64,000 cell styles); beyond these they are refused, not parsed.
 */
export const MAX_SMALL_PART_BYTES = 1024 * 1024;
export const MAX_STYLES_PART_BYTES = 16 * 1024 * 1024;

export async function readText(zip: ZipDirectory, name: string, maxBytes = MAX_SMALL_PART_BYTES): Promise<string | null> {
  const buf = await zip.read(name, maxBytes);
  return buf === null ? null : buf.toString('utf8');
}

/** The workbook part's <sheet> attributes (inside <sheets>) and date1904; null when its root is not a workbook. */
function readWorkbookPart(xml: string, part: string): { sheets: Map<string, string>[]; date1904: string | undefined } | null {
  let root: string | null = null;
  let inSheets = false;
  const sheets: Map<string, string>[] = [];
  let date1904: string | undefined;
  for (const tag of xmlTags(xml, part)) {
    if (root === null) {
      root = tag.name;
      if (root !== 'workbook') return null;
      continue;
    }
    if (tag.name === 'sheets') inSheets = !tag.closing && !tag.attrs.endsWith('/');
    else if (tag.name === 'sheet' && inSheets && !tag.closing) sheets.push(attributes(tag.attrs));
    else if (tag.name === 'workbookPr' && !tag.closing) date1904 = attributes(tag.attrs).get('date1904');
  }
  return root === null ? null : { sheets, date1904 };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string, part: string): Relationship[] {
  const out: Relationship[] = [];
  for (const tag of xmlTags(xml, part)) {
    if (tag.name !== 'Relationship' || tag.closing) continue;
    const a = attributes(tag.attrs);
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '' });
  }
  return out;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, and the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * For each cell style (the s="…" of a cell), whether its number format shows a date: then the
 * cell's number is a date serial. From styles.xml's <numFmts> and <cellXfs>.
 */
export async function readDateStyles(zip: ZipDirectory, part: string | null): Promise<boolean[]> {
  const xml = part ? await readText(zip, part, MAX_STYLES_PART_BYTES) : null;
  if (!xml || !part) return [];
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inCellXfs = false;
  for (const tag of xmlTags(xml, part)) {
    if (tag.closing) {
      if (tag.name === 'cellXfs') inCellXfs = false;
      continue;
    }
    if (tag.name === 'numFmt') {
      const a = attributes(tag.attrs);
      custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    } else if (tag.name === 'cellXfs') inCellXfs = !tag.attrs.endsWith('/');
    else if (tag.name === 'xf' && inCellXfs) {
      const id = Number(attributes(tag.attrs).get('numFmtId') ?? 0);
      const code = custom.get(id);
      out.push(code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id));
    }
  }
  return out;
}
