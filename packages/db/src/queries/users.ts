import { sql } from "kysely";
import type { Db } from "../database.ts";
import type { Role, User } from "../tables.ts";

/** Emails are compared case-insensitively: stored and looked up lower-cased and trimmed. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where(sql<string>`lower(email)`, "=", normalizeEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Teams a manager looks after, ascending by id (the first is the manager's "home" team). */
export async function teamIdsForUser(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("user_teams")
    .select("team_id")
    .where("user_id", "=", userId)
    .orderBy("team_id")
    .execute();
  return rows.map((r) => r.team_id);
}

/** The teams a manager looks after, with names, ascending by id. */
export async function teamsForUser(db: Db, userId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom("user_teams")
    .innerJoin("teams", "teams.id", "user_teams.team_id")
    .select(["teams.id as id", "teams.name as name"])
    .where("user_teams.user_id", "=", userId)
    .orderBy("teams.id")
    .execute();
}

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  agentId: number | null;
  active: boolean;
}

/** All users (no password hashes), by role then email. */
export async function listUsers(db: Db, options: { role?: Role } = {}): Promise<UserListItem[]> {
  let query = db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "agent_id", "active"])
    .orderBy("role")
    .orderBy("email");
  if (options.role) query = query.where("role", "=", options.role);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    agentId: r.agent_id,
    active: r.active === 1,
  }));
}
