import type { Db } from "../database.ts";

/** Counted QA evaluations (imported and final internal ones) in the date range, with agent and team. */
export async function qaEvaluationsInRange(db: Db, fromDate: string, toDate: string, teamIds?: readonly number[]) {
  let q = db
    .selectFrom("qa_evaluations as e")
    .innerJoin("agents as a", "a.id", "e.agent_id")
    .innerJoin("teams as t", "t.id", "a.team_id")
    .select(["e.evaluation_id", "e.date", "e.score_pct", "e.fatal", "a.agent_code", "a.name as agent_name", "a.team_id", "t.name as team_name"])
    .where("e.date", ">=", fromDate)
    .where("e.date", "<=", toDate);
  if (teamIds !== undefined) {
    if (teamIds.length === 0) return [];
    q = q.where("a.team_id", "in", [...teamIds]);
  }
  const rows = await q.orderBy("e.date").execute();
  return rows.map((r) => ({ ...r, score_pct: Number(r.score_pct), fatal: Number(r.fatal) }));
}
