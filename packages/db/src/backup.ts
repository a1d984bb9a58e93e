import SQLite from "better-sqlite3";
import { existsSync } from "node:fs";

/**
 * Online backup with SQLite's backup API (better-sqlite3 `db.backup`): a consistent copy,
 * page by page, while the web app may keep reading and writing.
 */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<{ pages: number }> {
  if (!existsSync(sourceFile)) throw new BackupError(`no database at ${sourceFile}`);
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 10000");
    const progress = await source.backup(targetFile);
    return { pages: progress.totalPages };
  } finally {
    source.close();
  }
}

export class BackupError extends Error {
  override name = "BackupError";
}

/** Checks that `file` is a readable, intact Starboard database; returns its migration names. */
export function inspectBackup(file: string): { migrations: string[] } {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  try {
    const check = db.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new BackupError(`${file} failed SQLite's integrity check: ${String(check)}`);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (!table) throw new BackupError(`${file} is not a Starboard database (no migration table)`);
    const rows = db.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[];
    return { migrations: rows.map((r) => r.name) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

/**
 * Restores `backupFile` over `targetFile` with the same backup API (so the target's WAL and
 * locks are respected). The caller decides whether it is safe (no server writing).
 */
export async function restoreSqlite(backupFile: string, targetFile: string): Promise<{ pages: number }> {
  inspectBackup(backupFile);
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(targetFile);
    return { pages: progress.totalPages };
  } finally {
    source.close();
  }
}

/** Sessions active within `sinceIso` in the target database: a sign that a server is in use. */
export function recentSessionCount(file: string, sinceIso: string): number {
  if (!existsSync(file)) return 0;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get();
    if (!table) return 0;
    const row = db.prepare("SELECT count(*) AS n FROM sessions WHERE last_seen_at >= ?").get(sinceIso) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
