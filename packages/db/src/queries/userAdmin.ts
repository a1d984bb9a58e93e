import type { Db } from "../database.ts";
import type { Role } from "../tables.ts";

/** Write side of user administration (the read side is queries/users.ts). */
export interface UserRecord {
  email: string;
  name: string;
  role: Role;
  agentId: number | null;
  teamIds: number[];
}

export async function insertUser(db: Db, user: UserRecord, at: string): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      agent_id: user.agentId,
      password_hash: null,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await replaceUserTeams(db, id, user.teamIds);
  return id;
}

export async function updateUserProfile(db: Db, userId: number, user: Omit<UserRecord, "email">, at: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ name: user.name, role: user.role, agent_id: user.agentId, updated_at: at })
    .where("id", "=", userId)
    .execute();
  await replaceUserTeams(db, userId, user.teamIds);
}

export async function replaceUserTeams(db: Db, userId: number, teamIds: readonly number[]): Promise<void> {
  await db.deleteFrom("user_teams").where("user_id", "=", userId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto("user_teams")
      .values([...new Set(teamIds)].map((team_id) => ({ user_id: userId, team_id })))
      .execute();
  }
}

export async function setUserActive(db: Db, userId: number, active: boolean, at: string): Promise<void> {
  await db.updateTable("users").set({ active: active ? 1 : 0, updated_at: at }).where("id", "=", userId).execute();
}

export async function setUserPasswordHash(db: Db, userId: number, passwordHash: string | null, at: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash, updated_at: at }).where("id", "=", userId).execute();
}
