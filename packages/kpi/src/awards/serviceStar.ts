import type { Grade, ScoreStatus } from "../scoring/result.ts";

/** What the Service Star rule needs to know about one agent's quarter. */
export interface QuarterStanding {
  quarterId: string;
  /** Grade from the final composite (after any HR adjustment); null when insufficient. */
  grade: Grade | null;
  status: ScoreStatus;
  fatalQaEvaluations: number;
}

export type ServiceStarVerdict =
  | { nominated: true }
  | {
      nominated: false;
      reason: "no_previous_quarter" | "not_consecutive" | "not_a_grade" | "incomplete_data" | "fatal_qa";
    };

/**
 * Seed 000: "Service Star" for an agent graded Outstanding (A) in two consecutive quarters,
 * with complete data and no fatal QA evaluation in either. `previous` must be the quarter
 * immediately before `current`; a gap (no result for the previous quarter) disqualifies.
 */
export function serviceStarVerdict(
  current: QuarterStanding,
  previous: QuarterStanding | undefined,
  previousQuarterId: string,
): ServiceStarVerdict {
  if (!previous) return { nominated: false, reason: "no_previous_quarter" };
  if (previous.quarterId !== previousQuarterId) return { nominated: false, reason: "not_consecutive" };
  const both = [previous, current];
  if (both.some((q) => q.grade !== "A")) return { nominated: false, reason: "not_a_grade" };
  if (both.some((q) => q.status !== "complete")) return { nominated: false, reason: "incomplete_data" };
  if (both.some((q) => q.fatalQaEvaluations > 0)) return { nominated: false, reason: "fatal_qa" };
  return { nominated: true };
}
