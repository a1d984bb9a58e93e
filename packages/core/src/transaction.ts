import type { Db } from "@starboard/db";

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one, so an
 * operation (e.g. scoreQuarter) can be part of a larger one (rolling back an import and
 * recalculating its quarter) and still be atomic when called on its own.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
