import { type Db, type UpsertCounts, type UserRecord, findUserByEmail, insertUser, teamIdsForUser, updateUserProfile } from "@starboard/db";

/**
 * users.csv rows by e-mail: a new e-mail is added (no password: HR sends a one-time link),
 * an existing one with different name/role/agent/teams is replaced, an identical one is
 * unchanged. Active/deactivated state and passwords are never changed by an import; a
 * user whose role changes is signed out.
 */
export async function upsertUserBatch(db: Db, records: readonly UserRecord[], at: string): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  for (const r of records) {
    const existing = await findUserByEmail(db, r.email);
    if (!existing) {
      await insertUser(db, r, at);
      counts.added++;
      continue;
    }
    const teams = await teamIdsForUser(db, existing.id);
    const same =
      existing.name === r.name &&
      existing.role === r.role &&
      existing.agent_id === r.agentId &&
      teams.length === r.teamIds.length &&
      teams.every((t, i) => t === r.teamIds[i]);
    if (same) {
      counts.unchanged++;
      continue;
    }
    await updateUserProfile(db, existing.id, r, at);
    if (existing.role !== r.role) await db.deleteFrom("sessions").where("user_id", "=", existing.id).execute();
    counts.replaced++;
  }
  return counts;
}
