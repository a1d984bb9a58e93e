import { BackupError, backupSqlite, inspectBackup, recentSessionCount, restoreSqlite } from "@starboard/db";
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CliFailure, type CliDeps, databaseTarget } from "../program.ts";

/** Sessions seen this recently mean someone is using the web app on this database. */
const IN_USE_WINDOW_MS = 30 * 60 * 1000;

/** Backup and restore copy the SQLite file; a Postgres installation uses the server's own tools. */
function sqliteFileOrFail(command: string): string {
  const target = databaseTarget();
  if (target.engine !== "sqlite") {
    throw new CliFailure(
      `starboard ${command}: the database is PostgreSQL (DATABASE_URL); use pg_dump / pg_restore (or your provider's backups) instead`,
      1,
    );
  }
  return target.file;
}

/**
 * `starboard backup <file>` — a consistent online copy (SQLite backup API), safe while the
 * web app runs. `starboard restore <file> [--force]` — checks the backup, then copies it over
 * the database; refused while web sessions were active in the last 30 minutes (stop the web
 * app first, or pass --force).
 */
export function registerBackup(program: Command, deps: CliDeps): void {
  program
    .command("backup")
    .description("write a consistent copy of the database to <file> (safe while the web app runs)")
    .argument("<file>")
    .action(async (file: string) => {
      const target = resolve(file);
      const source = sqliteFileOrFail("backup");
      if (target === source) throw new CliFailure("starboard backup: the backup file must not be the database itself", 1);
      if (existsSync(target)) throw new CliFailure(`starboard backup: ${file} already exists; choose a new file name`, 1);
      try {
        const { pages } = await backupSqlite(source, target);
        deps.out(`backed up ${source} to ${target} (${pages} pages)`);
      } catch (error) {
        if (error instanceof BackupError) throw new CliFailure(`starboard backup: ${error.message}`, 1);
        throw error;
      }
    });
  program
    .command("restore")
    .description("replace the database by the backup <file> (stop the web app first)")
    .argument("<file>")
    .option("--force", "restore even though web sessions were active in the last 30 minutes")
    .action(async (file: string, options: { force?: boolean }) => {
      const source = resolve(file);
      const target = sqliteFileOrFail("restore");
      try {
        const { migrations } = inspectBackup(source);
        const active = recentSessionCount(target, new Date(Date.now() - IN_USE_WINDOW_MS).toISOString());
        if (active > 0 && !options.force) {
          throw new CliFailure(
            `starboard restore: refused — ${active} web session${active === 1 ? " was" : "s were"} active in the last 30 minutes, ` +
              "so the web app may be writing. Stop it, then run restore again (or pass --force).",
            1,
          );
        }
        const { pages } = await restoreSqlite(source, target);
        deps.out(`restored ${target} from ${source} (${pages} pages, ${migrations.length} migrations)`);
      } catch (error) {
        if (error instanceof BackupError) throw new CliFailure(`starboard restore: ${error.message}`, 1);
        throw error;
      }
    });
}
