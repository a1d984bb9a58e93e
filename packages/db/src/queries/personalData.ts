import type { Db } from "../database.ts";

/** Leavers (leave_date before `cutoffDate`) whose personal data have not been anonymised yet. */
export async function leaversToAnonymise(db: Db, cutoffDate: string): Promise<{ id: number; agent_code: string }[]> {
  return db
    .selectFrom("agents")
    .leftJoin("anonymised_agents", "anonymised_agents.agent_id", "agents.id")
    .select(["agents.id as id", "agents.agent_code as agent_code"])
    .where("agents.leave_date", "is not", null)
    .where("agents.leave_date", "<", cutoffDate)
    .where("anonymised_agents.agent_id", "is", null)
    .orderBy("agents.id")
    .execute();
}

export async function isAgentAnonymised(db: Db, agentId: number): Promise<boolean> {
  const row = await db.selectFrom("anonymised_agents").select("agent_id").where("agent_id", "=", agentId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Replaces an agent's identifying data by a pseudonym (`ANON-<id>`): name, employee code and
 * e-mail on the agent, and the linked user account (which is also deactivated, its password
 * and sessions removed). Results, facts and their aggregates stay, keyed by the internal id.
 */
export async function anonymiseAgent(db: Db, agentId: number, at: string, actorLabel: string): Promise<void> {
  const pseudonym = `ANON-${agentId}`;
  await db
    .updateTable("agents")
    .set({ agent_code: pseudonym, name: pseudonym, email: null, updated_at: at })
    .where("id", "=", agentId)
    .execute();
  const users = await db.selectFrom("users").select("id").where("agent_id", "=", agentId).execute();
  for (const { id } of users) {
    await db
      .updateTable("users")
      .set({ email: `anon-${id}@anonymised.invalid`, name: pseudonym, password_hash: null, active: 0, updated_at: at })
      .where("id", "=", id)
      .execute();
    await db.deleteFrom("sessions").where("user_id", "=", id).execute();
    await db.deleteFrom("password_tokens").where("user_id", "=", id).execute();
  }
  await db.updateTable("qa_evaluations").set({ contact_id: null }).where("agent_id", "=", agentId).execute();
  await db.insertInto("anonymised_agents").values({ agent_id: agentId, anonymised_at: at, actor_label: actorLabel }).execute();
}

/** Everything held about one agent (and their user account), for a subject-access export. */
export async function personalDataOf(db: Db, agentId: number) {
  const agent = await db
    .selectFrom("agents")
    .innerJoin("teams", "teams.id", "agents.team_id")
    .select([
      "agents.id",
      "agents.agent_code",
      "agents.name",
      "agents.email",
      "teams.name as team",
      "agents.hire_date",
      "agents.leave_date",
      "agents.created_at",
      "agents.updated_at",
    ])
    .where("agents.id", "=", agentId)
    .executeTakeFirst();
  if (!agent) return undefined;
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "active", "created_at", "updated_at"])
    .where("agent_id", "=", agentId)
    .execute();
  const userIds = users.map((u) => u.id);
  const [results, metricResults, interactions, qaEvaluations, csatResponses, auditAbout, auditBy, sessions] = await Promise.all([
    db.selectFrom("quarter_results").selectAll().where("agent_id", "=", agentId).orderBy("quarter_id").execute(),
    db.selectFrom("quarter_metric_results").selectAll().where("agent_id", "=", agentId).orderBy("quarter_id").orderBy("metric_key").execute(),
    db.selectFrom("interaction_daily").selectAll().where("agent_id", "=", agentId).orderBy("date").orderBy("channel").execute(),
    db.selectFrom("qa_evaluations").selectAll().where("agent_id", "=", agentId).orderBy("date").execute(),
    db.selectFrom("csat_responses").selectAll().where("agent_id", "=", agentId).orderBy("date").execute(),
    db
      .selectFrom("audit_log")
      .selectAll()
      .where((eb) => eb.and([eb("entity", "=", "agent"), eb("entity_id", "=", agent.agent_code)]))
      .orderBy("id")
      .execute(),
    userIds.length > 0 ? db.selectFrom("audit_log").selectAll().where("actor_user_id", "in", userIds).orderBy("id").execute() : Promise.resolve([]),
    userIds.length > 0
      ? db.selectFrom("sessions").select(["user_id", "created_at", "last_seen_at", "expires_at"]).where("user_id", "in", userIds).execute()
      : Promise.resolve([]),
  ]);
  return { agent, users, sessions, results, metricResults, interactions, qaEvaluations, csatResponses, auditAbout, auditBy };
}
