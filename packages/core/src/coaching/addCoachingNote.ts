import { appendAudit, findCoachingPlan, insertCoachingPlanNote } from "@starboard/db";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan, can } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

export const coachingNoteSchema = z.string().trim().min(1).max(2000);

/** A progress note on a plan, by the team's manager or the agent it is for. One transaction, audited. */
export async function addCoachingNote(ctx: Context, input: { planId: number; body: string }): Promise<{ noteId: number }> {
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await policyUserOf(trx, ctx.actor);
    const plan = await findCoachingPlan(trx, input.planId);
    const owner = plan ? { agentId: plan.agent_id, teamId: plan.team_id } : null;
    if (!plan || !owner || !can(user, "view_coaching_plan", owner)) {
      throw new DomainError("not_found", `coaching plan ${input.planId} does not exist`, { planId: input.planId });
    }
    // Authorization before validation: someone who may not add notes is refused whatever they send.
    assertCan(user, "add_coaching_note", owner);
    const body = coachingNoteSchema.safeParse(input.body);
    if (!body.success) {
      throw new DomainError("invalid_input", "a note needs between 1 and 2000 characters", { field: "body", reason: "noteLength" });
    }
    const noteId = await insertCoachingPlanNote(trx, {
      plan_id: plan.id,
      author_user_id: ctx.actor.userId,
      author_label: ctx.actor.label,
      body: body.data,
      created_at: now,
    });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "coaching.plan.note",
      entity: "coaching_plan",
      entity_id: String(plan.id),
      before: null,
      after: JSON.stringify({ noteId, length: body.data.length }),
    });
    return { noteId };
  });
}
