export * from "./rubric/schema.ts";
export * from "./metrics/facts.ts";
export * from "./scoring/result.ts";
export * from "./period/quarter.ts";
