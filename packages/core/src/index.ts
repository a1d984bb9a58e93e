export * from "./context.ts";
export * from "./errors.ts";
// Operations, one per file.
export * from "./auth/password.ts";
