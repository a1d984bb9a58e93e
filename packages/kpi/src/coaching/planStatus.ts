/**
 * A coaching plan's life: assigned → acknowledged (by the agent) → in progress →
 * completed / cancelled. Completed and cancelled are final. A plan can be cancelled from
 * any open state; it can only be completed once it is in progress.
 */
export const PLAN_STATUSES = ["assigned", "acknowledged", "in_progress", "completed", "cancelled"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The actions that move a plan, named as users say them. */
export const PLAN_ACTIONS = ["acknowledge", "start", "complete", "cancel"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

const TRANSITIONS: Readonly<Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus }>> = {
  acknowledge: { from: ["assigned"], to: "acknowledged" },
  start: { from: ["acknowledged"], to: "in_progress" },
  complete: { from: ["in_progress"], to: "completed" },
  cancel: { from: ["assigned", "acknowledged", "in_progress"], to: "cancelled" },
};

export const OPEN_PLAN_STATUSES: readonly PlanStatus[] = ["assigned", "acknowledged", "in_progress"];

export const isOpenPlanStatus = (status: PlanStatus): boolean => OPEN_PLAN_STATUSES.includes(status);

/** The status after `action`, or null when the action is not allowed from `status` (e.g. completing a cancelled plan). */
export function nextPlanStatus(status: PlanStatus, action: PlanAction): PlanStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** The actions allowed from a status (before access rules: who may take them is the policy's business). */
export function allowedPlanActions(status: PlanStatus): PlanAction[] {
  return PLAN_ACTIONS.filter((a) => nextPlanStatus(status, a) !== null);
}

/** An open plan whose due date (ISO `YYYY-MM-DD`) is before `today` (ISO date in the organisation's zone). */
export function isPlanOverdue(plan: { status: PlanStatus; dueDate: string }, today: string): boolean {
  return isOpenPlanStatus(plan.status) && plan.dueDate < today;
}
