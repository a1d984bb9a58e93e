import {
  appendAudit,
  findAgentByCode,
  findQaForm,
  insertQaReview,
  insertQaScoring,
  listUsers,
  pendingReviewsForUser,
} from "@starboard/db";
import { pickedForDualReview } from "@starboard/kpi";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan, can, type PolicyUser } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { qaDualReviewPct } from "./settings.ts";

export const startQaEvaluationSchema = z.object({
  agentCode: z.string().min(1).max(40),
  formId: z.number().int().positive(),
  contactId: z.string().trim().max(100).nullable().default(null),
  blind: z.boolean().default(false),
  /** "auto": the configured share decides; "yes"/"no": the lead decides. */
  dual: z.enum(["auto", "yes", "no"]).default("auto"),
  /** Second reviewer for a dual review; picked (least pending reviews) when absent. */
  secondReviewerUserId: z.number().int().positive().nullable().default(null),
});
export type StartQaEvaluationInput = z.input<typeof startQaEvaluationSchema>;

export interface StartedQaEvaluation {
  scoringId: number;
  dual: boolean;
  reviewerUserIds: number[];
}

async function policyUserForUser(ctx: Context, userId: number): Promise<PolicyUser> {
  return policyUserOf(ctx.db, { userId, label: "", role: "hr" });
}

/**
 * Starts an evaluation of one agent with the current version of a form: the acting lead
 * is the first reviewer; a dual review adds a second reviewer who scores independently.
 */
export async function startQaEvaluation(ctx: Context, raw: StartQaEvaluationInput): Promise<StartedQaEvaluation> {
  const parsed = startQaEvaluationSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid_input", `invalid evaluation: ${parsed.error.issues[0]?.path.join(".")}`);
  const input = parsed.data;
  if (ctx.actor.userId === null) throw new DomainError("forbidden", "an evaluation needs a signed-in reviewer");
  const actorPolicy = await policyUserOf(ctx.db, ctx.actor);
  const agent = await findAgentByCode(ctx.db, input.agentCode);
  if (!agent) throw new DomainError("not_found", `agent ${input.agentCode} is not known`, { agentCode: input.agentCode });
  assertCan(actorPolicy, "qa_evaluate_agent", { teamId: agent.team_id });
  const form = await findQaForm(ctx.db, input.formId);
  if (!form || form.current !== 1) throw new DomainError("invalid_input", "choose a current form version", { field: "formId" });

  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scoringId = await insertQaScoring(trx, {
      agent_id: agent.id,
      form_id: form.id,
      contact_id: input.contactId || null,
      date: at.slice(0, 10),
      dual: 0,
      blind: input.blind ? 1 : 0,
      status: "in_review",
      created_at: at,
      created_by_user_id: ctx.actor.userId,
      created_by: ctx.actor.label,
      finalized_at: null,
      final_source: null,
      final_answers: null,
      final_points: null,
      final_pct: null,
      final_fatal: null,
      final_passed: null,
    });
    const dual = input.dual === "yes" || (input.dual === "auto" && pickedForDualReview(scoringId, await qaDualReviewPct(trx)));
    const reviewers = [ctx.actor.userId!];
    if (dual) {
      const reviewerCtx = { ...ctx, db: trx };
      let second = input.secondReviewerUserId;
      if (second !== null) {
        if (second === ctx.actor.userId) throw new DomainError("invalid_input", "the second reviewer must be someone else", { field: "secondReviewerUserId" });
        const p = await policyUserForUser(reviewerCtx, second).catch(() => null);
        if (!p || !can(p, "qa_evaluate_agent", { teamId: agent.team_id })) {
          throw new DomainError("invalid_input", "the second reviewer may not evaluate this agent", { field: "secondReviewerUserId" });
        }
      } else {
        // The least-loaded other lead of the agent's team; HR only when no other lead can.
        let best: { id: number; load: number } | null = null;
        for (const u of await listUsers(trx)) {
          if (u.id === ctx.actor.userId || (u.role !== "hr" && u.role !== "manager") || !u.active) continue;
          const p = await policyUserForUser(reviewerCtx, u.id);
          if (!can(p, "qa_evaluate_agent", { teamId: agent.team_id })) continue;
          const load = (await pendingReviewsForUser(trx, u.id)).length + (u.role === "hr" ? 1_000_000 : 0);
          if (!best || load < best.load) best = { id: u.id, load };
        }
        if (!best) throw new DomainError("invalid_input", "no second reviewer is available for this agent", { field: "secondReviewerUserId" });
        second = best.id;
      }
      reviewers.push(second);
      await trx.updateTable("qa_scorings").set({ dual: 1 }).where("id", "=", scoringId).execute();
    }
    const labels = new Map((await listUsers(trx)).map((u) => [u.id, u.email]));
    for (const reviewerId of reviewers) {
      await insertQaReview(trx, {
        scoring_id: scoringId,
        reviewer_user_id: reviewerId,
        reviewer_label: labels.get(reviewerId) ?? ctx.actor.label,
        answers: null,
        total_points: null,
        score_pct: null,
        fatal: null,
        passed: null,
        submitted_at: null,
      });
    }
    const result = { scoringId, dual, reviewerUserIds: reviewers };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_evaluation_start",
      entity: "qa_scoring",
      entity_id: String(scoringId),
      before: null,
      after: JSON.stringify({ ...result, agentCode: agent.agent_code, formId: form.id, contactId: input.contactId, blind: input.blind }),
    });
    return result;
  });
}
