import type { Db } from "../database.ts";
import type { RubricVersion } from "../tables.ts";

/** The next free version number (versions are unique across drafts and approved ones). */
export async function nextRubricVersionNumber(db: Db): Promise<number> {
  const row = await db
    .selectFrom("rubric_versions")
    .select((eb) => eb.fn.max("version").as("max"))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Replaces a DRAFT version's definition and name; approved versions are never changed. Returns false when not a draft. */
export async function updateDraftRubricVersion(db: Db, id: number, name: string, definition: string): Promise<boolean> {
  const result = await db
    .updateTable("rubric_versions")
    .set({ name, definition })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a draft approved, effective from the given quarter. Returns false when it was not a draft. */
export async function approveRubricVersion(db: Db, id: number, effectiveFrom: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("rubric_versions")
    .set({ status: "approved", effective_from: effectiveFrom, approved_at: at, approved_by: by })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The newest calculated quarters (results stored), newest first. */
export async function lastCalculatedQuarters(db: Db, limit: number): Promise<Array<{ id: string; rubricVersionId: number | null }>> {
  const rows = await db
    .selectFrom("quarters")
    .select(["id", "rubric_version_id"])
    .where("calculated_at", "is not", null)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, rubricVersionId: r.rubric_version_id }));
}

