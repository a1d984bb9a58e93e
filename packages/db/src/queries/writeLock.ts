import type { Db } from "../database.ts";

/**
 * Call first inside a transaction that reads before it writes (recalculation, anonymisation…):
 * it writes at once, so the transaction holds the database's write lock from its start.
 * On SQLite that turns a deferred transaction into an immediate one — another process's
 * writer then waits (busy_timeout) instead of failing with "database is locked" when this one
 * upgrades from reading to writing; on Postgres it is a row lock every such writer takes,
 * which serialises imports and recalculations the same way.
 */
export async function acquireWriteLock(db: Db, at: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key: "internal.write_lock", value: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: at }))
    .execute();
}
