import { isDomainError } from "@starboard/core";

/** A failed admin form: a key in the `admin` namespace (under `errors.`) and its parameters. */
export interface AdminFailure {
  ok: false;
  error: string;
  params: Record<string, string | number>;
}

const BY_REASON: Record<string, string> = {
  email_taken: "emailTaken",
  own_role: "ownRole",
  self: "self",
  inactive: "inactive",
  unknown_agent: "unknownAgent",
  unknown_team: "unknownTeam",
  agent_required: "agentRequired",
  agent_only_for_agents: "agentOnlyForAgents",
  teams_only_for_managers: "teamsOnlyForManagers",
  password_length: "passwordLength",
};

export const failure = (error: string, params: Record<string, string | number> = {}): AdminFailure => ({ ok: false, error, params });

/**
 * Turns a DomainError from core into a translated form error; anything else is rethrown
 * (a genuine bug: the root error boundary shows the generic page, the server logs it).
 */
export function adminFailure(error: unknown): AdminFailure {
  if (!isDomainError(error)) throw error;
  const reason = typeof error.params.reason === "string" ? error.params.reason : "";
  return failure(BY_REASON[reason] ?? error.code, { ...error.params, message: error.message });
}
