import { z } from "zod";
import { quarterOfDate } from "../period/quarter.ts";

/** A half-year named `YYYY-H1` (Jan–Jun) or `YYYY-H2` (Jul–Dec). */
export const HALF_PATTERN = /^(\d{4})-H([12])$/;

export const halfIdSchema = z
  .string()
  .regex(HALF_PATTERN, "a half is written YYYY-H1 or YYYY-H2, e.g. 2026-H2")
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= 2000 && year <= 2100;
  }, "the year must be between 2000 and 2100");

export function parseHalf(id: string): { year: number; half: 1 | 2 } {
  const m = HALF_PATTERN.exec(id);
  if (!m) throw new RangeError(`not a half: ${id}`);
  return { year: Number(m[1]), half: Number(m[2]) as 1 | 2 };
}

/** The half containing an ISO date `YYYY-MM-DD`. */
export function halfOfDate(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-H${Number(isoDate.slice(5, 7)) <= 6 ? 1 : 2}`;
}

export function previousHalf(id: string): string {
  const { year, half } = parseHalf(id);
  return half === 2 ? `${year}-H1` : `${year - 1}-H2`;
}

/** The half's two quarters, in order: 2026-H2 → ["2026-Q3", "2026-Q4"]. */
export function quartersOfHalf(id: string): [string, string] {
  const { year, half } = parseHalf(id);
  return half === 1 ? [`${year}-Q1`, `${year}-Q2`] : [`${year}-Q3`, `${year}-Q4`];
}

export type ReviewReminderState = "done" | "due" | "overdue";

export interface ReviewReminder {
  /** The half whose review is meant (the current one). */
  half: string;
  state: ReviewReminderState;
  /** The last quarter in which the review is on time; after it, it is overdue. */
  dueBy: string;
}

/**
 * The semiannual review rule: each half needs one completed review. It is *due* from the
 * first day of the half and *overdue* once the half's first quarter has ended without one,
 * because a version approved later than that could only take effect in the next half.
 * `completedHalves` are halves whose review was completed (approved or closed).
 */
export function reviewReminder(todayIso: string, completedHalves: ReadonlySet<string>): ReviewReminder {
  const half = halfOfDate(todayIso);
  const [firstQuarter] = quartersOfHalf(half);
  if (completedHalves.has(half)) return { half, state: "done", dueBy: firstQuarter };
  const overdue = quarterOfDate(todayIso) > firstQuarter;
  return { half, state: overdue ? "overdue" : "due", dueBy: firstQuarter };
}
