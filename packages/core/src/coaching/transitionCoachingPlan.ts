import { appendAudit, findCoachingPlan, updateCoachingPlan } from "@starboard/db";
import { nextPlanStatus, type PlanAction, PLAN_ACTIONS, type PlanStatus } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan, can } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

/**
 * Moves a plan: the agent acknowledges; the team's manager starts, completes or cancels.
 * An action that isn't valid from the plan's status (completing a cancelled plan) is refused
 * with `invalid_transition`; someone else's plan is `not_found`. One transaction, audited.
 */
export async function transitionCoachingPlan(
  ctx: Context,
  input: { planId: number; action: PlanAction },
): Promise<{ planId: number; from: PlanStatus; to: PlanStatus }> {
  if (!(PLAN_ACTIONS as readonly string[]).includes(input.action)) {
    throw new DomainError("invalid_input", `unknown action ${String(input.action)}`, { field: "action", reason: "invalid" });
  }
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await policyUserOf(trx, ctx.actor);
    const plan = await findCoachingPlan(trx, input.planId);
    const owner = plan ? { agentId: plan.agent_id, teamId: plan.team_id } : null;
    if (!plan || !owner || !can(user, "view_coaching_plan", owner)) {
      throw new DomainError("not_found", `coaching plan ${input.planId} does not exist`, { planId: input.planId });
    }
    if (input.action === "acknowledge") assertCan(user, "acknowledge_coaching_plan", owner);
    else assertCan(user, "manage_coaching_plan", { teamId: plan.team_id });

    const from = plan.status;
    const to = nextPlanStatus(from, input.action);
    if (to === null) {
      throw new DomainError("invalid_transition", `a ${from} plan cannot be ${input.action}d`, { from, action: input.action });
    }
    await updateCoachingPlan(trx, plan.id, {
      status: to,
      updated_at: now,
      ...(input.action === "acknowledge" ? { acknowledged_at: now } : {}),
    });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: `coaching.plan.${input.action}`,
      entity: "coaching_plan",
      entity_id: String(plan.id),
      before: JSON.stringify({ status: from }),
      after: JSON.stringify({ status: to }),
    });
    return { planId: plan.id, from, to };
  });
}
