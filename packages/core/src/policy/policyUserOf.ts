import { type Db, findUserById, teamIdsForUser } from "@starboard/db";
import type { Actor } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { PolicyUser } from "./index.ts";

/**
 * The policy view of whoever runs an operation. A signed-in user is read back from
 * the database (role, agent record, managed teams). The system/CLI operator works on the
 * database directly and has HR's reach (the CLI is an operator tool, like `starboard score`).
 */
export async function policyUserOf(db: Db, actor: Actor): Promise<PolicyUser & { userId: number | null }> {
  if (actor.role === "system" || actor.userId === null) return { role: "hr", agentId: null, teamIds: [], userId: null };
  const user = await findUserById(db, actor.userId);
  if (!user || user.active !== 1) throw new DomainError("forbidden", "this account can no longer act", {});
  return {
    role: user.role,
    agentId: user.agent_id,
    teamIds: user.role === "manager" ? await teamIdsForUser(db, user.id) : [],
    userId: user.id,
  };
}
