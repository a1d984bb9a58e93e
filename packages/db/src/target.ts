import { resolve } from "node:path";
import { z } from "zod";

/** Where the database lives: a SQLite file (the embedded default) or a Postgres server. */
export type DatabaseTarget = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string };

const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must start with postgres:// or postgresql://");

/**
 * Reads the target from the environment, the one rule every entry point (web, CLI, scripts)
 * shares: `DATABASE_URL=postgres://…` selects Postgres; otherwise SQLite at `STARBOARD_DB`
 * (default ./data/starboard.db, relative to `cwd`).
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const parsed = postgresUrl.safeParse(url);
    if (!parsed.success) throw new Error(`DATABASE_URL ${parsed.error.issues[0]?.message ?? "is invalid"}`);
    return { engine: "postgres", url };
  }
  const file = env.STARBOARD_DB?.trim() || "./data/starboard.db";
  return { engine: "sqlite", file: file === ":memory:" ? file : resolve(cwd, file) };
}

/** A file path or a postgres:// URL, as the CLI's --from/--to options take them. */
export function parseDatabaseTarget(value: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(value)) return { engine: "postgres", url: postgresUrl.parse(value) };
  return { engine: "sqlite", file: value === ":memory:" ? value : resolve(cwd, value) };
}

/** For messages and logs: the target without a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return target.file;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return url.toString();
}
