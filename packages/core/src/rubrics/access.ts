import type { Actor } from "../context.ts";
import { assertCan } from "../policy/index.ts";

/**
 * Rubrics and their review are HR's. The CLI acts as the `system` operator (whoever can run
 * it can open the database file anyway); a signed-in user goes through the policy.
 */
export function assertCanManageRubrics(actor: Actor): void {
  if (actor.role === "system") return;
  assertCan({ role: actor.role, agentId: null, teamIds: [] }, "manage_rubrics");
}
