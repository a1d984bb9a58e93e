import { type Db, findUserById, teamIdsForUser } from "@starboard/db";
import type { Actor } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { PolicyUser } from "../policy/index.ts";

/**
 * The policy view of the acting user, read from the database (role, agent record, managed
 * teams). The CLI / system actor acts as HR.
 */
export async function policyUserOf(db: Db, actor: Actor): Promise<PolicyUser> {
  if (actor.role === "system" || actor.userId === null) return { role: "hr", agentId: null, teamIds: [] };
  const user = await findUserById(db, actor.userId);
  if (!user || user.active !== 1) throw new DomainError("forbidden", "unknown or inactive user");
  return {
    role: user.role,
    agentId: user.agent_id,
    teamIds: user.role === "manager" ? await teamIdsForUser(db, user.id) : [],
  };
}
