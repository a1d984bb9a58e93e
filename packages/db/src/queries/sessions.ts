import type { Db } from "../database.ts";
import type { Session } from "../tables.ts";

export interface CreateSessionInput {
  id: string;
  userId: number;
  now: Date;
  /** Absolute lifetime: the session ends then whatever the activity. */
  expiresAt: Date;
}

export async function createSession(db: Db, input: CreateSessionInput): Promise<Session> {
  const row: Session = {
    id: input.id,
    user_id: input.userId,
    created_at: input.now.toISOString(),
    last_seen_at: input.now.toISOString(),
    expires_at: input.expiresAt.toISOString(),
  };
  await db.insertInto("sessions").values(row).execute();
  return row;
}

export async function findSession(db: Db, id: string): Promise<Session | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records activity (for the idle timeout). */
export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Signs a user out everywhere (e.g. after a password change or deactivation). */
export async function deleteSessionsForUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Housekeeping: drops sessions past their absolute expiry. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
