import { type Db, qaOpenItemsInRange } from "@starboard/db";
import { quarterEnd, quarterStart } from "@starboard/kpi";

export interface QaLockBlocker {
  kind: "calibration" | "dispute";
  /** The evaluation's id as it appears in qa_evaluations ("SB-<id>"). */
  evaluationId: string;
  agentCode: string;
  detail: string;
}

/**
 * What stops a quarter from being locked on the QA side: evaluations of the quarter still
 * under calibration (they have no counted score yet) and open disputes about evaluations
 * of the quarter (their score may still change).
 */
export async function qaLockBlockers(db: Db, quarterId: string): Promise<QaLockBlocker[]> {
  const { calibration, disputes } = await qaOpenItemsInRange(db, quarterStart(quarterId), quarterEnd(quarterId));
  return [
    ...calibration.map((c) => ({
      kind: "calibration" as const,
      evaluationId: `SB-${c.id}`,
      agentCode: c.agent_code,
      detail: `evaluation of ${c.date} awaits calibration (the reviewers' totals differ by more than 20% of the form maximum)`,
    })),
    ...disputes.map((d) => ({
      kind: "dispute" as const,
      evaluationId: `SB-${d.scoring_id}`,
      agentCode: d.agent_code,
      detail: `dispute filed ${d.filed_at.slice(0, 10)} is open`,
    })),
  ];
}
