// Just enough XML for the parts of a workbook, read as UTF-8 bytes where they are long (sheets,
// shared strings): tags are found by comparing bytes, text is decoded only where a value is.
// Not a general XML parser: no DTDs, no namespaces beyond one element prefix per part.

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f; // /
export const AMP = 0x26; // &

/** Index of `byte` in b[from, to), or -1. A plain loop: most distances are a few bytes. */
export function findByte(b: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === byte) return i;
  return -1;
}

/** b holds `pattern` at i. */
export function bytesAt(b: Uint8Array, i: number, pattern: Uint8Array): boolean {
  if (i + pattern.length > b.length) return false;
  for (let k = 0; k < pattern.length; k++) if (b[i + k] !== pattern[k]) return false;
  return true;
}

/** A byte that may continue a tag name (not space, '>', '/'). */
export function isNameByte(c: number | undefined): boolean {
  return c !== undefined && c !== 0x20 && c !== GT && c !== SLASH && c !== 0x09 && c !== 0x0a && c !== 0x0d;
}

/**
 * The prefix ("x:" or "") of a part's root element, so its tags can be matched as bytes; null
 * while b does not yet hold the root element's whole name.
 */
export function rootPrefix(b: Uint8Array): string | null {
  for (let i = findByte(b, LT, 0, b.length); i !== -1; i = findByte(b, LT, i + 1, b.length)) {
    const next = b[i + 1];
    if (next === undefined) return null;
    if (next === 0x3f || next === 0x21) continue; // <?xml …?> or <!-- … -->
    let end = i + 1;
    while (end < b.length && isNameByte(b[end])) end++;
    if (end === b.length) return null;
    const name = Buffer.from(b.buffer, b.byteOffset + i + 1, end - i - 1).toString('latin1');
    const colon = name.indexOf(':');
    return colon === -1 ? '' : name.slice(0, colon + 1);
  }
  return null;
}

export function tagBytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/** Text of b[from, to) as UTF-8, with XML's entities and character references resolved. */
export function textOf(b: Buffer, from: number, to: number): string {
  const s = b.toString('utf8', from, to);
  return findByte(b, AMP, from, to) === -1 ? s : decodeXml(s);
}

export function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex, dec, named) => {
    if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
    if (dec) return String.fromCodePoint(parseInt(dec as string, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named as 'amp'];
  });
}

/** A tag longer than this in a small part (workbook, relationships, styles) is not one Excel wrote. */
export const MAX_TAG_CHARS = 64 * 1024;

/** A small part breaks a limit no real workbook comes near: refused rather than read on. */
export class XmlLimitError extends Error {}

/** A tag of a small part: its local name (prefix dropped), whether it is a closing tag, its attribute text. */
export interface XmlTag {
  name: string;
  closing: boolean;
  attrs: string;
}

/**
 * The tags of a small part's text in order, found in one pass with indexOf (never a regex that
 * could backtrack across the part); comments and declarations are skipped. `part` names the part
 * in a refusal.
 */
export function* xmlTags(xml: string, part: string): Generator<XmlTag> {
  for (let lt = xml.indexOf('<'); lt !== -1; ) {
    const gt = xml.indexOf('>', lt + 1);
    if (gt === -1) return;
    if (gt - lt > MAX_TAG_CHARS) throw new XmlLimitError(`a tag in ${part} is longer than ${MAX_TAG_CHARS / 1024} KiB`);
    const closing = xml.charCodeAt(lt + 1) === SLASH;
    let at = lt + (closing ? 2 : 1);
    const first = xml.charCodeAt(at);
    let end = at;
    for (let c = xml.charCodeAt(end); end < gt && isNameChar(c); c = xml.charCodeAt(++end)) if (c === 0x3a) at = end + 1; // a prefix ends at its colon
    if (first !== 0x3f && first !== 0x21 && end > at) yield { name: xml.slice(at, end), closing, attrs: xml.slice(end, gt) };
    lt = xml.indexOf('<', gt + 1);
  }
}

/** A character of an XML name as the parts use them: letters, digits, _ : . - */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2e || c === 0x2d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The attributes of a tag's source text, e.g. ` name="Sayfa1" r:id="rId1"`, entities resolved.
 * One pass: every character is looked at a bounded number of times, whatever the text.
 */
export function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = source.length;
  let i = 0;
  while (i < n) {
    if (!isNameChar(source.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isNameChar(source.charCodeAt(j))) j++;
    let k = j;
    while (k < n && isSpace(source.charCodeAt(k))) k++;
    if (source.charCodeAt(k) !== 0x3d) {
      i = k > j ? k : j;
      continue;
    }
    k++;
    while (k < n && isSpace(source.charCodeAt(k))) k++;
    const quote = source[k];
    if (quote !== '"' && quote !== "'") {
      i = k;
      continue;
    }
    const close = source.indexOf(quote, k + 1);
    if (close === -1) break;
    out.set(source.slice(i, j), decodeXml(source.slice(k + 1, close)));
    i = close + 1;
  }
  return out;
}

/**
 * The text of the runs between from and to (a shared string's <si> or a cell's <is>): every
 * <t> joined, rich-text runs included, phonetic guides (<rPh>) left out as Excel shows them.
 */
export function runsText(b: Buffer, from: number, to: number, prefix: string): string {
  const t = `${prefix}t`;
  const rPh = `</${prefix}rPh>`;
  let out = '';
  for (let i = findByte(b, LT, from, to); i !== -1 && i < to; i = findByte(b, LT, i + 1, to)) {
    if (b[i + 1] === SLASH) continue;
    let end = i + 1;
    while (end < to && isNameByte(b[end])) end++;
    const name = b.toString('latin1', i + 1, end);
    if (name === `${prefix}rPh`) {
      const close = b.indexOf(rPh, end, 'latin1');
      if (close === -1 || close >= to) break;
      i = close;
      continue;
    }
    if (name !== t) continue;
    const gt = findByte(b, GT, end, to);
    if (gt === -1) break;
    if (b[gt - 1] === SLASH) continue; // <t/>
    const close = findByte(b, LT, gt + 1, to);
    if (close === -1) break;
    out += textOf(b, gt + 1, close);
    i = close;
  }
  return out;
}
