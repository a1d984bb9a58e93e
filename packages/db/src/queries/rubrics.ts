import { CONTACT_CENTRE_10_POINT } from "@starboard/kpi";
import type { Db } from "../database.ts";
import type { NewRubricVersion, RubricVersion } from "../tables.ts";

/** Inserts a rubric version (its `definition` is the rubric as JSON) and returns the stored row. */
export async function insertRubricVersion(db: Db, row: NewRubricVersion): Promise<RubricVersion> {
  return db.insertInto("rubric_versions").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRubricVersion(db: Db, id: number): Promise<RubricVersion | undefined> {
  return db.selectFrom("rubric_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** All versions, newest first. */
export async function listRubricVersions(db: Db): Promise<RubricVersion[]> {
  return db.selectFrom("rubric_versions").selectAll().orderBy("version", "desc").execute();
}

/**
 * The rubric version in effect for a quarter: the newest approved version (highest version
 * number) whose first quarter (`effective_from`, `YYYY-Qn`) is on or before it. Quarter ids
 * compare correctly as text.
 */
export async function findRubricForQuarter(db: Db, quarterId: string): Promise<RubricVersion | undefined> {
  return db
    .selectFrom("rubric_versions")
    .selectAll()
    .where("status", "=", "approved")
    .where("effective_from", "is not", null)
    .where("effective_from", "<=", quarterId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export const DEFAULT_RUBRIC_EFFECTIVE_FROM = "2000-Q1";

/**
 * Installs the default rubric ("Contact centre 10-point", version 1, approved, effective
 * from 2000-Q1) when no rubric version exists at all. Returns the inserted row, or
 * undefined when rubrics already exist (nothing is changed then).
 */
export async function ensureDefaultRubric(db: Db, now: string): Promise<RubricVersion | undefined> {
  const any = await db.selectFrom("rubric_versions").select("id").limit(1).executeTakeFirst();
  if (any) return undefined;
  return insertRubricVersion(db, {
    name: CONTACT_CENTRE_10_POINT.name,
    version: 1,
    definition: JSON.stringify(CONTACT_CENTRE_10_POINT),
    status: "approved",
    effective_from: DEFAULT_RUBRIC_EFFECTIVE_FROM,
    created_at: now,
    created_by: "system",
    approved_at: now,
    approved_by: "system",
  });
}
