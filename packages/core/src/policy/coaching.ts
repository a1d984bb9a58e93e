import type { Decision, PolicyUser } from "./index.ts";

/**
 * Coaching plans (issue #6). HR sees every plan and the effectiveness report and edits the
 * intervention catalogue; a manager assigns and follows up plans for agents of their teams;
 * an agent sees only their own plans, acknowledges them and adds progress notes.
 * Someone else's plan is `not_found` (existence isn't revealed); a wrong role is `forbidden`.
 */
export interface CoachingPolicyResources {
  /** The coaching overview (suggestions and plans of the teams one may see): HR and managers. */
  view_coaching_overview: undefined;
  /** The catalogue of interventions: HR edits it. */
  manage_coaching_catalogue: undefined;
  /** Effectiveness per intervention and per mentor: HR. */
  view_coaching_effectiveness: undefined;
  /** Weak items and suggested plans for a team (HR, or the team's manager). */
  view_coaching_suggestions: { teamId: number };
  /** Assign a plan to an agent of the team: the team's manager. */
  assign_coaching_plan: { teamId: number };
  /** See a plan: HR, the team's manager, or the agent it is for. */
  view_coaching_plan: { agentId: number; teamId: number };
  /** Start, complete or cancel a plan: the team's manager. */
  manage_coaching_plan: { teamId: number };
  /** Acknowledge a plan: only the agent it is for. */
  acknowledge_coaching_plan: { agentId: number; teamId: number };
  /** Add a progress note: the team's manager or the agent it is for. */
  add_coaching_note: { agentId: number; teamId: number };
}

const ALLOW: Decision = { allowed: true };
const FORBIDDEN: Decision = { allowed: false, code: "forbidden" };
const NOT_FOUND: Decision = { allowed: false, code: "not_found" };

const managesTeam = (user: PolicyUser, teamId: number): Decision => (user.teamIds.includes(teamId) ? ALLOW : NOT_FOUND);
const isTheAgent = (user: PolicyUser, agentId: number): Decision =>
  user.agentId !== null && user.agentId === agentId ? ALLOW : NOT_FOUND;

export const coachingRules: { [A in keyof CoachingPolicyResources]: (user: PolicyUser, resource: CoachingPolicyResources[A]) => Decision } = {
  view_coaching_overview: (user) => (user.role === "hr" || user.role === "manager" ? ALLOW : FORBIDDEN),
  manage_coaching_catalogue: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  view_coaching_effectiveness: (user) => (user.role === "hr" ? ALLOW : FORBIDDEN),
  view_coaching_suggestions: (user, { teamId }) =>
    user.role === "hr" ? ALLOW : user.role === "manager" ? managesTeam(user, teamId) : FORBIDDEN,
  assign_coaching_plan: (user, { teamId }) => (user.role === "manager" ? managesTeam(user, teamId) : FORBIDDEN),
  view_coaching_plan: (user, { agentId, teamId }) =>
    user.role === "hr" ? ALLOW : user.role === "manager" ? managesTeam(user, teamId) : isTheAgent(user, agentId),
  manage_coaching_plan: (user, { teamId }) => (user.role === "manager" ? managesTeam(user, teamId) : FORBIDDEN),
  acknowledge_coaching_plan: (user, { agentId }) => (user.role === "agent" ? isTheAgent(user, agentId) : FORBIDDEN),
  add_coaching_note: (user, { agentId, teamId }) =>
    user.role === "manager" ? managesTeam(user, teamId) : user.role === "agent" ? isTheAgent(user, agentId) : FORBIDDEN,
};
