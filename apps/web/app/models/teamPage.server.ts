import { decide } from "@starboard/core";
import { type Db, findTeam, metricAverages, teamMetricResults, teamRanking } from "@starboard/db";
import { isWeakMetric, METRIC_KEYS, type MetricResult, roundCompositeForDisplay, WEAK_ITEM_THRESHOLD_NORMALIZED } from "@starboard/kpi";
import { z } from "zod";
import type { QuarterOptionView } from "~/components/dashboard/types";
import type { SessionUser } from "~/utils/session.server";
import { type RankedAgentView, rankedAgentView } from "./hrOverview.server";
import { dashboardError } from "./quarters.server";
import { displayNormalized } from "./scoreView.server";

export const teamIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * The team a viewer asked for, after the policy check. A team that doesn't exist and a team
 * the manager doesn't look after get the same 404; an agent gets 403 (wrong role).
 */
export async function requireViewableTeam(db: Db, user: SessionUser, rawTeamId: string | undefined) {
  const parsed = teamIdSchema.safeParse(rawTeamId);
  if (!parsed.success) throw dashboardError(404, { code: "notFound" });
  const decision = decide(user, "view_team", { teamId: parsed.data });
  if (!decision.allowed) {
    if (decision.code === "forbidden") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    throw dashboardError(404, { code: "notFound" });
  }
  const team = await findTeam(db, parsed.data);
  if (!team) throw dashboardError(404, { code: "notFound" });
  return team;
}

export interface TeamMetricCell {
  normalized: number | null;
  weak: boolean;
  missing: string | null;
}

export interface TeamPageData {
  team: { id: number; name: string };
  quarter: QuarterOptionView | null;
  quarters: QuarterOptionView[];
  /** Metric columns in rubric order (as stored), with their dimension. */
  metrics: Array<{ key: string; dimensionKey: string }>;
  agents: Array<RankedAgentView & { metrics: Record<string, TeamMetricCell>; weakCount: number }>;
  averages: { composite: number | null; metrics: Record<string, number | null> };
  weakThreshold: number;
}

export async function getTeamPageData(
  db: Db,
  team: { id: number; name: string },
  selected: QuarterOptionView | null,
  quarters: QuarterOptionView[],
): Promise<TeamPageData> {
  const base: TeamPageData = {
    team,
    quarter: selected,
    quarters,
    metrics: [],
    agents: [],
    averages: { composite: null, metrics: {} },
    weakThreshold: WEAK_ITEM_THRESHOLD_NORMALIZED,
  };
  if (!selected) return base;
  const [ranking, metricRows, averages] = await Promise.all([
    teamRanking(db, selected.id, team.id),
    teamMetricResults(db, selected.id, team.id),
    metricAverages(db, [selected.id], team.id),
  ]);
  const metrics: TeamPageData["metrics"] = [];
  const cells = new Map<number, Record<string, TeamMetricCell>>();
  for (const m of metricRows) {
    if (!metrics.some((x) => x.key === m.metricKey)) metrics.push({ key: m.metricKey, dimensionKey: m.dimensionKey });
    const row = cells.get(m.agentId) ?? {};
    row[m.metricKey] = {
      normalized: displayNormalized(m.normalized),
      weak: isWeakMetric({ normalized: m.normalized } as MetricResult),
      missing: m.missing,
    };
    cells.set(m.agentId, row);
  }
  metrics.sort((a, b) => METRIC_KEYS.indexOf(a.key as never) - METRIC_KEYS.indexOf(b.key as never));
  const scored = ranking.filter((r) => r.finalComposite !== null);
  const compositeAverage =
    scored.length === 0 ? null : scored.reduce((sum, r) => sum + (r.finalComposite ?? 0), 0) / scored.length;
  return {
    ...base,
    metrics,
    agents: ranking.map((r) => {
      const agentCells = cells.get(r.agentId) ?? {};
      return {
        ...rankedAgentView(r),
        metrics: agentCells,
        weakCount: Object.values(agentCells).filter((c) => c.weak).length,
      };
    }),
    averages: {
      composite: compositeAverage === null ? null : roundCompositeForDisplay(compositeAverage),
      metrics: Object.fromEntries(averages.map((a) => [a.metricKey, displayNormalized(a.averageNormalized)])),
    },
  };
}
