import { sql } from "kysely";
import type { Db } from "../database.ts";
import type { QuarterResult } from "../tables.ts";

/**
 * Read-only reporting queries for the dashboard pages. Each page needs one or a few of
 * these, never one query per agent. All of them filter on indexed columns:
 * quarter_results (quarter_id, agent_id) primary key and (quarter_id, team_id),
 * quarter_metric_results (quarter_id, agent_id, metric_key) primary key, agents.agent_code unique.
 * Portable SQL only (AVG / COUNT / CASE, no engine-specific functions).
 */

export interface QuarterKpis {
  agents: number;
  scored: number;
  complete: number;
  incomplete: number;
  insufficient: number;
  /** Mean final composite of ranked (non-insufficient) agents; null when none. */
  averageComposite: number | null;
}

export async function quarterKpis(db: Db, quarterId: string): Promise<QuarterKpis> {
  const row = await db
    .selectFrom("quarter_results")
    .where("quarter_id", "=", quarterId)
    .select((eb) => [
      eb.fn.countAll<number>().as("agents"),
      eb.fn.count<number>("final_composite").as("scored"),
      eb.fn.sum<number>(sql`CASE WHEN status = 'complete' THEN 1 ELSE 0 END`).as("complete"),
      eb.fn.sum<number>(sql`CASE WHEN status = 'incomplete' THEN 1 ELSE 0 END`).as("incomplete"),
      eb.fn.sum<number>(sql`CASE WHEN status = 'insufficient' THEN 1 ELSE 0 END`).as("insufficient"),
      eb.fn.avg<number>("final_composite").as("averageComposite"),
    ])
    .executeTakeFirstOrThrow();
  return {
    agents: Number(row.agents),
    scored: Number(row.scored),
    complete: Number(row.complete ?? 0),
    incomplete: Number(row.incomplete ?? 0),
    insufficient: Number(row.insufficient ?? 0),
    averageComposite: row.averageComposite == null ? null : Number(row.averageComposite),
  };
}

export interface GradeCount {
  /** null = insufficient (no grade). */
  grade: string | null;
  agents: number;
}

export async function gradeDistribution(db: Db, quarterId: string, teamId?: number): Promise<GradeCount[]> {
  let q = db
    .selectFrom("quarter_results")
    .where("quarter_id", "=", quarterId)
    .select((eb) => ["grade", eb.fn.countAll<number>().as("agents")])
    .groupBy("grade")
    .orderBy("grade");
  if (teamId !== undefined) q = q.where("team_id", "=", teamId);
  const rows = await q.execute();
  return rows.map((r) => ({ grade: r.grade, agents: Number(r.agents) }));
}

export interface TeamComposite {
  teamId: number;
  teamName: string;
  agents: number;
  scored: number;
  averageComposite: number | null;
}

/** Average final composite per team (team at the end of the quarter), best first. */
export async function teamComposites(db: Db, quarterId: string): Promise<TeamComposite[]> {
  const rows = await db
    .selectFrom("quarter_results as r")
    .innerJoin("teams as t", "t.id", "r.team_id")
    .where("r.quarter_id", "=", quarterId)
    .select((eb) => [
      "t.id as teamId",
      "t.name as teamName",
      eb.fn.countAll<number>().as("agents"),
      eb.fn.count<number>("r.final_composite").as("scored"),
      eb.fn.avg<number>("r.final_composite").as("averageComposite"),
    ])
    .groupBy(["t.id", "t.name"])
    .execute();
  return rows
    .map((r) => ({
      teamId: Number(r.teamId),
      teamName: r.teamName,
      agents: Number(r.agents),
      scored: Number(r.scored),
      averageComposite: r.averageComposite == null ? null : Number(r.averageComposite),
    }))
    .sort((a, b) => (b.averageComposite ?? -1) - (a.averageComposite ?? -1) || a.teamName.localeCompare(b.teamName));
}

export interface RankedAgent {
  agentId: number;
  agentCode: string;
  agentName: string;
  teamId: number;
  teamName: string;
  status: QuarterResult["status"];
  finalComposite: number | null;
  grade: string | null;
  rankTeam: number | null;
  rankOrg: number | null;
}

