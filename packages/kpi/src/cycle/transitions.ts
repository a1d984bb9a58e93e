/** The appraisal cycle's states, in order (the same list as the database's QuarterState). */
export const CYCLE_STATES = ["draft", "collecting", "calculated", "in_review", "locked", "published"] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

/** The steps HR takes; `calculate` runs the scoring, `reopen` needs a reason. */
export const CYCLE_STEPS = ["collect", "calculate", "review", "lock", "publish", "reopen"] as const;
export type CycleStep = (typeof CYCLE_STEPS)[number];

interface StepRule {
  from: readonly CycleState[];
  to: CycleState;
}

/**
 * The one definition of which step is allowed from which state. Recalculation is allowed
 * until locked; a locked or published quarter only moves forward (publish) or back to review
 * through `reopen` (HR, with a reason).
 */
export const CYCLE_STEP_RULES: Readonly<Record<CycleStep, StepRule>> = Object.freeze({
  collect: { from: ["draft"], to: "collecting" },
  calculate: { from: ["draft", "collecting", "calculated", "in_review"], to: "calculated" },
  review: { from: ["calculated"], to: "in_review" },
  lock: { from: ["in_review"], to: "locked" },
  publish: { from: ["locked"], to: "published" },
  reopen: { from: ["locked", "published"], to: "in_review" },
});

export type StepCheck = { allowed: true; to: CycleState } | { allowed: false; allowedFrom: readonly CycleState[] };

export function checkCycleStep(current: CycleState, step: CycleStep): StepCheck {
  const rule = CYCLE_STEP_RULES[step];
  return rule.from.includes(current) ? { allowed: true, to: rule.to } : { allowed: false, allowedFrom: rule.from };
}

/** Steps that may be taken from a state, in the cycle's order. */
export function availableCycleSteps(current: CycleState): CycleStep[] {
  return CYCLE_STEPS.filter((step) => CYCLE_STEP_RULES[step].from.includes(current));
}

/** Facts and results can still change (imports, recalculation, adjustments). */
export const isQuarterOpen = (state: CycleState): boolean => state !== "locked" && state !== "published";
