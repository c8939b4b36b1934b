// The one formula-injection rule for every spreadsheet file the app writes (exports, import error
// reports), and the one CSV quoting rule. OWASP CSV injection: a cell whose text starts with
// = + - @ (or a tab or line break) may be run as a formula when the file is opened. Excel also
// skips leading spaces (NBSP included) before a formula, and IME input turns full-width ＝＋－＠
// into formulas too, so those count.
//
// A CSV may be opened with another separator than it was written with (Turkish Excel splits a
// double-clicked .csv at ';', English Excel at ','; a quote that does not open a field is kept as
// text), so text after any separator a spreadsheet might split at starts a cell of its own: the
// same rule applies there, and every cell holding such a character is quoted in every CSV style.
const FORMULA_START = /^[\t\r\n]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
/** Characters some spreadsheet may split a CSV line at (or end a record at). */
const SPLITTERS = ',;\t|\r\n';
/** A piece after a splitter: its leading spaces, then a formula character, then the rest of the piece. */
const FORMULA_AFTER_SPLITTER = /(?<=[,;\t|\r\n])([^\S\t\r\n]*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20][^,;\t|\r\n]*)/gu;
// A negative plain number ("-5", "-1.234,56") cannot name a function or another cell: left as is,
// so a negative amount in a report still reads as the number it was. ("+…" keeps its quote: Excel
// would drop the plus of "+4915…" and read a number.)
const NEGATIVE_NUMBER = /^-\d[\d.,]*$/;
const NEGATIVE_PIECE = /^-\d[\d.]*$/;

/**
 * Text that a spreadsheet could run as a formula becomes inert text: a single quote before the
 * whole cell when it starts like a formula, and before every piece after a splitter that does.
 */
export function neutralizeFormula(text: string): string {
  const head = FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
  if (!hasSplitter(head)) return head;
  return head.replace(FORMULA_AFTER_SPLITTER, (whole: string, spaces: string, piece: string) => (NEGATIVE_PIECE.test(piece) ? whole : `${spaces}'${piece}`));
}

function hasSplitter(text: string): boolean {
  for (let i = 0; i < SPLITTERS.length; i++) if (text.includes(SPLITTERS[i]!)) return true;
  return false;
}

const NEEDS_QUOTES = /[",;\t|\r\n]|^\s|\s$/;

/**
 * A CSV cell as written, whatever the file's own delimiter: quoted when it holds a quote, any
 * splitter (so no spreadsheet, whichever separator it assumes, breaks it apart) or leading or
 * trailing space (which some readers trim).
 */
export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
