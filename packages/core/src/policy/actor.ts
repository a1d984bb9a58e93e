import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "./index.ts";

type RoleOnlyAction = "manage_users" | "view_audit" | "manage_privacy" | "import_data";

/**
 * For operations that only need a role check: the operator at the CLI (role "system") is
 * trusted — they hold the database file — and everyone else goes through the policy.
 */
export function assertActorCan(ctx: Context, action: RoleOnlyAction): void {
  if (ctx.actor.role === "system") return;
  if (ctx.actor.userId === null) throw new DomainError("forbidden", `not allowed: ${action}`, { action });
  assertCan({ role: ctx.actor.role, agentId: null, teamIds: [] }, action);
}
