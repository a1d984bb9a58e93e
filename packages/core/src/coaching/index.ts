export * from "./actor.ts";
export * from "./suggestCoaching.ts";
export * from "./assignCoachingPlan.ts";
export * from "./transitionCoachingPlan.ts";
export * from "./addCoachingNote.ts";
export * from "./evaluateCoachingPlans.ts";
export * from "./saveCoachingIntervention.ts";
export * from "./planProgress.ts";
