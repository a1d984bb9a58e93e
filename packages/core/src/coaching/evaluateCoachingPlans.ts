import { appendAudit, type Db, findMetricResult, findQuarter, listCoachingPlans, updateCoachingPlan } from "@starboard/db";
import { classifyPlanOutcome, type MetricKey, METRIC_CATALOGUE, type PlanOutcome, quarterIdSchema } from "@starboard/kpi";
import { type Actor, type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

/** One plan's effectiveness — the `starboard coaching evaluate --json` row. */
export interface PlanEvaluation {
  planId: number;
  agentCode: string;
  metric: string;
  target: number;
  /** Raw value in the source quarter; null when unknown. */
  before: number | null;
  /** Raw value in the target quarter; null when no data. */
  after: number | null;
  outcome: PlanOutcome;
}

/**
 * Evaluates every plan targeting `quarterId` (except cancelled ones) against the quarter's
 * stored per-metric results, writes before/after/outcome on each plan, and appends one audit
 * entry. Runs inside the caller's transaction: `scoreQuarter` calls it as its last step, so
 * plans are re-evaluated every time their target quarter is (re)calculated.
 */
export async function evaluatePlansForQuarter(db: Db, actor: Actor, quarterId: string, now: string): Promise<PlanEvaluation[]> {
  const plans = await listCoachingPlans(db, { targetQuarterId: quarterId, statuses: ["assigned", "acknowledged", "in_progress", "completed"] });
  const evaluations: PlanEvaluation[] = [];
  for (const plan of plans) {
    const definition = METRIC_CATALOGUE[plan.metric_key as MetricKey];
    if (!definition) continue;
    const after = await findMetricResult(db, quarterId, plan.agent_id, plan.metric_key);
    const source = plan.source_quarter_id === null ? undefined : await findMetricResult(db, plan.source_quarter_id, plan.agent_id, plan.metric_key);
    const beforeValue = source ? source.raw_value : plan.before_value;
    const afterValue = after?.raw_value ?? null;
    const outcome = classifyPlanOutcome({ direction: definition.direction, target: plan.target_value, before: beforeValue, after: afterValue });
    await updateCoachingPlan(db, plan.id, {
      before_value: beforeValue,
      before_normalized: source ? source.normalized : plan.before_normalized,
      after_value: afterValue,
      after_normalized: after?.normalized ?? null,
      outcome,
      evaluated_at: now,
    });
    evaluations.push({
      planId: plan.id,
      agentCode: plan.agent_code,
      metric: plan.metric_key,
      target: plan.target_value,
      before: beforeValue,
      after: afterValue,
      outcome,
    });
  }
  evaluations.sort((a, b) => (a.agentCode < b.agentCode ? -1 : a.agentCode > b.agentCode ? 1 : a.planId - b.planId));
  if (evaluations.length > 0) {
    const counts: Record<PlanOutcome, number> = { target_met: 0, improved: 0, not_improved: 0, no_data: 0 };
    for (const e of evaluations) counts[e.outcome] += 1;
    await appendAudit(db, {
      at: now,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action: "coaching.plans.evaluate",
      entity: "quarter",
      entity_id: quarterId,
      before: null,
      after: JSON.stringify({ plans: evaluations.length, ...counts }),
    });
  }
  return evaluations;
}

/**
 * `starboard coaching evaluate`: (re-)evaluates the plans targeting a calculated quarter
 * and returns them. Needs calculation rights (HR / the CLI operator). One transaction.
 */
export async function evaluateCoachingPlans(ctx: Context, quarter: string): Promise<{ quarter: string; plans: PlanEvaluation[] }> {
  const parsed = quarterIdSchema.safeParse(quarter);
  if (!parsed.success) {
    throw new DomainError("invalid_input", `"${quarter}" is not a quarter: use YYYY-Qn, e.g. 2026-Q3`, { quarter });
  }
  const quarterId = parsed.data;
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    assertCan(await policyUserOf(trx, ctx.actor), "calculate_quarter");
    const row = await findQuarter(trx, quarterId);
    if (!row || row.calculated_at === null) {
      throw new DomainError("invalid_input", `quarter ${quarterId} has not been calculated yet`, { quarter: quarterId, reason: "notCalculated" });
    }
    return { quarter: quarterId, plans: await evaluatePlansForQuarter(trx, ctx.actor, quarterId, now) };
  });
}