function rankedAgentsQuery(db: Db, quarterId: string) {
  return db
    .selectFrom("quarter_results as r")
    .innerJoin("agents as a", "a.id", "r.agent_id")
    .innerJoin("teams as t", "t.id", "r.team_id")
    .where("r.quarter_id", "=", quarterId)
    .select([
      "r.agent_id as agentId",
      "a.agent_code as agentCode",
      "a.name as agentName",
      "r.team_id as teamId",
      "t.name as teamName",
      "r.status as status",
      "r.final_composite as finalComposite",
      "r.grade as grade",
      "r.rank_team as rankTeam",
      "r.rank_org as rankOrg",
    ]);
}

/** The `limit` best and worst ranked agents of the organisation (insufficient agents are not ranked). */
export async function topAndBottomAgents(
  db: Db,
  quarterId: string,
  limit = 5,
): Promise<{ top: RankedAgent[]; bottom: RankedAgent[] }> {
  const base = rankedAgentsQuery(db, quarterId).where("r.final_composite", "is not", null);
  const [top, bottom] = await Promise.all([
    base.orderBy("r.final_composite", "desc").orderBy("a.agent_code").limit(limit).execute(),
    base.orderBy("r.final_composite", "asc").orderBy("a.agent_code").limit(limit).execute(),
  ]);
  return { top, bottom };
}

/** Every agent of a team in a quarter, ranked first (by team rank), then insufficient ones by code. */
export async function teamRanking(db: Db, quarterId: string, teamId: number): Promise<RankedAgent[]> {
  return rankedAgentsQuery(db, quarterId)
    .where("r.team_id", "=", teamId)
    .orderBy(sql`CASE WHEN r.rank_team IS NULL THEN 1 ELSE 0 END`)
    .orderBy("r.rank_team")
    .orderBy("a.agent_code")
    .execute();
}

export interface AgentMetricRow {
  agentId: number;
  metricKey: string;
  dimensionKey: string;
  rawValue: number | null;
  points: number | null;
  normalized: number | null;
  weightBp: number;
  effectiveWeightPct: number;
  missing: string | null;
}

/** Per-metric rows of every agent of a team in a quarter (one query for the whole table). */
export async function teamMetricResults(db: Db, quarterId: string, teamId: number): Promise<AgentMetricRow[]> {
  return db
    .selectFrom("quarter_metric_results as m")
    .innerJoin("quarter_results as r", (j) =>
      j.onRef("r.quarter_id", "=", "m.quarter_id").onRef("r.agent_id", "=", "m.agent_id"),
    )
    .where("r.quarter_id", "=", quarterId)
    .where("r.team_id", "=", teamId)
    .select([
      "m.agent_id as agentId",
      "m.metric_key as metricKey",
      "m.dimension_key as dimensionKey",
      "m.raw_value as rawValue",
      "m.points as points",
      "m.normalized as normalized",
      "m.weight_bp as weightBp",
      "m.effective_weight_pct as effectiveWeightPct",
      "m.missing as missing",
    ])
    .execute();
}

export interface MetricAverage {
  quarterId: string;
  metricKey: string;
  dimensionKey: string;
  /** Mean normalized score (0–100) over agents with data. */
  averageNormalized: number | null;
  agentsWithData: number;
}

/**
 * Average normalized score per metric and quarter, for the organisation or one team (team at
 * the end of each quarter). `quarterIds` restricts to the quarters the viewer may see.
 */
export async function metricAverages(
  db: Db,
  quarterIds: readonly string[],
  teamId?: number,
): Promise<MetricAverage[]> {
  if (quarterIds.length === 0) return [];
  let q = db
    .selectFrom("quarter_metric_results as m")
    .where("m.quarter_id", "in", [...quarterIds])
    .select((eb) => [
      "m.quarter_id as quarterId",
      "m.metric_key as metricKey",
      "m.dimension_key as dimensionKey",
      eb.fn.avg<number>("m.normalized").as("averageNormalized"),
      eb.fn.count<number>("m.normalized").as("agentsWithData"),
    ])
    .groupBy(["m.quarter_id", "m.metric_key", "m.dimension_key"])
    .orderBy("m.quarter_id")
    .orderBy("m.metric_key");
  if (teamId !== undefined) {
    q = q
      .innerJoin("quarter_results as r", (j) =>
        j.onRef("r.quarter_id", "=", "m.quarter_id").onRef("r.agent_id", "=", "m.agent_id"),
      )
      .where("r.team_id", "=", teamId);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    quarterId: r.quarterId,
    metricKey: r.metricKey,
    dimensionKey: r.dimensionKey,
    averageNormalized: r.averageNormalized == null ? null : Number(r.averageNormalized),
    agentsWithData: Number(r.agentsWithData),
  }));
}

