import type { Command } from "commander";
import { CommanderError } from "commander";
import { type Actor, systemActor } from "@starboard/core";
import { type Db, type DatabaseTarget, databaseTargetFromEnv, describeTarget, openDatabase } from "@starboard/db";
import { userInfo } from "node:os";

/** What every command gets: a lazily opened database, the acting operator, output streams. */
export interface CliDeps {
  openDb: () => Promise<Db>;
  actor: Actor;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Thrown by commands to end with a message on stderr and an exit status, never a stack trace. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** DATABASE_URL=postgres://… selects Postgres; otherwise the SQLite file at STARBOARD_DB. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return databaseTargetFromEnv(env);
}

/** The database as messages name it (a file path, or the Postgres URL without its password). */
export function databaseLabel(env: NodeJS.ProcessEnv = process.env): string {
  return describeTarget(databaseTarget(env));
}

export async function runCli(argv: string[], program: Command): Promise<number> {
  let db: Db | undefined;
  const deps: CliDeps = {
    openDb: async () => (db ??= await openDatabase(databaseTarget())),
    actor: systemActor(`cli:${safeUserName()}`),
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  };
  program
    .name("starboard")
    .description("Starboard: quarterly performance scores for customer-service teams")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  const { commandModules } = await import("./commands/index.ts");
  for (const register of commandModules) register(program, deps);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliFailure) {
      deps.err(error.message);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.err(`starboard: ${message}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "operator";
  }
}
