import type { Db, Role } from "@starboard/db";

/** A user the demo creates; managers name the teams they look after. */
export interface DemoUserSpec {
  email: string;
  name: string;
  role: Role;
  agentCode?: string;
  teams?: readonly string[];
  active?: boolean;
}

/**
 * Inserts demo users (one shared password hash) and their manager teams. The demo only
 * runs on an empty database, so these are plain inserts, batched.
 */
export async function insertDemoUsers(db: Db, users: readonly DemoUserSpec[], passwordHash: string, at: string): Promise<void> {
  const agentIds = new Map(
    (await db.selectFrom("agents").select(["id", "agent_code"]).execute()).map((a) => [a.agent_code, Number(a.id)]),
  );
  const teamIds = new Map((await db.selectFrom("teams").select(["id", "name"]).execute()).map((t) => [t.name, Number(t.id)]));
  const rows = users.map((u) => {
    const agentId = u.agentCode === undefined ? null : agentIds.get(u.agentCode);
    if (agentId === undefined) throw new Error(`demo user ${u.email}: unknown agent ${u.agentCode}`);
    return {
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      agent_id: agentId,
      password_hash: passwordHash,
      active: u.active === false ? (0 as const) : (1 as const),
      created_at: at,
      updated_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insertInto("users").values(rows.slice(i, i + 100)).execute();

  const userIds = new Map(
    (await db.selectFrom("users").select(["id", "email"]).execute()).map((u) => [u.email, Number(u.id)]),
  );
  const links = users.flatMap((u) =>
    (u.teams ?? []).map((team) => {
      const teamId = teamIds.get(team);
      if (teamId === undefined) throw new Error(`demo user ${u.email}: unknown team ${team}`);
      return { user_id: userIds.get(u.email.toLowerCase())!, team_id: teamId };
    }),
  );
  if (links.length > 0) await db.insertInto("user_teams").values(links).execute();
}
