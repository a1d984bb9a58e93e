import type { Db } from "../database.ts";
import type { Quarter, QuarterState, QuarterTransition } from "../tables.ts";

export async function findQuarter(db: Db, quarterId: string): Promise<Quarter | undefined> {
  return db.selectFrom("quarters").selectAll().where("id", "=", quarterId).executeTakeFirst();
}

/** The quarter row, created in state 'draft' when it does not exist yet. */
export async function ensureQuarter(db: Db, quarterId: string, now: string): Promise<Quarter> {
  const existing = await findQuarter(db, quarterId);
  if (existing) return existing;
  const created: Quarter = { id: quarterId, state: "draft", rubric_version_id: null, calculated_at: null, updated_at: now };
  await db.insertInto("quarters").values(created).execute();
  return created;
}

export interface QuarterStateChange {
  quarterId: string;
  from: QuarterState | null;
  to: QuarterState;
  actorUserId: number | null;
  actorLabel: string;
  reason?: string | null;
  at: string;
}

/** Sets the quarter's state and records the transition (who, when, from, to, why). */
export async function setQuarterState(db: Db, change: QuarterStateChange): Promise<void> {
  await db
    .updateTable("quarters")
    .set({ state: change.to, updated_at: change.at })
    .where("id", "=", change.quarterId)
    .execute();
  await db
    .insertInto("quarter_transitions")
    .values({
      quarter_id: change.quarterId,
      from_state: change.from,
      to_state: change.to,
      actor_user_id: change.actorUserId,
      actor_label: change.actorLabel,
      reason: change.reason ?? null,
      at: change.at,
    })
    .execute();
}

/** Records which rubric version the stored results were computed with, and when. */
export async function setQuarterCalculation(
  db: Db,
  quarterId: string,
  rubricVersionId: number,
  calculatedAt: string,
): Promise<void> {
  await db
    .updateTable("quarters")
    .set({ rubric_version_id: rubricVersionId, calculated_at: calculatedAt, updated_at: calculatedAt })
    .where("id", "=", quarterId)
    .execute();
}

/** All quarters, newest first. */
export async function listQuarters(db: Db): Promise<Quarter[]> {
  return db.selectFrom("quarters").selectAll().orderBy("id", "desc").execute();
}

/** A quarter's transitions in the order they happened. */
export async function listQuarterTransitions(db: Db, quarterId: string): Promise<QuarterTransition[]> {
  return db.selectFrom("quarter_transitions").selectAll().where("quarter_id", "=", quarterId).orderBy("id").execute();
}
