// Narrow entry points: this module also loads on the import's parse worker, where the
// whole @starboard/kpi index would cost ≈ 0.5 s of start-up (see decision 065).
import { CHANNELS, type Channel } from "@starboard/kpi/rubric/schema";
import { type ImportProblem, type ImportProblemCode, importProblem } from "./problems.ts";

/** Largest value an integer column holds on every engine (a 32-bit INTEGER). */
export const MAX_INTEGER = 2_147_483_647;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE_VALUES = new Set(["true", "TRUE", "1", "Y"]);
const FALSE_VALUES = new Set(["false", "FALSE", "0", "N"]);
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);

/** Dates already found valid: a quarter's file repeats the same ~92 dates on every row. */
const validDates = new Set<string>();

/** Is `s` a real calendar date written `YYYY-MM-DD` (2026-02-30 is not)? */
export function isIsoDate(s: string): boolean {
  if (validDates.has(s)) return true;
  if (!checkIsoDate(s)) return false;
  if (validDates.size >= 50_000) validDates.clear(); // bounded memory
  validDates.add(s);
  return true;
}

function checkIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads and checks the cells of one data row. Each reader returns the parsed value, `null`
 * for an empty optional cell, or `undefined` when the cell is invalid — then a problem has
 * been recorded and `valid` is false. Cells of absent optional columns read as empty.
 */
export class RowReader {
  valid = true;
  constructor(
    readonly line: number,
    private readonly cells: { get(column: string): string | undefined },
    private readonly problems: { push(problem: ImportProblem): unknown },
    private readonly encoding: string,
  ) {}

  problem(column: string, code: ImportProblemCode, params: Record<string, string | number> = {}): undefined {
    this.valid = false;
    this.problems.push(importProblem(this.line, column, code, params));
    return undefined;
  }

  /** The trimmed cell, `null` when empty; a required empty cell is a problem. */
  text(column: string, required: boolean): string | null | undefined {
    const value = this.cells.get(column) ?? "";
    if (value.includes("\uFFFD")) return this.problem(column, "bad_encoding", { encoding: this.encoding });
    if (value === "") return required ? this.problem(column, "required") : null;
    return value;
  }

  integer(column: string, required: boolean, range: { min?: number; max?: number } = {}): number | null | undefined {
    const value = this.text(column, required);
    if (value == null) return value;
    if (!INTEGER.test(value)) return this.problem(column, "not_integer", { value });
    return this.checkRange(column, value, Number(value), range.min ?? 0, range.max ?? MAX_INTEGER, range.min !== undefined);
  }

  decimal(column: string, required: boolean, range: { min?: number; max?: number } = {}): number | null | undefined {
    const value = this.text(column, required);
    if (value == null) return value;
    if (!DECIMAL.test(value)) return this.problem(column, "not_number", { value });
    return this.checkRange(column, value, Number(value), range.min ?? 0, range.max ?? Number.MAX_SAFE_INTEGER, range.max !== undefined);
  }

  private checkRange(column: string, text: string, n: number, min: number, max: number, explicitRange: boolean) {
    if (n < min || n > max) {
      if (n < 0 && min === 0 && !explicitRange) return this.problem(column, "negative", { value: text });
      return this.problem(column, "out_of_range", { value: text, min, max });
    }
    return n;
  }

  boolean(column: string, required: boolean): boolean | null | undefined {
    const value = this.text(column, required);
    if (value == null) return value;
    if (TRUE_VALUES.has(value)) return true;
    if (FALSE_VALUES.has(value)) return false;
    return this.problem(column, "not_boolean", { value });
  }

  date(column: string, required: boolean): string | null | undefined {
    const value = this.text(column, required);
    if (value == null) return value;
    return isIsoDate(value) ? value : this.problem(column, "not_date", { value });
  }

  channel(column: string): Channel | undefined {
    const value = this.text(column, true);
    if (value == null) return undefined;
    return CHANNEL_SET.has(value) ? (value as Channel) : this.problem(column, "unknown_channel", { value });
  }

  email(column: string, required: boolean): string | null | undefined {
    const value = this.text(column, required);
    if (value == null) return value;
    return EMAIL.test(value) ? value : this.problem(column, "not_email", { value });
  }
}
