import { appendAudit, disputesForScoring, findQaDispute, insertQaDispute, resolveQaDisputeRow } from "@starboard/db";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { scoreAnswers } from "./answers.ts";
import { finalFromScore, writeFinalScore } from "./finalize.ts";
import { loadScoring } from "./load.ts";

/** An agent may dispute an evaluation within this many days of its finalisation. */
export const QA_DISPUTE_WINDOW_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment a dispute may be filed, or null when the evaluation is not final. */
export function disputeDeadline(finalizedAt: string | null): string | null {
  return finalizedAt ? new Date(Date.parse(finalizedAt) + QA_DISPUTE_WINDOW_DAYS * DAY_MS).toISOString() : null;
}

const reasonSchema = z.string().trim().min(1).max(2000);

/** The agent disputes their own finalised evaluation, with a reason, within 7 days. */
export async function fileQaDispute(ctx: Context, input: { scoringId: number; reason: string }): Promise<{ disputeId: number }> {
  const policyUser = await policyUserOf(ctx.db, ctx.actor);
  const reason = reasonSchema.safeParse(input.reason);
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { scoring } = await loadScoring(trx, input.scoringId);
    assertCan(policyUser, "qa_view_evaluation", { agentId: scoring.agent_id, teamId: scoring.team_id, final: scoring.status === "final" });
    assertCan(policyUser, "qa_dispute", { agentId: scoring.agent_id });
    if (!reason.success) throw new DomainError("invalid_input", "give a reason for the dispute", { field: "reason" });
    const deadline = disputeDeadline(scoring.finalized_at);
    if (scoring.status !== "final" || deadline === null) throw new DomainError("qa_invalid_state", "only a final evaluation can be disputed");
    if (at > deadline) {
      throw new DomainError("qa_dispute_window_closed", `the ${QA_DISPUTE_WINDOW_DAYS}-day dispute window closed on ${deadline}`, { deadline });
    }
    if ((await disputesForScoring(trx, scoring.id)).length > 0) {
      throw new DomainError("qa_invalid_state", "this evaluation has already been disputed");
    }
    const disputeId = await insertQaDispute(trx, {
      scoring_id: scoring.id,
      agent_id: scoring.agent_id,
      reason: reason.data,
      filed_at: at,
      filed_by: ctx.actor.label,
      status: "open",
      resolution_reason: null,
      resolved_at: null,
      resolved_by: null,
      before: null,
      after: null,
    });
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_dispute_file",
      entity: "qa_dispute",
      entity_id: String(disputeId),
      before: null,
      after: JSON.stringify({ scoringId: scoring.id, reason: reason.data }),
    });
    return { disputeId };
  });
}

export const resolveQaDisputeSchema = z.discriminatedUnion("decision", [
  z.object({ disputeId: z.number().int().positive(), decision: z.literal("accept"), reason: reasonSchema, answers: z.unknown() }),
  z.object({ disputeId: z.number().int().positive(), decision: z.literal("reject"), reason: reasonSchema }),
]);
export type ResolveQaDisputeInput = z.input<typeof resolveQaDisputeSchema>;

/**
 * A lead resolves an open dispute: accept (re-score with new answers; the new score
 * replaces the old one in the quarter) or reject, always with a reason. Who, when, the
 * score before and after are kept on the dispute and in the audit log.
 */
export async function resolveQaDispute(ctx: Context, raw: ResolveQaDisputeInput): Promise<{ disputeId: number; status: "accepted" | "rejected" }> {
  const policyUser = await policyUserOf(ctx.db, ctx.actor);
  const parsed = resolveQaDisputeSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid_input", "give a decision and a reason", { field: "reason" });
  const input = parsed.data;
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const dispute = await findQaDispute(trx, input.disputeId);
    if (!dispute) throw new DomainError("not_found", "no such dispute");
    const { scoring, form } = await loadScoring(trx, dispute.scoring_id);
    assertCan(policyUser, "qa_evaluate_agent", { teamId: scoring.team_id });
    if (dispute.status !== "open") throw new DomainError("qa_invalid_state", "this dispute is already resolved");
    const before = { points: scoring.final_points, pct: scoring.final_pct, fatal: scoring.final_fatal === 1, passed: scoring.final_passed === 1 };
    let after = before;
    if (input.decision === "accept") {
      const { answers, score } = scoreAnswers(form, input.answers);
      await writeFinalScore(trx, scoring, finalFromScore("dispute", answers, score, ctx.actor.label), at);
      after = { points: score.totalPoints, pct: score.scorePct, fatal: score.fatal, passed: score.passed };
    }
    const status = input.decision === "accept" ? ("accepted" as const) : ("rejected" as const);
    await resolveQaDisputeRow(trx, dispute.id, {
      status,
      resolution_reason: input.reason,
      resolved_at: at,
      resolved_by: ctx.actor.label,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    });
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_dispute_resolve",
      entity: "qa_dispute",
      entity_id: String(dispute.id),
      before: JSON.stringify(before),
      after: JSON.stringify({ ...after, status, reason: input.reason }),
    });
    return { disputeId: dispute.id, status };
  });
}
