/**
 * The whole import contract suite (import.test.ts) again, with the parse stage forced onto a
 * worker thread (STARBOARD_IMPORT_PARSE_ON=worker); import-worker.test.ts checks that the
 * worker really starts in this environment.
 */
process.env.STARBOARD_IMPORT_PARSE_ON = "worker";
await import("./import.test.ts");
export {};
