import { can, decide } from "@starboard/core";
import {
  agentResults,
  type AgentIdentity,
  type AgentQuarterRow,
  type Db,
  findAgentIdentityByCode,
  findRubricVersion,
  metricAverages,
  rankedCounts,
  teamCompositeHistory,
} from "@starboard/db";
import {
  type AgentScore,
  type Grade,
  nextGradeGap,
  parseRubric,
  roundCompositeForDisplay,
  round9,
  WEAK_ITEM_THRESHOLD_NORMALIZED,
} from "@starboard/kpi";
import { z } from "zod";
import type { AgentPageData, AgentResultView, ScoreStatus, TrendPoint } from "~/components/dashboard/types";
import type { SessionUser } from "~/utils/session.server";
import { dashboardError, resolveQuarter } from "./quarters.server";
import { metricViews } from "./scoreView.server";

/** Employee IDs as they appear in agents.csv; anything else cannot exist, so it is a plain 404. */
export const agentCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);

const notFound = () => dashboardError(404, { code: "notFound" });

/**
 * The agent a viewer asked for, after the policy check. A code that doesn't exist and an
 * agent the viewer may not see get the very same 404, so existence isn't revealed.
 */
export async function requireViewableAgent(db: Db, user: SessionUser, rawCode: string | undefined): Promise<AgentIdentity> {
  const parsed = agentCodeSchema.safeParse(rawCode);
  if (!parsed.success) throw notFound();
  const agent = await findAgentIdentityByCode(db, parsed.data);
  if (!agent) throw notFound();
  const decision = decide(user, "view_agent", { agentId: agent.agentId, teamId: agent.teamId });
  if (!decision.allowed) {
    if (decision.code === "forbidden") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    throw notFound();
  }
  return agent;
}

/** The signed-in agent's own record (for /me); 404 when the user is not linked to an agent. */
export async function requireOwnAgent(db: Db, user: SessionUser): Promise<AgentIdentity> {
  if (user.agentId === null) throw notFound();
  const agent = await db
    .selectFrom("agents")
    .where("id", "=", user.agentId)
    .select("agent_code")
    .executeTakeFirst();
  return requireViewableAgent(db, user, agent?.agent_code);
}

const ceilOneDecimal = (x: number) => Math.ceil(round9(x * 10)) / 10;

/** `teamTrend`: the team's average per quarter (it holds `row`'s quarter), fetched once for the trend too. */
async function resultView(
  db: Db,
  row: AgentQuarterRow,
  teamTrend: Promise<Array<{ quarterId: string; averageComposite: number | null }>>,
): Promise<AgentResultView> {
  const score = JSON.parse(row.explanation) as AgentScore;
  const rubricRow = await findRubricVersion(db, row.rubricVersionId);
  if (!rubricRow) throw new Error(`rubric version ${row.rubricVersionId} of ${row.quarterId} is missing`);
  const rubric = parseRubric(JSON.parse(rubricRow.definition));
  const [averages, counts, teamHistory] = await Promise.all([
    metricAverages(db, [row.quarterId], row.teamId),
    rankedCounts(db, row.quarterId, row.teamId),
    teamTrend,
  ]);
  const metrics = metricViews(score, rubric, new Map(averages.map((a) => [a.metricKey, a.averageNormalized])));
  const gap = row.finalComposite === null ? null : nextGradeGap(row.finalComposite);
  const teamAverage = teamHistory.find((t) => t.quarterId === row.quarterId)?.averageComposite ?? null;
  return {
    quarterId: row.quarterId,
    teamId: row.teamId,
    teamName: row.teamName,
    status: row.status,
    compositeDisplay: row.finalComposite === null ? null : roundCompositeForDisplay(row.finalComposite),
    compositeExact: row.composite === null ? null : round9(row.composite),
    adjustment: row.adjustment,
    computedDisplay: row.composite === null ? null : roundCompositeForDisplay(row.composite),
    grade: row.grade as Grade | null,
    rankTeam: row.rankTeam,
    rankOrg: row.rankOrg,
    rankedInTeam: counts.team,
    rankedInOrg: counts.org,
    nextGrade: gap ? { grade: gap.nextGrade, points: ceilOneDecimal(gap.pointsNeeded) } : null,
    metrics,
    weakCount: metrics.filter((m) => m.weak).length,
    teamAverageComposite: teamAverage === null ? null : roundCompositeForDisplay(teamAverage),
  };
}

/**
 * Everything the agent page (and /me) shows for one agent: the selected quarter's result with
 * its full explanation, and the trend over the quarters the viewer may see. Team figures are
 * aggregates (averages) only.
 */
export async function getAgentPageData(
  db: Db,
  user: SessionUser,
  agent: AgentIdentity,
  url: URL,
): Promise<AgentPageData> {
  const { selected, quarters } = await resolveQuarter(db, user, url);
  const visibleIds = quarters.map((q) => q.id);
  const rows = await agentResults(db, agent.agentId, visibleIds);
  const selectedRow = selected ? rows.find((r) => r.quarterId === selected.id) : undefined;
  const trendTeamId = selectedRow?.teamId ?? agent.teamId;
  // The selected quarter is one of `rows` and its team is the trend's team: one query serves both.
  const teamTrendQuery = teamCompositeHistory(db, trendTeamId, rows.map((r) => r.quarterId));
  const [result, teamTrend] = await Promise.all([
    selectedRow ? resultView(db, selectedRow, teamTrendQuery) : Promise.resolve(null),
    teamTrendQuery,
  ]);
  const teamAverageByQuarter = new Map(teamTrend.map((t) => [t.quarterId, t.averageComposite]));
  const trend: TrendPoint[] = rows.map((r) => {
    const teamAverage = teamAverageByQuarter.get(r.quarterId) ?? null;
    return {
      quarterId: r.quarterId,
      composite: r.finalComposite === null ? null : roundCompositeForDisplay(r.finalComposite),
      grade: r.grade as Grade | null,
      status: r.status as ScoreStatus,
      teamAverage: teamAverage === null ? null : roundCompositeForDisplay(teamAverage),
    };
  });
  return {
    agent: { code: agent.agentCode, name: agent.agentName, teamId: agent.teamId, teamName: agent.teamName },
    quarter: selected,
    quarters,
    result,
    trend,
    weakThreshold: WEAK_ITEM_THRESHOLD_NORMALIZED,
    canViewTeam: can(user, "view_team", { teamId: result?.teamId ?? agent.teamId }),
  };
}
