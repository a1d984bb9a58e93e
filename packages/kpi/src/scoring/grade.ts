import { intervalContains, round9 } from "../precision.ts";
import type { Grade } from "./result.ts";

export interface GradeBand {
  grade: Grade;
  /** English label; the UI translates by grade letter. */
  label: string;
  /** Inclusive lower bound; null = open (−∞). */
  lower: number | null;
  /** Exclusive upper bound; null = open (+∞). */
  upper: number | null;
}

/**
 * The only definition of the grade bands, best first. Intervals are [lower, upper) so a
 * composite exactly on a boundary gets the better grade (80 is B, not C).
 */
export const GRADE_BANDS: readonly GradeBand[] = Object.freeze([
  Object.freeze({ grade: "A", label: "Outstanding", lower: 90, upper: null }),
  Object.freeze({ grade: "B", label: "Exceeds", lower: 80, upper: 90 }),
  Object.freeze({ grade: "C", label: "Meets", lower: 70, upper: 80 }),
  Object.freeze({ grade: "D", label: "Needs improvement", lower: 60, upper: 70 }),
  Object.freeze({ grade: "E", label: "Unsatisfactory", lower: null, upper: 60 }),
] satisfies GradeBand[]);

export function gradeBand(grade: Grade): GradeBand {
  const band = GRADE_BANDS.find((b) => b.grade === grade);
  if (!band) throw new RangeError(`unknown grade ${grade}`);
  return band;
}

/** The grade band a composite falls in, compared after round9 (59.99999999999999 is 60 → D). */
export function gradeBandFor(composite: number): GradeBand {
  if (!Number.isFinite(composite)) throw new RangeError(`composite must be a finite number, got ${composite}`);
  const band = GRADE_BANDS.find((b) => intervalContains(b, composite, "higher_is_better"));
  // The bands run from −∞ to +∞, so a finite composite always finds one.
  if (!band) throw new RangeError(`no grade band contains ${composite}`);
  return band;
}

export function gradeFor(composite: number): Grade {
  return gradeBandFor(composite).grade;
}

export interface NextGradeGap {
  nextGrade: Grade;
  /** Composite points still needed to reach the next grade's lower bound (> 0). */
  pointsNeeded: number;
}

/** How far a composite is from the next grade up; null when already A. */
export function nextGradeGap(composite: number): NextGradeGap | null {
  const index = GRADE_BANDS.indexOf(gradeBandFor(composite));
  const next = GRADE_BANDS[index - 1];
  if (!next || next.lower === null) return null;
  // round9 so 90 − 80.15 reads 9.85, not 9.849999999999994.
  return { nextGrade: next.grade, pointsNeeded: round9(next.lower - composite) };
}
