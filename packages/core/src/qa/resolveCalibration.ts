import { appendAudit } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { scoreAnswers } from "./answers.ts";
import { finalFromScore, writeFinalScore } from "./finalize.ts";
import { loadScoring } from "./load.ts";

/** A lead records the agreed (consensus) scores of an evaluation flagged for calibration; only this score counts. */
export async function resolveQaCalibration(
  ctx: Context,
  input: { scoringId: number; answers: unknown },
): Promise<{ scoringId: number; totalPoints: number; scorePct: number; fatal: boolean; passed: boolean }> {
  const policyUser = await policyUserOf(ctx.db, ctx.actor);
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { scoring, form } = await loadScoring(trx, input.scoringId);
    assertCan(policyUser, "qa_evaluate_agent", { teamId: scoring.team_id });
    if (scoring.status !== "calibration") {
      throw new DomainError("qa_invalid_state", "this evaluation is not waiting for calibration", { scoringId: scoring.id });
    }
    const { answers, score } = scoreAnswers(form, input.answers);
    await writeFinalScore(trx, scoring, finalFromScore("consensus", answers, score, ctx.actor.label), at);
    const result = { scoringId: scoring.id, totalPoints: score.totalPoints, scorePct: score.scorePct, fatal: score.fatal, passed: score.passed };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_calibration_resolve",
      entity: "qa_scoring",
      entity_id: String(scoring.id),
      before: JSON.stringify({ status: "calibration" }),
      after: JSON.stringify({ ...result, answers }),
    });
    return result;
  });
}
