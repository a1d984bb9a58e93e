import type { Db } from "../database.ts";
import type { NewRubricReview, RubricReview, RubricReviewUpdate } from "../tables/rubrics.ts";

export async function findRubricReview(db: Db, half: string): Promise<RubricReview | undefined> {
  return db.selectFrom("rubric_reviews").selectAll().where("half", "=", half).executeTakeFirst();
}

/** All reviews, newest half first. */
export async function listRubricReviews(db: Db): Promise<RubricReview[]> {
  return db.selectFrom("rubric_reviews").selectAll().orderBy("half", "desc").execute();
}

export async function insertRubricReview(db: Db, row: NewRubricReview): Promise<RubricReview> {
  return db.insertInto("rubric_reviews").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRubricReview(db: Db, half: string, changes: RubricReviewUpdate): Promise<void> {
  await db.updateTable("rubric_reviews").set(changes).where("half", "=", half).execute();
}

/** Halves whose review is completed (approved or closed with "keep"). */
export async function completedReviewHalves(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("rubric_reviews").select("half").where("status", "=", "completed").execute();
  return new Set(rows.map((r) => r.half));
}
