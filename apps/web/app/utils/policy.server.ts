import { assertCan, type DomainError, isDomainError, type PolicyAction, type PolicyResources } from "@starboard/core";
import type { SessionUser } from "./session.server";

/**
 * Route-side access checks, all decided by @starboard/core's policy:
 *
 *     const user = await requireUser(request);
 *     requirePermission(user, "view_team", { teamId });   // throws 404 / 403 Response
 *
 * `not_found` (someone else's team/agent) becomes a 404, so existence isn't leaked;
 * `forbidden` (wrong role) becomes a 403. Both render the root ErrorBoundary.
 */
export function requirePermission<A extends PolicyAction>(
  user: SessionUser,
  action: A,
  ...resource: PolicyResources[A] extends undefined ? [] : [PolicyResources[A]]
): void {
  try {
    (assertCan as (u: SessionUser, a: PolicyAction, r?: unknown) => void)(user, action, resource[0]);
  } catch (error) {
    if (isDomainError(error)) throw domainErrorResponse(error);
    throw error;
  }
}

/** Maps a DomainError from core to an HTTP Response for `throw` in loaders/actions. */
export function domainErrorResponse(error: DomainError): Response {
  const status = error.code === "not_found" ? 404 : error.code === "forbidden" ? 403 : 400;
  const statusText = status === 404 ? "Not Found" : status === 403 ? "Forbidden" : "Bad Request";
  return new Response(statusText, { status, statusText });
}
