import { z } from "zod";

/** A quarter named `YYYY-Qn`; 2026-Q1 = Jan 1 – Mar 31. */
export interface QuarterId {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export const quarterIdSchema = z
  .string()
  .regex(QUARTER_PATTERN, "a quarter is written YYYY-Qn, e.g. 2026-Q1")
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= 2000 && year <= 2100;
  }, "the year must be between 2000 and 2100");

export function parseQuarter(id: string): QuarterId {
  const m = QUARTER_PATTERN.exec(id);
  if (!m) throw new RangeError(`not a quarter: ${id}`);
  return { year: Number(m[1]), quarter: Number(m[2]) as QuarterId["quarter"] };
}

export function formatQuarter({ year, quarter }: QuarterId): string {
  return `${year}-Q${quarter}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** First calendar day, `YYYY-MM-DD`. */
export function quarterStart(id: string): string {
  const { year, quarter } = parseQuarter(id);
  return `${year}-${pad((quarter - 1) * 3 + 1)}-01`;
}

/** Last calendar day, `YYYY-MM-DD`. */
export function quarterEnd(id: string): string {
  const { year, quarter } = parseQuarter(id);
  const lastMonth = quarter * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${pad(lastMonth)}-${pad(lastDay)}`;
}

/** The quarter containing an ISO date `YYYY-MM-DD`. */
export function quarterOfDate(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function previousQuarter(id: string): string {
  const { year, quarter } = parseQuarter(id);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

export function nextQuarter(id: string): string {
  const { year, quarter } = parseQuarter(id);
  return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
}

/** Negative when a is before b; quarter ids compare lexically too, this just says so. */
export function compareQuarters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `YYYY-H1` / `YYYY-H2` for a quarter. */
export function halfOfQuarter(id: string): string {
  const { year, quarter } = parseQuarter(id);
  return `${year}-H${quarter <= 2 ? 1 : 2}`;
}
