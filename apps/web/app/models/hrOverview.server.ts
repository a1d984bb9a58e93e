import {
  type Db,
  gradeDistribution,
  metricAverages,
  quarterKpis,
  type RankedAgent,
  teamComposites,
  topAndBottomAgents,
} from "@starboard/db";
import { GRADES, roundCompositeForDisplay } from "@starboard/kpi";
import type { Grade, QuarterOptionView } from "~/components/dashboard/types";
import { displayNormalized } from "./scoreView.server";

export interface RankedAgentView {
  code: string;
  name: string;
  teamId: number;
  teamName: string;
  composite: number | null;
  grade: Grade | null;
  status: RankedAgent["status"];
  rankTeam: number | null;
  rankOrg: number | null;
}

export interface HrOverviewData {
  quarter: QuarterOptionView | null;
  quarters: QuarterOptionView[];
  kpis: {
    agents: number;
    scored: number;
    averageComposite: number | null;
    complete: number;
    incomplete: number;
    insufficient: number;
    /** 0–100, share of agents with complete data. */
    percentComplete: number | null;
  } | null;
  /** Every grade A–E (0 when none) then the insufficient count as grade null. */
  grades: Array<{ grade: Grade | null; agents: number }>;
  teams: Array<{ teamId: number; teamName: string; agents: number; averageComposite: number | null }>;
  top: RankedAgentView[];
  bottom: RankedAgentView[];
  /** One row per visible calculated quarter, oldest first; metric key → org average normalized. */
  trends: { metricKeys: string[]; rows: Array<{ quarterId: string; values: Record<string, number | null> }> };
}

export function rankedAgentView(a: RankedAgent): RankedAgentView {
  return {
    code: a.agentCode,
    name: a.agentName,
    teamId: a.teamId,
    teamName: a.teamName,
    composite: a.finalComposite === null ? null : roundCompositeForDisplay(a.finalComposite),
    grade: a.grade as Grade | null,
    status: a.status,
    rankTeam: a.rankTeam,
    rankOrg: a.rankOrg,
  };
}

/** The HR overview of one quarter plus metric trends over every visible calculated quarter. */
export async function getHrOverview(
  db: Db,
  selected: QuarterOptionView | null,
  quarters: QuarterOptionView[],
): Promise<HrOverviewData> {
  const trendQuarterIds = quarters.filter((q) => q.calculated).map((q) => q.id);
  const empty: HrOverviewData = {
    quarter: selected,
    quarters,
    kpis: null,
    grades: [],
    teams: [],
    top: [],
    bottom: [],
    trends: { metricKeys: [], rows: [] },
  };
  const averagesPromise = metricAverages(db, trendQuarterIds);
  if (!selected) return { ...empty, trends: trendsFrom(await averagesPromise) };
  const [kpis, grades, teams, topBottom, averages] = await Promise.all([
    quarterKpis(db, selected.id),
    gradeDistribution(db, selected.id),
    teamComposites(db, selected.id),
    topAndBottomAgents(db, selected.id, 5),
    averagesPromise,
  ]);
  const gradeCounts = new Map(grades.map((g) => [g.grade, g.agents]));
  return {
    quarter: selected,
    quarters,
    kpis:
      kpis.agents === 0
        ? null
        : {
            ...kpis,
            averageComposite: kpis.averageComposite === null ? null : roundCompositeForDisplay(kpis.averageComposite),
            percentComplete: Math.round((1000 * kpis.complete) / kpis.agents) / 10,
          },
    grades:
      kpis.agents === 0
        ? []
        : [
            ...GRADES.map((grade) => ({ grade, agents: gradeCounts.get(grade) ?? 0 })),
            { grade: null, agents: gradeCounts.get(null) ?? 0 },
          ],
    teams: teams.map((t) => ({
      teamId: t.teamId,
      teamName: t.teamName,
      agents: t.agents,
      averageComposite: t.averageComposite === null ? null : roundCompositeForDisplay(t.averageComposite),
    })),
    top: topBottom.top.map(rankedAgentView),
    bottom: topBottom.bottom.map(rankedAgentView),
    trends: trendsFrom(averages),
  };
}

function trendsFrom(averages: Awaited<ReturnType<typeof metricAverages>>): HrOverviewData["trends"] {
  const metricKeys: string[] = [];
  const byQuarter = new Map<string, Record<string, number | null>>();
  for (const a of averages) {
    if (!metricKeys.includes(a.metricKey)) metricKeys.push(a.metricKey);
    const values = byQuarter.get(a.quarterId) ?? {};
    values[a.metricKey] = displayNormalized(a.averageNormalized);
    byQuarter.set(a.quarterId, values);
  }
  return {
    metricKeys,
    rows: [...byQuarter.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([quarterId, values]) => ({ quarterId, values })),
  };
}
