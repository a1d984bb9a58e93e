import type { QuarterState, Role } from "@starboard/db";
import { DomainError } from "../errors.ts";
import { type CoachingPolicyResources, coachingRules } from "./coaching.ts";

/**
 * The one place that decides who may do what. Routes, CLI and operations call `can` /
 * `assertCan`; no other code compares roles or team membership.
 *
 * Denials of someone else's personal data (a team or an agent that isn't yours) are
 * `not_found`, so the answer doesn't reveal whether the team/agent exists; denials by role
 * alone (an agent opening an HR page) are `forbidden`.
 */
export interface PolicyUser {
  role: Role;
  /** The agent record this user is, for role `agent`. */
  agentId: number | null;
  /** Teams this user manages, for role `manager`. */
  teamIds: readonly number[];
}

export interface PolicyResources extends CoachingPolicyResources {
  view_org_overview: undefined;
  import_data: undefined;
  calculate_quarter: undefined;
  view_team: { teamId: number };
  view_agent: { agentId: number; teamId: number };
  view_quarter: { state: QuarterState };
  manage_rubrics: undefined;
  manage_users: undefined;
  view_audit: undefined;
  manage_privacy: undefined;
  manage_cycle: undefined;
  decide_awards: undefined;
  adjust_result: undefined;
  export_incentives: undefined;
  manage_settings: undefined;
  comment_result: { teamId: number };
  respond_appraisal: { agentId: number };
  qa_manage_forms: undefined;
  qa_generate_sample: undefined;
  qa_view_sample: undefined;
  qa_view_reports: undefined;
  qa_evaluate_agent: { teamId: number };
  qa_view_evaluation: { agentId: number; teamId: number; final: boolean };
  qa_dispute: { agentId: number };
}

export type PolicyAction = keyof PolicyResources;

/** Actions that only take a user (no resource argument). */
type ActionsWithoutResource = { [A in PolicyAction]: PolicyResources[A] extends undefined ? A : never }[PolicyAction];
type ActionsWithResource = Exclude<PolicyAction, ActionsWithoutResource>;

export type Decision = { allowed: true } | { allowed: false; code: "forbidden" | "not_found" };

const ALLOW: Decision = { allowed: true };
const FORBIDDEN: Decision = { allowed: false, code: "forbidden" };
const NOT_FOUND: Decision = { allowed: false, code: "not_found" };

/** Quarter states each role may see. HR: every state; managers from review on; agents once published. */
const VISIBLE_QUARTER_STATES: Record<Role, readonly QuarterState[] | "all"> = {
  hr: "all",
  manager: ["in_review", "locked", "published"],
  agent: ["published"],
};

type Rules = { [A in PolicyAction]: (user: PolicyUser, resource: PolicyResources[A]) => Decision };

const rules: Rules = {
  view_org_overview: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  import_data: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  calculate_quarter: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  view_team: (user, { teamId }) => {
    if (user.role === "hr") return ALLOW;
    if (user.role === "manager") return user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND;
    return FORBIDDEN;
  },
  view_agent: (user, { agentId, teamId }) => {
    if (user.role === "hr") return ALLOW;
    if (user.role === "manager") return user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND;
    return user.agentId !== null && user.agentId === agentId ? ALLOW : NOT_FOUND;
  },
  manage_rubrics: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  view_quarter: (user, { state }) => {
    const visible = VISIBLE_QUARTER_STATES[user.role];
    return visible === "all" || visible.includes(state) ? ALLOW : NOT_FOUND;
  },
  ...coachingRules,
  manage_users: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  view_audit: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  manage_privacy: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  manage_cycle: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  decide_awards: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  adjust_result: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  export_incentives: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  manage_settings: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  comment_result: (user, { teamId }) => {
    if (user.role === "hr") return ALLOW;
    if (user.role === "manager") return user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND;
    return FORBIDDEN;
  },
  respond_appraisal: (user, { agentId }) =>
    user.role === "agent" ? (user.agentId !== null && user.agentId === agentId ? ALLOW : NOT_FOUND) : FORBIDDEN,
  qa_manage_forms: (user) => (user.role === "hr" || user.role === "manager" ? ALLOW : FORBIDDEN),
  qa_generate_sample: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  qa_view_sample: (user) => (user.role === "hr" || user.role === "manager" ? ALLOW : FORBIDDEN),
  qa_view_reports: (user) => (user.role === "hr" || user.role === "manager" ? ALLOW : FORBIDDEN),
  qa_evaluate_agent: (user, { teamId }) => {
    if (user.role === "hr") return ALLOW;
    if (user.role === "manager") return user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND;
    return FORBIDDEN;
  },
  qa_view_evaluation: (user, { agentId, teamId, final }) => {
    if (user.role === "hr") return ALLOW;
    if (user.role === "manager") return user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND;
    return final && user.agentId !== null && user.agentId === agentId ? ALLOW : NOT_FOUND;
  },
  qa_dispute: (user, { agentId }) => (user.role === "agent" && user.agentId === agentId ? ALLOW : NOT_FOUND),
};

export function decide<A extends ActionsWithoutResource>(user: PolicyUser, action: A): Decision;
export function decide<A extends ActionsWithResource>(user: PolicyUser, action: A, resource: PolicyResources[A]): Decision;
export function decide(user: PolicyUser, action: PolicyAction, resource?: unknown): Decision {
  const rule = rules[action] as (user: PolicyUser, resource: unknown) => Decision;
  return rule(user, resource);
}

export function can<A extends ActionsWithoutResource>(user: PolicyUser, action: A): boolean;
export function can<A extends ActionsWithResource>(user: PolicyUser, action: A, resource: PolicyResources[A]): boolean;
export function can(user: PolicyUser, action: PolicyAction, resource?: unknown): boolean {
  return (decide as (u: PolicyUser, a: PolicyAction, r?: unknown) => Decision)(user, action, resource).allowed;
}

/** Throws DomainError `forbidden` (role) or `not_found` (someone else's data) when denied. */
export function assertCan<A extends ActionsWithoutResource>(user: PolicyUser, action: A): void;
export function assertCan<A extends ActionsWithResource>(user: PolicyUser, action: A, resource: PolicyResources[A]): void;
export function assertCan(user: PolicyUser, action: PolicyAction, resource?: unknown): void {
  const decision = (decide as (u: PolicyUser, a: PolicyAction, r?: unknown) => Decision)(user, action, resource);
  if (!decision.allowed) {
    throw new DomainError(decision.code, decision.code === "forbidden" ? `not allowed: ${action}` : "not found", {
      action,
    });
  }
}
