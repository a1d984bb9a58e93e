export * from "./tables.ts";
export * from "./database.ts";
export * from "./dialect.ts";
// Query functions, one module per table or aggregate; each takes `db` first.
