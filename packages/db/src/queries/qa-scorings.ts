import type { Db } from "../database.ts";
import type {
  NewQaDispute,
  NewQaReview,
  NewQaScoring,
  QaDispute,
  QaReview,
  QaScoring,
  QaScoringStatus,
  QaScoringUpdate,
} from "../tables/qa.ts";

export interface QaScoringRow extends QaScoring {
  agent_code: string;
  agent_name: string;
  team_id: number;
  team_name: string;
  form_key: string;
  form_name: string;
  form_version: number;
  form_definition: string;
  form_max_points: number;
}

function scoringQuery(db: Db) {
  return db
    .selectFrom("qa_scorings as s")
    .innerJoin("agents as a", "a.id", "s.agent_id")
    .innerJoin("teams as t", "t.id", "a.team_id")
    .innerJoin("qa_forms as f", "f.id", "s.form_id")
    .selectAll("s")
    .select([
      "a.agent_code",
      "a.name as agent_name",
      "a.team_id",
      "t.name as team_name",
      "f.form_key",
      "f.name as form_name",
      "f.version as form_version",
      "f.definition as form_definition",
      "f.max_points as form_max_points",
    ]);
}

export async function insertQaScoring(db: Db, scoring: NewQaScoring): Promise<number> {
  const row = await db.insertInto("qa_scorings").values(scoring).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateQaScoring(db: Db, id: number, values: QaScoringUpdate): Promise<void> {
  await db.updateTable("qa_scorings").set(values).where("id", "=", id).execute();
}

export async function findQaScoring(db: Db, id: number): Promise<QaScoringRow | undefined> {
  return scoringQuery(db).where("s.id", "=", id).executeTakeFirst();
}

export interface QaScoringFilter {
  /** Only these teams (managers); undefined = all. */
  teamIds?: readonly number[];
  agentId?: number;
  statuses?: readonly QaScoringStatus[];
  /** Inclusive ISO dates. */
  fromDate?: string;
  toDate?: string;
  limit?: number;
}

/** Evaluations, newest first. */
export async function listQaScorings(db: Db, filter: QaScoringFilter = {}): Promise<QaScoringRow[]> {
  let q = scoringQuery(db);
  if (filter.teamIds !== undefined) {
    if (filter.teamIds.length === 0) return [];
    q = q.where("a.team_id", "in", [...filter.teamIds]);
  }
  if (filter.agentId !== undefined) q = q.where("s.agent_id", "=", filter.agentId);
  if (filter.statuses !== undefined) q = q.where("s.status", "in", [...filter.statuses]);
  if (filter.fromDate !== undefined) q = q.where("s.date", ">=", filter.fromDate);
  if (filter.toDate !== undefined) q = q.where("s.date", "<=", filter.toDate);
  return q.orderBy("s.id", "desc").limit(filter.limit ?? 500).execute();
}

export async function insertQaReview(db: Db, review: NewQaReview): Promise<number> {
  const row = await db.insertInto("qa_reviews").values(review).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function submitQaReviewRow(
  db: Db,
  id: number,
  values: { answers: string; total_points: number; score_pct: number; fatal: 0 | 1; passed: 0 | 1; submitted_at: string },
): Promise<void> {
  await db.updateTable("qa_reviews").set(values).where("id", "=", id).execute();
}

export async function reviewsForScoring(db: Db, scoringId: number): Promise<QaReview[]> {
  return db.selectFrom("qa_reviews").selectAll().where("scoring_id", "=", scoringId).orderBy("id").execute();
}

/** Reviews waiting for this reviewer, oldest first, with what the queue shows. */
export async function pendingReviewsForUser(db: Db, userId: number) {
  return db
    .selectFrom("qa_reviews as r")
    .innerJoin("qa_scorings as s", "s.id", "r.scoring_id")
    .innerJoin("agents as a", "a.id", "s.agent_id")
    .innerJoin("qa_forms as f", "f.id", "s.form_id")
    .select(["s.id as scoring_id", "s.date", "s.contact_id", "s.blind", "s.dual", "a.agent_code", "a.name as agent_name", "f.name as form_name"])
    .where("r.reviewer_user_id", "=", userId)
    .where("r.submitted_at", "is", null)
    .orderBy("s.id")
    .execute();
}

/** Submitted and pending reviews per reviewer for evaluations dated in the range. */
export async function reviewerWorkload(db: Db, fromDate: string, toDate: string) {
  const rows = await db
    .selectFrom("qa_reviews as r")
    .innerJoin("qa_scorings as s", "s.id", "r.scoring_id")
    .select(["r.reviewer_user_id", "r.reviewer_label", "r.submitted_at"])
    .where("s.date", ">=", fromDate)
    .where("s.date", "<=", toDate)
    .execute();
  const byReviewer = new Map<number, { reviewerUserId: number; reviewer: string; submitted: number; pending: number }>();
  for (const r of rows) {
    const entry = byReviewer.get(r.reviewer_user_id) ?? { reviewerUserId: r.reviewer_user_id, reviewer: r.reviewer_label, submitted: 0, pending: 0 };
    if (r.submitted_at === null) entry.pending++;
    else entry.submitted++;
    byReviewer.set(r.reviewer_user_id, entry);
  }
  return [...byReviewer.values()].sort((a, b) => b.submitted + b.pending - (a.submitted + a.pending) || a.reviewer.localeCompare(b.reviewer));
}

export async function insertQaDispute(db: Db, dispute: NewQaDispute): Promise<number> {
  const row = await db.insertInto("qa_disputes").values(dispute).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function disputesForScoring(db: Db, scoringId: number): Promise<QaDispute[]> {
  return db.selectFrom("qa_disputes").selectAll().where("scoring_id", "=", scoringId).orderBy("id").execute();
}

export async function findQaDispute(db: Db, id: number): Promise<QaDispute | undefined> {
  return db.selectFrom("qa_disputes").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function resolveQaDisputeRow(
  db: Db,
  id: number,
  values: { status: "accepted" | "rejected"; resolution_reason: string; resolved_at: string; resolved_by: string; before: string; after: string },
): Promise<void> {
  await db.updateTable("qa_disputes").set(values).where("id", "=", id).execute();
}

/** Open disputes (optionally only for some teams), oldest first. */
export async function openQaDisputes(db: Db, teamIds?: readonly number[]) {
  let q = db
    .selectFrom("qa_disputes as d")
    .innerJoin("agents as a", "a.id", "d.agent_id")
    .innerJoin("qa_scorings as s", "s.id", "d.scoring_id")
    .select(["d.id", "d.scoring_id", "d.reason", "d.filed_at", "a.agent_code", "a.team_id", "s.date"])
    .where("d.status", "=", "open");
  if (teamIds !== undefined) {
    if (teamIds.length === 0) return [];
    q = q.where("a.team_id", "in", [...teamIds]);
  }
  return q.orderBy("d.id").execute();
}

/** Evaluations under calibration and open disputes for evaluations dated in the range. */
export async function qaOpenItemsInRange(db: Db, fromDate: string, toDate: string) {
  const calibration = await db
    .selectFrom("qa_scorings as s")
    .innerJoin("agents as a", "a.id", "s.agent_id")
    .select(["s.id", "a.agent_code", "s.date"])
    .where("s.status", "=", "calibration")
    .where("s.date", ">=", fromDate)
    .where("s.date", "<=", toDate)
    .orderBy("s.id")
    .execute();
  const disputes = await db
    .selectFrom("qa_disputes as d")
    .innerJoin("qa_scorings as s", "s.id", "d.scoring_id")
    .innerJoin("agents as a", "a.id", "d.agent_id")
    .select(["d.id", "d.scoring_id", "a.agent_code", "d.filed_at", "s.date"])
    .where("d.status", "=", "open")
    .where("s.date", ">=", fromDate)
    .where("s.date", "<=", toDate)
    .orderBy("d.id")
    .execute();
  return { calibration, disputes };
}

export interface FinalQaAnswers {
  agentId: number;
  formId: number;
  /** The answers the evaluation was finalised with (JSON). */
  answers: string;
}

/** Final internal evaluations dated in the range (inclusive ISO dates) that kept their item answers. */
export async function finalQaAnswersInRange(db: Db, firstDay: string, lastDay: string): Promise<FinalQaAnswers[]> {
  const rows = await db
    .selectFrom("qa_scorings")
    .select(["agent_id", "form_id", "final_answers"])
    .where("status", "=", "final")
    .where("date", ">=", firstDay)
    .where("date", "<=", lastDay)
    .where("final_answers", "is not", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ agentId: Number(r.agent_id), formId: Number(r.form_id), answers: r.final_answers as string }));
}
