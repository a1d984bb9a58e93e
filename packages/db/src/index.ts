export * from "./tables.ts";
export * from "./database.ts";
export * from "./dialect.ts";
// Query functions, one module per table or aggregate; each takes `db` first.
export * from "./queries/quarters.ts";
export * from "./queries/rubrics.ts";
export * from "./queries/aggregates.ts";
export * from "./queries/results.ts";
export * from "./queries/dashboard.ts";
export * from "./queries/users.ts";
export * from "./queries/sessions.ts";
export * from "./queries/teams.ts";
export * from "./queries/agents.ts";
export * from "./queries/imports.ts";
export * from "./queries/facts.ts";
export * from "./queries/audit.ts";
export * from "./queries/settings.ts";
export * from "./perf/rawSqlite.ts";
