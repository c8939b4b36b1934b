// The one formula-injection rule for every spreadsheet file the app writes (exports, import error
// reports). OWASP CSV injection: a cell whose text starts with = + - @ (or a tab or line break) may
// be run as a formula when the file is opened. Excel also skips leading spaces (NBSP included)
// before a formula, and IME input turns full-width ＝＋－＠ into formulas too, so those count.
const FORMULA_START = /^[\t\r\n]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
// A negative plain number ("-5", "-1.234,56") cannot name a function or another cell: left as is,
// so a negative amount in a report still reads as the number it was. ("+…" keeps its quote: Excel
// would drop the plus of "+4915…" and read a number.)
const NEGATIVE_NUMBER = /^-\d[\d.,]*$/;

/** Text that a spreadsheet could run as a formula gets a leading single quote, making it inert text. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
}
