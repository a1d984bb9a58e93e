/**
 * CSV/XLSX formula injection (OWASP "CSV Injection"): a text cell starting with = + - @, tab
 * or carriage return is run as a formula by spreadsheet programs. Every export writes text
 * cells through this function, which prefixes such a cell with a single quote. Numbers are
 * written as numbers and are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
