import { type Db, findQuarterStates, lockQuarterForWrite, type QaScoringRow, updateQaScoring, upsertFactBatch } from "@starboard/db";
import { type QaAnswers, type QaScore, quarterOfDate } from "@starboard/kpi";
import { DomainError } from "../errors.ts";

/** The id an internal evaluation has in qa_evaluations (what the quarterly qa_score reads). */
export const internalEvaluationId = (scoringId: number): string => `SB-${scoringId}`;

export interface FinalScore {
  source: "review" | "agreed" | "consensus" | "dispute";
  answers: QaAnswers | null;
  totalPoints: number;
  scorePct: number;
  fatal: boolean;
  passed: boolean;
  reviewerLabel: string;
}

export const finalFromScore = (source: FinalScore["source"], answers: QaAnswers, score: QaScore, reviewerLabel: string): FinalScore => ({
  source,
  answers,
  totalPoints: score.totalPoints,
  scorePct: score.scorePct,
  fatal: score.fatal,
  passed: score.passed,
  reviewerLabel,
});

/** Refuses a change to a score whose quarter is locked or published. */
export async function assertQuarterOpen(db: Db, date: string): Promise<void> {
  const quarter = quarterOfDate(date);
  await lockQuarterForWrite(db, quarter); // before reading the state: a concurrent lock waits, or we see it
  const state = (await findQuarterStates(db, [quarter])).get(quarter);
  if (state === "locked" || state === "published") {
    throw new DomainError("quarter_locked", `${quarter} is ${state}; its QA scores can no longer change`, { quarter, state });
  }
}

/**
 * Makes an evaluation final: stores the final score on the scoring and writes (or
 * rewrites) its row in qa_evaluations, which the quarterly qa_score reads. A failed key
 * item has already made the score 0.
 */
export async function writeFinalScore(db: Db, scoring: QaScoringRow, final: FinalScore, at: string): Promise<void> {
  await assertQuarterOpen(db, scoring.date);
  await updateQaScoring(db, scoring.id, {
    status: "final",
    finalized_at: scoring.finalized_at ?? at,
    final_source: final.source,
    final_answers: final.answers ? JSON.stringify(final.answers) : null,
    final_points: final.totalPoints,
    final_pct: final.scorePct,
    final_fatal: final.fatal ? 1 : 0,
    final_passed: final.passed ? 1 : 0,
  });
  await upsertFactBatch(db, {
    table: "qa_evaluations",
    rows: [
      {
        evaluation_id: internalEvaluationId(scoring.id),
        date: scoring.date,
        agent_id: scoring.agent_id,
        form: `${scoring.form_key}@v${scoring.form_version}`,
        score_pct: final.fatal ? 0 : final.scorePct,
        fatal: final.fatal ? 1 : 0,
        reviewer_code: final.reviewerLabel,
        contact_id: scoring.contact_id,
        import_id: null,
      },
    ],
  });
}
