import type { Context } from "../context.ts";
import { assertCan, type PolicyAction, type PolicyResources } from "./index.ts";

/**
 * The policy check for an operation's actor. The CLI's system actor stands for the operator
 * who owns the database (full access, like HR); a web user is checked by the policy module.
 */
export function assertActorCan<A extends PolicyAction>(
  ctx: Context,
  action: A,
  ...resource: PolicyResources[A] extends undefined ? [] : [PolicyResources[A]]
): void {
  const { actor } = ctx;
  if (actor.role === "system") return;
  (assertCan as (u: unknown, a: PolicyAction, r?: unknown) => void)(
    { role: actor.role, agentId: actor.agentId ?? null, teamIds: actor.teamIds ?? [] },
    action,
    resource[0],
  );
}
