import {
  appendAudit,
  findAgentIdentityByCode,
  findIntervention,
  findMetricResult,
  findQuarter,
  insertCoachingPlan,
  listCoachingPlans,
  mentorCandidates,
} from "@starboard/db";
import { compareQuarters, metricKeySchema, METRIC_CATALOGUE, OPEN_PLAN_STATUSES, quarterIdSchema, targetImprovesOn } from "@starboard/kpi";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "not a real date");

/** What a manager fills in to assign a plan (web form and tests share it). */
export const assignCoachingPlanSchema = z.object({
  agentCode: z.string().trim().min(1).max(40),
  interventionId: z.coerce.number().int().positive(),
  metric: metricKeySchema,
  /** On the metric's raw scale: FCR 90 means 90 %, chat response 30 means 30 s. */
  target: z.coerce.number().finite().min(0).max(1_000_000),
  targetQuarter: quarterIdSchema,
  /** The quarter whose weak item led to the plan (its value is the "before"). */
  sourceQuarter: quarterIdSchema.optional(),
  ownerUserId: z.coerce.number().int().positive(),
  dueDate: isoDate,
  activities: z.string().trim().min(1).max(2000),
});
export type AssignCoachingPlanInput = z.input<typeof assignCoachingPlanSchema>;

const invalid = (field: string, reason: string, message: string) => new DomainError("invalid_input", message, { field, reason });

/**
 * A manager assigns a coaching plan to an agent of one of their teams: an active
 * intervention, a mentor (the team's manager or one of its agents), a due date, activities
 * and a measurable target on one metric for a later quarter. The target must be better than
 * the agent's value in the source quarter. One transaction, audited.
 */
/** `raw` is validated here (form fields arrive as strings). */
export async function assignCoachingPlan(ctx: Context, raw: AssignCoachingPlanInput | Record<string, unknown>): Promise<{ planId: number }> {
  const parsed = assignCoachingPlanSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "form");
    throw invalid(field, "invalid", `${field}: ${issue.message}`);
  }
  const input = parsed.data;
  const now = isoNow(ctx);

  return ctx.db.transaction().execute(async (trx) => {
    const user = await policyUserOf(trx, ctx.actor);
    const agent = await findAgentIdentityByCode(trx, input.agentCode);
    if (!agent) throw new DomainError("not_found", `agent ${input.agentCode} does not exist`, { agentCode: input.agentCode });
    assertCan(user, "assign_coaching_plan", { teamId: agent.teamId });

    const intervention = await findIntervention(trx, input.interventionId);
    if (!intervention || !intervention.active) throw invalid("interventionId", "unknownIntervention", "choose an active intervention from the catalogue");
    if (input.sourceQuarter !== undefined && compareQuarters(input.targetQuarter, input.sourceQuarter) <= 0) {
      throw invalid("targetQuarter", "targetNotLater", "the target quarter must come after the quarter the weak item was found in");
    }
    if (input.dueDate < now.slice(0, 10)) throw invalid("dueDate", "dueInPast", "the due date is in the past");
    const mentors = await mentorCandidates(trx, agent.teamId, agent.agentId);
    if (!mentors.some((m) => m.id === input.ownerUserId)) {
      throw invalid("ownerUserId", "unknownMentor", "the mentor must be the team's manager or one of its agents");
    }
    const lockedTarget = await findQuarter(trx, input.targetQuarter);
    if (lockedTarget && (lockedTarget.state === "locked" || lockedTarget.state === "published")) {
      throw invalid("targetQuarter", "targetClosed", `quarter ${input.targetQuarter} is already ${lockedTarget.state}`);
    }

    const open = await listCoachingPlans(trx, { agentId: agent.agentId, targetQuarterId: input.targetQuarter, statuses: OPEN_PLAN_STATUSES });
    if (open.some((p) => p.metric_key === input.metric)) {
      throw invalid("metric", "duplicatePlan", `${input.agentCode} already has an open plan on ${input.metric} for ${input.targetQuarter}`);
    }

    const before = input.sourceQuarter === undefined ? undefined : await findMetricResult(trx, input.sourceQuarter, agent.agentId, input.metric);
    const direction = METRIC_CATALOGUE[input.metric].direction;
    if (!targetImprovesOn(direction, before?.raw_value ?? null, input.target)) {
      throw invalid("target", "targetNotBetter", `the target must be better than the current value ${before?.raw_value}`);
    }

    const planId = await insertCoachingPlan(trx, {
      agent_id: agent.agentId,
      team_id: agent.teamId,
      intervention_id: intervention.id,
      source_quarter_id: input.sourceQuarter ?? null,
      target_quarter_id: input.targetQuarter,
      metric_key: input.metric,
      dimension_key: before?.dimension_key ?? null,
      target_value: input.target,
      owner_user_id: input.ownerUserId,
      due_date: input.dueDate,
      activities: input.activities,
      status: "assigned",
      assigned_by_user_id: ctx.actor.userId,
      assigned_by_label: ctx.actor.label,
      created_at: now,
      updated_at: now,
      acknowledged_at: null,
      before_value: before?.raw_value ?? null,
      before_normalized: before?.normalized ?? null,
      after_value: null,
      after_normalized: null,
      outcome: null,
      evaluated_at: null,
    });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "coaching.plan.assign",
      entity: "coaching_plan",
      entity_id: String(planId),
      before: null,
      after: JSON.stringify({ ...input, agentId: agent.agentId, teamId: agent.teamId, status: "assigned" }),
    });
    return { planId };
  });
}