/** Average final composite of a team per quarter (team aggregates only, never another agent's result). */
export async function teamCompositeHistory(
  db: Db,
  teamId: number,
  quarterIds: readonly string[],
): Promise<Array<{ quarterId: string; averageComposite: number | null; agents: number }>> {
  if (quarterIds.length === 0) return [];
  const rows = await db
    .selectFrom("quarter_results")
    .where("quarter_id", "in", [...quarterIds])
    .where("team_id", "=", teamId)
    .select((eb) => [
      "quarter_id as quarterId",
      eb.fn.avg<number>("final_composite").as("averageComposite"),
      eb.fn.countAll<number>().as("agents"),
    ])
    .groupBy("quarter_id")
    .orderBy("quarter_id")
    .execute();
  return rows.map((r) => ({
    quarterId: r.quarterId,
    averageComposite: r.averageComposite == null ? null : Number(r.averageComposite),
    agents: Number(r.agents),
  }));
}

export interface AgentIdentity {
  agentId: number;
  agentCode: string;
  agentName: string;
  /** Current team. */
  teamId: number;
  teamName: string;
}

export async function findAgentIdentityByCode(db: Db, agentCode: string): Promise<AgentIdentity | undefined> {
  return db
    .selectFrom("agents as a")
    .innerJoin("teams as t", "t.id", "a.team_id")
    .where("a.agent_code", "=", agentCode)
    .select(["a.id as agentId", "a.agent_code as agentCode", "a.name as agentName", "a.team_id as teamId", "t.name as teamName"])
    .executeTakeFirst();
}

export async function findTeam(db: Db, teamId: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom("teams").where("id", "=", teamId).select(["id", "name"]).executeTakeFirst();
}

export interface AgentQuarterRow {
  quarterId: string;
  teamId: number;
  teamName: string;
  status: QuarterResult["status"];
  composite: number | null;
  adjustment: number;
  finalComposite: number | null;
  grade: string | null;
  rankTeam: number | null;
  rankOrg: number | null;
  rubricVersionId: number;
  /** The engine's AgentScore as JSON. */
  explanation: string;
}

/** An agent's stored results in the given quarters, oldest first (quarter_results_agent_idx). */
export async function agentResults(
  db: Db,
  agentId: number,
  quarterIds: readonly string[],
): Promise<AgentQuarterRow[]> {
  if (quarterIds.length === 0) return [];
  return db
    .selectFrom("quarter_results as r")
    .innerJoin("teams as t", "t.id", "r.team_id")
    .where("r.agent_id", "=", agentId)
    .where("r.quarter_id", "in", [...quarterIds])
    .select([
      "r.quarter_id as quarterId",
      "r.team_id as teamId",
      "t.name as teamName",
      "r.status as status",
      "r.composite as composite",
      "r.adjustment as adjustment",
      "r.final_composite as finalComposite",
      "r.grade as grade",
      "r.rank_team as rankTeam",
      "r.rank_org as rankOrg",
      "r.rubric_version_id as rubricVersionId",
      "r.explanation as explanation",
    ])
    .orderBy("r.quarter_id")
    .execute();
}

/** Team and organisation sizes among ranked agents, to show "rank 3 of 10". */
export async function rankedCounts(
  db: Db,
  quarterId: string,
  teamId: number,
): Promise<{ team: number; org: number }> {
  const row = await db
    .selectFrom("quarter_results")
    .where("quarter_id", "=", quarterId)
    .where("final_composite", "is not", null)
    .select((eb) => [
      eb.fn.countAll<number>().as("org"),
      eb.fn.sum<number>(eb.case().when("team_id", "=", teamId).then(1).else(0).end()).as("team"),
    ])
    .executeTakeFirstOrThrow();
  return { team: Number(row.team ?? 0), org: Number(row.org) };
}
