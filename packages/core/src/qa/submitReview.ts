import { appendAudit, reviewsForScoring, submitQaReviewRow, updateQaScoring } from "@starboard/db";
import { needsCalibration, round9 } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { scoreAnswers } from "./answers.ts";
import { finalFromScore, writeFinalScore } from "./finalize.ts";
import { loadScoring } from "./load.ts";

export interface SubmittedQaReview {
  scoringId: number;
  totalPoints: number;
  scorePct: number;
  fatal: boolean;
  passed: boolean;
  /** What happened to the evaluation: still waiting for the other reviewer, final, or flagged for calibration. */
  status: "waiting_for_second_review" | "final" | "calibration";
}

/**
 * A reviewer submits their scores. Single review: the evaluation becomes final. Dual
 * review: once both are in, totals more than 20% of the form maximum apart — or a
 * disagreement on a key failure or on pass/fail — flag it for calibration (nothing counts
 * until a consensus); otherwise it becomes final with the mean of the two.
 */
export async function submitQaReview(ctx: Context, input: { scoringId: number; answers: unknown }): Promise<SubmittedQaReview> {
  const policyUser = await policyUserOf(ctx.db, ctx.actor);
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { scoring, form } = await loadScoring(trx, input.scoringId);
    assertCan(policyUser, "qa_evaluate_agent", { teamId: scoring.team_id });
    const reviews = await reviewsForScoring(trx, scoring.id);
    const mine = reviews.find((r) => r.reviewer_user_id === ctx.actor.userId);
    if (!mine || mine.submitted_at !== null || scoring.status !== "in_review") {
      throw new DomainError("qa_invalid_state", "you have no review waiting on this evaluation", { scoringId: scoring.id });
    }
    const { answers, score } = scoreAnswers(form, input.answers);
    await submitQaReviewRow(trx, mine.id, {
      answers: JSON.stringify(answers),
      total_points: score.totalPoints,
      score_pct: score.scorePct,
      fatal: score.fatal ? 1 : 0,
      passed: score.passed ? 1 : 0,
      submitted_at: at,
    });

    let status: SubmittedQaReview["status"];
    const other = reviews.find((r) => r.id !== mine.id);
    if (!other) {
      await writeFinalScore(trx, scoring, finalFromScore("review", answers, score, ctx.actor.label), at);
      status = "final";
    } else if (other.submitted_at === null) {
      status = "waiting_for_second_review";
    } else {
      const otherPoints = Number(other.total_points);
      const diverges =
        needsCalibration(score.totalPoints, otherPoints, form.sections.flatMap((s) => s.items).reduce((s, i) => s + i.maxPoints, 0)) ||
        (other.fatal === 1) !== score.fatal ||
        (other.passed === 1) !== score.passed;
      if (diverges) {
        await updateQaScoring(trx, scoring.id, { status: "calibration" });
        status = "calibration";
      } else {
        const [first, second] = other.id < mine.id ? [other, mine] : [mine, other];
        await writeFinalScore(
          trx,
          scoring,
          {
            source: "agreed",
            // Item detail of an agreed dual review is the first reviewer's (see decision 011).
            answers: first.id === mine.id ? answers : JSON.parse(other.answers!),
            totalPoints: round9((score.totalPoints + otherPoints) / 2),
            scorePct: Math.round(round9((score.scorePct + Number(other.score_pct)) / 2) * 100) / 100,
            fatal: score.fatal,
            passed: score.passed,
            reviewerLabel: `${first.reviewer_label}+${second.reviewer_label}`,
          },
          at,
        );
        status = "final";
      }
    }
    const result: SubmittedQaReview = {
      scoringId: scoring.id,
      totalPoints: score.totalPoints,
      scorePct: score.scorePct,
      fatal: score.fatal,
      passed: score.passed,
      status,
    };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_review_submit",
      entity: "qa_scoring",
      entity_id: String(scoring.id),
      before: null,
      after: JSON.stringify({ ...result, answers }),
    });
    return result;
  });
}
