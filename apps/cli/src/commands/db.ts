import { type DatabaseCopyReport, DatabaseCopyError, copyDatabase, describeTarget, migrateDatabase, parseDatabaseTarget } from "@starboard/db";
import type { Command } from "commander";
import { CliFailure, type CliDeps, databaseTarget } from "../program.ts";

/** The `starboard db copy --json` contract; scripts depend on it. */
export interface DbCopyJson {
  from: string;
  to: string;
  ok: boolean;
  tables: Array<{ table: string; source: number; target: number }>;
  checksum: {
    source: { quarterResults: number; metricResults: number; sha256: string };
    target: { quarterResults: number; metricResults: number; sha256: string };
  };
}

export function dbCopyJson(report: DatabaseCopyReport): DbCopyJson {
  return { from: report.from, to: report.to, ok: report.ok, tables: report.tables, checksum: report.checksum };
}

/** The human-readable report: one line per table, then the checksum of both sides. */
export function formatCopyReport(report: DatabaseCopyReport): string {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const num = (n: number) => n.toLocaleString("en-US").padStart(10);
  const lines = [
    `${report.ok ? "Copied" : "Could not verify the copy of"} ${report.from} to ${report.to} in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    "",
    `${"table".padEnd(width)}     source     target`,
    ...report.tables.map((t) => `${t.table.padEnd(width)} ${num(t.source)} ${num(t.target)}${t.source === t.target ? "" : "  DIFFERS"}`),
    "",
    `quarter results checksum (sha256 over ${report.checksum.source.quarterResults.toLocaleString("en-US")} results and ${report.checksum.source.metricResults.toLocaleString("en-US")} metric results)`,
    `  source  ${report.checksum.source.sha256}`,
    `  target  ${report.checksum.target.sha256}${report.checksum.source.sha256 === report.checksum.target.sha256 ? "" : "  DIFFERS"}`,
    "",
    report.ok
      ? "OK: every table's row count and the results checksum match."
      : "FAILED: the counts or the checksum differ; the copy was rolled back and the target is unchanged.",
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * `starboard db migrate` — brings the database of DATABASE_URL / STARBOARD_DB to the latest schema.
 * `starboard db copy --from <sqlite file> --to <postgres url> [--json]` — moves an installation
 * to Postgres (or back), then verifies counts and the results checksum.
 */
export function registerDb(program: Command, deps: CliDeps): void {
  const db = program.command("db").description("database administration: migrate, copy to PostgreSQL");

  db.command("migrate")
    .description("bring the database (DATABASE_URL, else STARBOARD_DB) to the latest schema")
    .action(async () => {
      let label = "the database";
      try {
        const target = databaseTarget();
        label = describeTarget(target);
        const { applied, total } = await migrateDatabase(target);
        if (applied.length === 0) {
          deps.out(`${label} is up to date (${total} migrations; none to run)`);
          return;
        }
        for (const name of applied) deps.out(`applied ${name}`);
        deps.out(`${label} is now at the latest schema: ${applied.length} of ${total} migrations ran`);
      } catch (error) {
        throw new CliFailure(`starboard db migrate: ${label}: ${(error as Error).message}`, 1);
      }
    });

  db.command("copy")
    .description("copy every table from one database to a new, empty one on the other engine, then verify it")
    .requiredOption("--from <source>", "the SQLite file to copy (or a postgres:// URL to copy back to SQLite)")
    .requiredOption("--to <target>", "a postgres:// URL of an empty database (or a new SQLite file)")
    .option("--json", "print the report as JSON")
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      let report: DatabaseCopyReport;
      try {
        report = await copyDatabase(parseDatabaseTarget(options.from), parseDatabaseTarget(options.to));
      } catch (error) {
        if (error instanceof DatabaseCopyError) throw new CliFailure(`starboard db copy: refused — ${error.message}`, 1);
        const issues = (error as { issues?: Array<{ message: string }> }).issues;
        const message = issues?.[0] ? `invalid database URL: ${issues[0].message}` : (error as Error).message;
        throw new CliFailure(`starboard db copy: ${message}`, 1);
      }
      deps.out(options.json ? JSON.stringify(dbCopyJson(report), null, 2) : formatCopyReport(report));
      if (!report.ok) throw new CliFailure("starboard db copy: verification failed; nothing was copied", 1);
    });
}
