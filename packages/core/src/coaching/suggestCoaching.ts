import { type Db, findQuarter, listInterventions, listQuarterResults } from "@starboard/db";
import { type AgentScore, type MetricKey, METRIC_CATALOGUE, quarterIdSchema, suggestForScore } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan, can } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

export interface SuggestedIntervention {
  id: number;
  name: string;
  kind: string;
}

/** One weak item (a metric with data under 70/100) of one agent, with the interventions the catalogue maps to it. */
export interface CoachingSuggestion {
  agentId: number;
  agentCode: string;
  agentName: string;
  teamId: number;
  teamName: string;
  metric: MetricKey;
  dimension: string;
  /** Normalised score 0–100, full precision. */
  normalized: number;
  /** The metric's raw value (for per-channel metrics: per channel). */
  raw: AgentScore["metrics"][number]["raw"];
  direction: "higher_is_better" | "lower_is_better";
  interventions: SuggestedIntervention[];
}

export interface CoachingSuggestions {
  quarter: string;
  suggestions: CoachingSuggestion[];
}

/**
 * Suggestions for a calculated quarter: one per weak item per agent, in agent-code then
 * rubric order. HR (and the CLI operator) get every team; a manager only their teams (or
 * the one asked for, if theirs). The weak-item rule is @starboard/kpi's, never re-implemented.
 */
export async function suggestCoaching(ctx: Context, input: { quarter: string; teamId?: number }): Promise<CoachingSuggestions> {
  const parsed = quarterIdSchema.safeParse(input.quarter);
  if (!parsed.success) {
    throw new DomainError("invalid_input", `"${input.quarter}" is not a quarter: use YYYY-Qn, e.g. 2026-Q3`, { quarter: input.quarter });
  }
  const quarterId = parsed.data;
  const user = await policyUserOf(ctx.db, ctx.actor);
  let teamFilter: readonly number[] | undefined;
  if (input.teamId !== undefined) {
    assertCan(user, "view_coaching_suggestions", { teamId: input.teamId });
    teamFilter = [input.teamId];
  } else if (user.role === "manager") {
    teamFilter = user.teamIds;
  } else if (user.role !== "hr") {
    throw new DomainError("forbidden", "not allowed: view_coaching_suggestions", { action: "view_coaching_suggestions" });
  }
  const quarter = await findQuarter(ctx.db, quarterId);
  if (quarter && !can(user, "view_quarter", { state: quarter.state })) {
    throw new DomainError("not_found", `quarter ${quarterId} does not exist`, { quarter: quarterId });
  }
  if (!quarter || quarter.calculated_at === null) {
    throw new DomainError("invalid_input", `quarter ${quarterId} has not been calculated yet`, { quarter: quarterId, reason: "notCalculated" });
  }
  return { quarter: quarterId, suggestions: await weakItemSuggestions(ctx.db, quarterId, teamFilter) };
}

/** The suggestion rows of a quarter, optionally only for some teams (team at the end of the quarter). */
export async function weakItemSuggestions(db: Db, quarterId: string, teamIds?: readonly number[]): Promise<CoachingSuggestion[]> {
  const [results, catalogue] = await Promise.all([listQuarterResults(db, quarterId), listInterventions(db, { activeOnly: true })]);
  const out: CoachingSuggestion[] = [];
  for (const r of results) {
    if (teamIds && !teamIds.includes(Number(r.team_id))) continue;
    const score = JSON.parse(r.explanation) as AgentScore;
    for (const { metric, interventions } of suggestForScore(score, catalogue)) {
      out.push({
        agentId: Number(r.agent_id),
        agentCode: r.agent_code,
        agentName: r.agent_name,
        teamId: Number(r.team_id),
        teamName: r.team_name,
        metric: metric.key,
        dimension: metric.dimensionKey,
        normalized: metric.normalized as number,
        raw: metric.raw,
        direction: METRIC_CATALOGUE[metric.key].direction,
        interventions: interventions.map((i) => ({ id: i.id, name: i.name, kind: i.kind })),
      });
    }
  }
  return out;
}
