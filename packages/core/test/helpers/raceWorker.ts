/**
 * One contender in a concurrency test, run as its own process (node --import tsx) so it has
 * its own database connection — on SQLite the only way two writers truly overlap, because
 * better-sqlite3 waits for a busy database synchronously and would stall a shared event loop.
 *
 * argv[2]: the operation as JSON (see RaceOp). The database comes from the environment
 * (STARBOARD_DB or DATABASE_URL). Protocol on stdio: prints "ready" once the database is
 * open, waits for a line "go" on stdin, prints "started", runs the operation and prints one
 * line of JSON (RaceOutcome).
 */
import { databaseTargetFromEnv, openDatabase } from "@starboard/db";
import { createInterface } from "node:readline";
import { createContext, DomainError, ImportRejectedError, importCsv, lockQuarter, reopenQuarter, scoreQuarter, systemActor } from "../../src/index.ts";
import type { RaceOp, RaceOutcome } from "./race.ts";

const op = JSON.parse(process.argv[2] ?? "{}") as RaceOp;
const db = await openDatabase(databaseTargetFromEnv());
const ctx = createContext(db, systemActor(`race:${op.op}`));

const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.on("line", (line) => line.trim() === "go" && resolve()));
process.stdout.write("ready\n");
await go;
process.stdout.write("started\n");

let outcome: RaceOutcome;
try {
  switch (op.op) {
    case "score": {
      const report = await scoreQuarter(ctx, op.quarter);
      outcome = { ok: true, at: report.calculatedAt };
      break;
    }
    case "lock": {
      const result = await lockQuarter(ctx, op.quarter);
      outcome = { ok: true, at: result.at };
      break;
    }
    case "reopen": {
      const result = await reopenQuarter(ctx, op.quarter, op.reason);
      outcome = { ok: true, at: result.at };
      break;
    }
    case "import": {
      const summary = await importCsv(ctx, { kind: op.kind, fileName: op.fileName, source: { buffer: Buffer.from(op.csv, "utf8") } });
      outcome = { ok: true, at: String(summary.importId) };
      break;
    }
  }
} catch (error) {
  if (error instanceof ImportRejectedError) outcome = { ok: false, code: error.code, problems: error.problems.map((p) => p.code) };
  else if (error instanceof DomainError) outcome = { ok: false, code: error.code };
  else outcome = { ok: false, code: "unexpected", message: String((error as Error)?.stack ?? error) };
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
lines.close();
await db.destroy();
