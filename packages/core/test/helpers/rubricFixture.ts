import type { Db } from "@starboard/db";

/**
 * Three agents with complete data in 2026-Q1 and 2026-Q2, built so that a re-weighting moves
 * grades: A001 strong on CSAT, weak on FCR; B002 strong on FCR, weak on CSAT; C003 middling.
 */
export async function seedReviewFixture(db: Db, at: string): Promise<Record<string, number>> {
  const team = await db.insertInto("teams").values({ name: "Phone Support North", created_at: at }).returning("id").executeTakeFirstOrThrow();
  const ids: Record<string, number> = {};
  for (const code of ["A001", "B002", "C003"]) {
    const row = await db
      .insertInto("agents")
      .values({ agent_code: code, name: `Agent ${code}`, email: null, team_id: team.id, hire_date: "2024-01-15", leave_date: null, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[code] = row.id;
  }
  // [contacts, frtSum, resolved, rfc, qa scores, csat 5s, csat 4s, csat 3s]
  const profile: Record<string, [number, number, number, number, number[], number, number, number]> = {
    A001: [400, 400 * 28, 300, 255, [96, 94, 98], 40, 5, 0], // FCR 85 % → 6 pts; CSAT 4.89 → 10
    B002: [400, 400 * 29, 300, 297, [92, 90, 94], 5, 10, 10], // FCR 99 % → 10; CSAT 3.8 → 6
    C003: [400, 400 * 45, 300, 276, [80, 85, 82], 10, 20, 5], // FCR 92 % → 8; CSAT 4.14 → 8; FRT 15 s over → 9
  };
  let n = 0;
  for (const [quarterStart, monthDay] of [["2026-01", "2026-02-10"], ["2026-04", "2026-05-10"]] as const) {
    for (const [code, [contacts, frt, resolved, rfc, qaScores, c5, c4, c3]] of Object.entries(profile)) {
      const agentId = ids[code]!;
      await db.insertInto("interaction_daily").values({
        date: `${quarterStart}-05`, agent_id: agentId, channel: "phone", contacts, first_response_sec_sum: frt, answered_within_90s: null,
        resolved, resolved_first_contact: rfc, repeat_contacts_30d: null, complaints: null, import_id: null,
      }).execute();
      await db.insertInto("qa_evaluations").values(qaScores.map((score) => ({
        evaluation_id: `EV${++n}`, date: monthDay, agent_id: agentId, form: "Phone QA", score_pct: score, fatal: 0 as const, reviewer_code: "QA01", contact_id: null, import_id: null,
      }))).execute();
      const ratings = [...Array<number>(c5).fill(5), ...Array<number>(c4).fill(4), ...Array<number>(c3).fill(3)];
      await db.insertInto("csat_responses").values(ratings.map((rating) => ({ response_id: `CS${++n}`, date: monthDay, agent_id: agentId, channel: "phone", rating, import_id: null }))).execute();
    }
  }
  return ids;
}
