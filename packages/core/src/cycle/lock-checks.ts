import { type Db, findQuarter, importIdsTouchingPeriod, importsAfter } from "@starboard/db";
import { quarterEnd, quarterStart } from "@starboard/kpi";
import { qaLockBlockers } from "../qa/lock-blockers.ts";

/** One reason a quarter cannot be locked yet, shown to HR in a list. */
export interface LockBlocker {
  /** Machine code, e.g. "stale_results", "open_calibration", "open_dispute". */
  code: string;
  /** English sentence for the CLI; the web translates by code with `params`. */
  message: string;
  params?: Record<string, string | number>;
}

/** A precondition of locking: returns the blockers it finds (none = fine). */
export type LockCheck = (db: Db, quarterId: string) => Promise<LockBlocker[]>;

/** Data imported after the last calculation: the stored results don't reflect it yet. */
export const staleResultsCheck: LockCheck = async (db, quarterId) => {
  const quarter = await findQuarter(db, quarterId);
  if (!quarter?.calculated_at) {
    return [{ code: "not_calculated", message: `${quarterId} has not been calculated`, params: { quarter: quarterId } }];
  }
  const touching = await importIdsTouchingPeriod(db, quarterStart(quarterId), quarterEnd(quarterId), quarterId);
  const later = await importsAfter(db, touching, quarter.calculated_at);
  return later.length === 0
    ? []
    : [
        {
          code: "stale_results",
          message: `import(s) ${later.map((id) => `#${id}`).join(", ")} changed data after the last calculation: recalculate first`,
          params: { imports: later.map((id) => `#${id}`).join(", ") },
        },
      ];
};

/** QA evaluations of the quarter awaiting calibration, and open disputes about them: their scores may still change. */
export const qaOpenItemsCheck: LockCheck = async (db, quarterId) =>
  (await qaLockBlockers(db, quarterId)).map((b) => ({
    code: b.kind === "calibration" ? "open_calibration" : "open_dispute",
    message: `${b.evaluationId} (${b.agentCode}): ${b.detail}`,
    params: { evaluation: b.evaluationId, agent: b.agentCode },
  }));

/** Every precondition of locking, run in order; all blockers are reported together. */
export const LOCK_CHECKS: LockCheck[] = [staleResultsCheck, qaOpenItemsCheck];

export async function lockBlockers(db: Db, quarterId: string, checks: readonly LockCheck[] = LOCK_CHECKS): Promise<LockBlocker[]> {
  const blockers: LockBlocker[] = [];
  for (const check of checks) blockers.push(...(await check(db, quarterId)));
  return blockers;
}
