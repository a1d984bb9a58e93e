import type { Db } from "../database.ts";

export type AuthFailureScope = "account" | "ip";

/** Records one failed sign-in for `subject` (a normalised email or a client IP). */
export async function recordAuthFailure(db: Db, scope: AuthFailureScope, subject: string, at: Date): Promise<void> {
  await db.insertInto("auth_failures").values({ scope, subject, at: at.toISOString() }).execute();
}

/** Times (ISO) of the failures for `subject` strictly after `since`, oldest first. */
export async function authFailuresSince(db: Db, scope: AuthFailureScope, subject: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("auth_failures")
    .select("at")
    .where("scope", "=", scope)
    .where("subject", "=", subject)
    .where("at", ">", since.toISOString())
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}

/** A successful sign-in clears the account's counter (the IP's counter keeps running). */
export async function clearAuthFailures(db: Db, scope: AuthFailureScope, subject: string): Promise<void> {
  await db.deleteFrom("auth_failures").where("scope", "=", scope).where("subject", "=", subject).execute();
}

/** Housekeeping: drops failures older than `before`. */
export async function pruneAuthFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom("auth_failures").where("at", "<", before.toISOString()).execute();
}
