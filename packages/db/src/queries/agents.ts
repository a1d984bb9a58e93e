import type { Db } from "../database.ts";
import type { Agent, NewAgent } from "../tables.ts";
import type { UpsertCounts } from "./facts.ts";

export type AgentWithTeam = Agent & { team_name: string };

/** The values an agents file sets for one agent. */
export type AgentRecord = Pick<NewAgent, "agent_code" | "name" | "email" | "team_id" | "hire_date" | "leave_date">;

const AGENT_VALUE_COLUMNS = ["name", "email", "team_id", "hire_date", "leave_date"] as const;
/** Keeps every IN (…) list well under both engines' bound-parameter limits. */
const CHUNK = 500;

/** The full agents row for a code (`findAgentIdentityByCode` gives what the dashboards show: identity and team name). */
export async function findAgentByCode(db: Db, agentCode: string): Promise<Agent | undefined> {
  return db.selectFrom("agents").selectAll().where("agent_code", "=", agentCode).executeTakeFirst();
}

/** agent_code → agent id for the codes that exist; unknown codes are simply absent. */
export async function agentIdsByCode(db: Db, agentCodes: Iterable<string>): Promise<Map<string, number>> {
  const codes = [...new Set(agentCodes)];
  const ids = new Map<string, number>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await db
      .selectFrom("agents")
      .select(["id", "agent_code"])
      .where("agent_code", "in", codes.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) ids.set(row.agent_code, row.id);
  }
  return ids;
}

function withTeam(db: Db) {
  return db
    .selectFrom("agents")
    .innerJoin("teams", "teams.id", "agents.team_id")
    .selectAll("agents")
    .select("teams.name as team_name");
}

/** All agents with their team, by agent_code. */
export async function listAgents(db: Db): Promise<AgentWithTeam[]> {
  return withTeam(db).orderBy("agents.agent_code").execute();
}

/**
 * Agents active in the period `firstDay`–`lastDay` (ISO dates, inclusive): hired on or before
 * its last day and not left before its first day. With their current team, by agent_code.
 */
export async function activeAgentsInPeriod(db: Db, firstDay: string, lastDay: string): Promise<AgentWithTeam[]> {
  return withTeam(db)
    .where("agents.hire_date", "<=", lastDay)
    .where((eb) => eb.or([eb("agents.leave_date", "is", null), eb("agents.leave_date", ">=", firstDay)]))
    .orderBy("agents.agent_code")
    .execute();
}

/**
 * Writes agents by agent_code: a new code is inserted ("added"), an existing one with any
 * different value is updated ("replaced"), an identical one is left alone ("unchanged").
 * `at` stamps created_at / updated_at. Codes must be unique within `records`.
 */
export async function upsertAgentBatch(db: Db, records: readonly AgentRecord[], at: string): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    const existing = new Map(
      (
        await db
          .selectFrom("agents")
          .selectAll()
          .where(
            "agent_code",
            "in",
            chunk.map((r) => r.agent_code),
          )
          .execute()
      ).map((a) => [a.agent_code, a]),
    );
    const added: AgentRecord[] = [];
    for (const record of chunk) {
      const old = existing.get(record.agent_code);
      if (!old) {
        added.push(record);
        counts.added++;
      } else if (AGENT_VALUE_COLUMNS.some((c) => (old[c] ?? null) !== (record[c] ?? null))) {
        counts.replaced++;
        await db
          .updateTable("agents")
          .set({
            name: record.name,
            email: record.email ?? null,
            team_id: record.team_id,
            hire_date: record.hire_date,
            leave_date: record.leave_date ?? null,
            updated_at: at,
          })
          .where("id", "=", old.id)
          .execute();
      } else {
        counts.unchanged++;
      }
    }
    if (added.length > 0) {
      await db
        .insertInto("agents")
        .values(added.map((r) => ({ ...r, email: r.email ?? null, leave_date: r.leave_date ?? null, created_at: at, updated_at: at })))
        .execute();
    }
  }
  return counts;
}
