import type { Db } from "../database.ts";
import type { Team } from "../tables.ts";

export async function findTeamByName(db: Db, name: string): Promise<Team | undefined> {
  return db.selectFrom("teams").selectAll().where("name", "=", name).executeTakeFirst();
}

/**
 * The team called `name`, created (with `createdAt`) when it does not exist yet. Safe when
 * two writers create the same team at once: the unique name decides, the loser reads it back.
 */
export async function findOrCreateTeam(db: Db, name: string, createdAt: string): Promise<Team> {
  const existing = await findTeamByName(db, name);
  if (existing) return existing;
  await db
    .insertInto("teams")
    .values({ name, created_at: createdAt })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const created = await findTeamByName(db, name);
  if (!created) throw new Error(`team ${name} could not be created`);
  return created;
}

/** All teams, by name. */
export async function listTeams(db: Db): Promise<Team[]> {
  return db.selectFrom("teams").selectAll().orderBy("name").orderBy("id").execute();
}
