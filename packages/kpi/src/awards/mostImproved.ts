import { round9 } from "../precision.ts";
import { GRADES, type Grade } from "../scoring/result.ts";

export interface ImprovementCandidate<T> {
  item: T;
  /** Final composite this quarter; null when insufficient. */
  current: number | null;
  /** Final composite in the immediately preceding quarter; null when none/insufficient. */
  previous: number | null;
  grade: Grade | null;
}

/** "Most improved" requires at least this grade in the current quarter. */
export const MOST_IMPROVED_MIN_GRADE: Grade = "C";

const gradeAtLeast = (grade: Grade, min: Grade) => GRADES.indexOf(grade) <= GRADES.indexOf(min);

/**
 * The largest composite gain quarter on quarter (final composites), among agents graded at
 * least C now and scored in both quarters. Only a real gain counts (> 0). Ties — equal after
 * round9 — are all nominated. Returns the winners with their gain in points.
 */
export function mostImproved<T>(candidates: readonly ImprovementCandidate<T>[], minGrade: Grade = MOST_IMPROVED_MIN_GRADE): Array<{ item: T; gain: number }> {
  let best = 0;
  let winners: Array<{ item: T; gain: number }> = [];
  for (const c of candidates) {
    if (c.current === null || c.previous === null || c.grade === null || !gradeAtLeast(c.grade, minGrade)) continue;
    const gain = round9(c.current - c.previous);
    if (gain <= 0) continue;
    if (gain > best) {
      best = gain;
      winners = [{ item: c.item, gain }];
    } else if (gain === best) {
      winners.push({ item: c.item, gain });
    }
  }
  return winners;
}
