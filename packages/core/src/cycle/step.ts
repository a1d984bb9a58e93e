import { appendAudit, type Db, ensureQuarter, type Quarter, type QuarterState, setQuarterState } from "@starboard/db";
import { checkCycleStep, type CycleStep, quarterIdSchema } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";

export interface TransitionResult {
  quarter: string;
  from: QuarterState;
  to: QuarterState;
  at: string;
}

export function parseQuarterId(quarterId: string): string {
  const parsed = quarterIdSchema.safeParse(quarterId);
  if (!parsed.success) throw new DomainError("invalid_input", `"${quarterId}" is not a quarter (use YYYY-Qn, e.g. 2026-Q1)`, { quarter: quarterId });
  return parsed.data;
}

const STATE_LABEL: Record<QuarterState, string> = {
  draft: "draft",
  collecting: "collecting",
  calculated: "calculated",
  in_review: "in review",
  locked: "locked",
  published: "published",
};
export const stateLabel = (s: QuarterState) => STATE_LABEL[s];

/** Refuses a step that isn't allowed from the quarter's state, with a message naming both. */
export function assertStepAllowed(quarter: Pick<Quarter, "id" | "state">, step: CycleStep): QuarterState {
  const check = checkCycleStep(quarter.state, step);
  if (!check.allowed) {
    throw new DomainError(
      "invalid_transition",
      `cannot ${step} ${quarter.id}: it is ${stateLabel(quarter.state)} (${step} is allowed only when ${check.allowedFrom.map(stateLabel).join(" or ")})`,
      { quarter: quarter.id, step, state: quarter.state },
    );
  }
  return check.to;
}

/**
 * Moves a quarter one step inside the caller's transaction: checks the step is allowed,
 * writes the quarter_transitions row (who/when/why) and the audit entry.
 */
export async function applyCycleStep(
  ctx: Context,
  trx: Db,
  quarterId: string,
  step: CycleStep,
  reason: string | null = null,
  extra: Record<string, unknown> = {},
): Promise<TransitionResult & { row: Quarter }> {
  const at = isoNow(ctx);
  const quarter = await ensureQuarter(trx, quarterId, at);
  const to = assertStepAllowed(quarter, step);
  await setQuarterState(trx, { quarterId, from: quarter.state, to, actorUserId: ctx.actor.userId, actorLabel: ctx.actor.label, reason, at });
  await appendAudit(trx, {
    at,
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: `quarter.${step}`,
    entity: "quarter",
    entity_id: quarterId,
    before: JSON.stringify({ state: quarter.state }),
    after: JSON.stringify({ state: to, reason, ...extra }),
  });
  return { quarter: quarterId, from: quarter.state, to, at, row: quarter };
}
