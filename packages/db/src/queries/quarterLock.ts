import { sql } from "kysely";
import type { Db } from "../database.ts";
import { engineOf } from "../dialect.ts";
import { acquireWriteLock } from "./writeLock.ts";

/**
 * The first of the two 32-bit halves of every Starboard advisory lock key on Postgres, so
 * Starboard's locks cannot collide with another application's advisory locks on the same
 * database. ("SB" in ASCII, shifted: any fixed number would do; it must never change, or
 * two versions of the web tier running side by side during a rolling update would stop
 * excluding each other.)
 */
export const STARBOARD_LOCK_NAMESPACE = 0x5342_0001;

/** The second half for the "all imports" lock (quarters use year × 10 + quarter, always ≥ 10). */
const IMPORTS_LOCK_KEY = 0;

/** The advisory lock key of a quarter: "2026-Q3" → 20263. Throws on anything else (callers validate first). */
export function quarterLockKey(quarterId: string): number {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarterId);
  if (!match) throw new Error(`lockQuarterForWrite: "${quarterId}" is not a quarter id (YYYY-Qn)`);
  return Number(match[1]) * 10 + Number(match[2]);
}

async function takeLock(trx: Db, key: number, label: string): Promise<void> {
  if (!trx.isTransaction) throw new Error(`${label} must be called inside a transaction`);
  if (engineOf(trx) === "postgres") {
    // Transaction-level: released at COMMIT/ROLLBACK, never leaked by an error path. Taking
    // it again in the same transaction (a rollback that recalculates) just stacks.
    await sql`select pg_advisory_xact_lock(${sql.lit(STARBOARD_LOCK_NAMESPACE)}, ${sql.lit(key)})`.execute(trx);
  } else {
    // SQLite has one writer: writing at once makes this transaction that writer (others
    // wait on busy_timeout) and every later read in it sees the latest committed state.
    await acquireWriteLock(trx, label);
  }
}

/**
 * Serialises everything that changes one quarter's data or state — imports, recalculation,
 * cycle transitions, HR adjustments, rollbacks. Call it FIRST inside the transaction, before
 * reading the quarter's state: on Postgres (READ COMMITTED) every statement after the lock
 * sees what the previous holder committed, so a check like "the quarter is not locked" stays
 * true until this transaction commits.
 *
 * Postgres: `pg_advisory_xact_lock` on (STARBOARD_LOCK_NAMESPACE, year × 10 + quarter), so
 * different quarters proceed in parallel. SQLite: the database's single write lock.
 */
export async function lockQuarterForWrite(trx: Db, quarterId: string): Promise<void> {
  await takeLock(trx, quarterLockKey(quarterId), `quarter ${quarterId}`);
}

/**
 * Taken first by every import and import rollback, which may touch several quarters (taking
 * their locks as the file reveals them): with it, no two transactions ever wait for each other's
 * quarter locks in opposite orders (no deadlock), because only its holder takes more than one.
 */
export async function lockImportsForWrite(trx: Db): Promise<void> {
  await takeLock(trx, IMPORTS_LOCK_KEY, "imports");
}
