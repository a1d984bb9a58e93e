
export * from "./answers.ts";
export * from "./forms.ts";
export * from "./settings.ts";
export { internalEvaluationId } from "./finalize.ts";
export * from "./startEvaluation.ts";
export * from "./submitReview.ts";
export * from "./resolveCalibration.ts";
export * from "./disputes.ts";
export * from "./lock-blockers.ts";
export * from "./views.ts";
export * from "./sample.ts";
export * from "./reports.ts";
