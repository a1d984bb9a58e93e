export * from "./context.ts";
export * from "./errors.ts";
// Operations, one per file.
export * from "./auth/password.ts";
export * from "./auth/signIn.ts";
export * from "./policy/index.ts";
export * from "./scoring/scoreQuarter.ts";
export * from "./scoring/facts.ts";
export * from "./import/index.ts";
export * from "./demo/loadDemo.ts";
export { DEFAULT_DEMO_SEED, DEMO_QUARTERS, DEMO_TEAMS, generateDemo, type DemoAgent, type DemoArchetype, type DemoData } from "./demo/generate.ts";
export * from "./settings/organisation.ts";
export * from "./qa/index.ts";
