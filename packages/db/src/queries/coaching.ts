import { sql } from "kysely";
import type { Db } from "../database.ts";
import type {
  CoachingPlan,
  CoachingPlanNote,
  CoachingPlanUpdate,
  InterventionKind,
  NewCoachingPlan,
  NewCoachingPlanNote,
} from "../tables/coaching.ts";
import type { QuarterMetricResult } from "../tables.ts";

/**
 * Coaching: the intervention catalogue, plans, notes and the effectiveness report.
 * Portable SQL only (SUM(CASE …), COUNT, joins).
 */

export interface InterventionWithMetrics {
  id: number;
  name: string;
  kind: InterventionKind;
  description: string;
  active: boolean;
  metricKeys: string[];
}

/** The catalogue, by name; each entry with the metrics it addresses (sorted). */
export async function listInterventions(db: Db, options: { activeOnly?: boolean } = {}): Promise<InterventionWithMetrics[]> {
  let q = db.selectFrom("coaching_interventions").selectAll().orderBy("name").orderBy("id");
  if (options.activeOnly) q = q.where("active", "=", 1);
  const [rows, links] = await Promise.all([
    q.execute(),
    db.selectFrom("coaching_intervention_metrics").selectAll().orderBy("metric_key").execute(),
  ]);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    kind: r.kind,
    description: r.description,
    active: r.active === 1,
    metricKeys: links.filter((l) => Number(l.intervention_id) === Number(r.id)).map((l) => l.metric_key),
  }));
}

export async function findIntervention(db: Db, id: number): Promise<InterventionWithMetrics | undefined> {
  return (await listInterventions(db)).find((i) => i.id === id);
}

export async function findInterventionByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  const row = await db.selectFrom("coaching_interventions").select("id").where("name", "=", name).executeTakeFirst();
  return row ? { id: Number(row.id) } : undefined;
}

export interface InterventionValues {
  name: string;
  kind: InterventionKind;
  description: string;
  active: boolean;
  metricKeys: readonly string[];
}

/** Inserts (id undefined) or replaces an intervention and its metric links; returns its id. */
export async function saveIntervention(db: Db, id: number | undefined, values: InterventionValues, at: string): Promise<number> {
  const row = { name: values.name, kind: values.kind, description: values.description, active: values.active ? (1 as const) : (0 as const), updated_at: at };
  let interventionId: number;
  if (id === undefined) {
    const inserted = await db.insertInto("coaching_interventions").values({ ...row, created_at: at }).returning("id").executeTakeFirstOrThrow();
    interventionId = Number(inserted.id);
  } else {
    await db.updateTable("coaching_interventions").set(row).where("id", "=", id).execute();
    await db.deleteFrom("coaching_intervention_metrics").where("intervention_id", "=", id).execute();
    interventionId = id;
  }
  if (values.metricKeys.length > 0) {
    await db
      .insertInto("coaching_intervention_metrics")
      .values(values.metricKeys.map((metric_key) => ({ intervention_id: interventionId, metric_key })))
      .execute();
  }
  return interventionId;
}

/** A plan with the names a page or report shows. */
export interface CoachingPlanRow extends CoachingPlan {
  agent_code: string;
  agent_name: string;
  team_name: string;
  intervention_name: string;
  intervention_kind: InterventionKind;
  owner_name: string;
}

function plansWithNames(db: Db) {
  return db
    .selectFrom("coaching_plans as p")
    .innerJoin("agents as a", "a.id", "p.agent_id")
    .innerJoin("teams as t", "t.id", "p.team_id")
    .innerJoin("coaching_interventions as i", "i.id", "p.intervention_id")
    .innerJoin("users as o", "o.id", "p.owner_user_id")
    .selectAll("p")
    .select([
      "a.agent_code as agent_code",
      "a.name as agent_name",
      "t.name as team_name",
      "i.name as intervention_name",
      "i.kind as intervention_kind",
      "o.name as owner_name",
    ]);
}

export async function insertCoachingPlan(db: Db, plan: NewCoachingPlan): Promise<number> {
  const row = await db.insertInto("coaching_plans").values(plan).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findCoachingPlan(db: Db, id: number): Promise<CoachingPlanRow | undefined> {
  return plansWithNames(db).where("p.id", "=", id).executeTakeFirst();
}

export interface CoachingPlanFilter {
  agentId?: number;
  /** Only plans of these teams (a manager's); an empty list matches nothing. */
  teamIds?: readonly number[];
  targetQuarterId?: string;
  statuses?: readonly CoachingPlan["status"][];
  /** Open plans with due_date < this ISO date. */
  overdueOn?: string;
  /**
   * Plans relevant to a quarter: targeting it, prompted by it (source quarter), or assigned
   * during it (created_at within [firstDay, lastDay], ISO dates).
   */
  relevantTo?: { quarterId: string; firstDay: string; lastDay: string };
}

/** Plans matching the filter: open ones first by due date, then the rest, newest first. */
export async function listCoachingPlans(db: Db, filter: CoachingPlanFilter = {}): Promise<CoachingPlanRow[]> {
  if (filter.teamIds && filter.teamIds.length === 0) return [];
  let q = plansWithNames(db);
  if (filter.agentId !== undefined) q = q.where("p.agent_id", "=", filter.agentId);
  if (filter.teamIds) q = q.where("p.team_id", "in", [...filter.teamIds]);
  if (filter.targetQuarterId !== undefined) q = q.where("p.target_quarter_id", "=", filter.targetQuarterId);
  if (filter.statuses) q = q.where("p.status", "in", [...filter.statuses]);
  if (filter.relevantTo !== undefined) {
    const { quarterId, firstDay, lastDay } = filter.relevantTo;
    q = q.where((eb) =>
      eb.or([
        eb("p.target_quarter_id", "=", quarterId),
        eb("p.source_quarter_id", "=", quarterId),
        eb.and([eb("p.created_at", ">=", firstDay), eb(sql<string>`substr(p.created_at, 1, 10)`, "<=", lastDay)]),
      ]),
    );
  }
  if (filter.overdueOn !== undefined) {
    q = q.where("p.status", "in", ["assigned", "acknowledged", "in_progress"]).where("p.due_date", "<", filter.overdueOn);
  }
  return q
    .orderBy(sql`CASE WHEN p.status IN ('assigned', 'acknowledged', 'in_progress') THEN 0 ELSE 1 END`)
    .orderBy("p.due_date")
    .orderBy("a.agent_code")
    .orderBy("p.id")
    .execute();
}

export async function updateCoachingPlan(db: Db, id: number, changes: CoachingPlanUpdate): Promise<void> {
  await db.updateTable("coaching_plans").set(changes).where("id", "=", id).execute();
}

export async function insertCoachingPlanNote(db: Db, note: NewCoachingPlanNote): Promise<number> {
  const row = await db.insertInto("coaching_plan_notes").values(note).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listCoachingPlanNotes(db: Db, planId: number): Promise<CoachingPlanNote[]> {
  return db.selectFrom("coaching_plan_notes").selectAll().where("plan_id", "=", planId).orderBy("id").execute();
}

/** One stored per-metric result (the "before" / "after" of a plan). */
export async function findMetricResult(
  db: Db,
  quarterId: string,
  agentId: number,
  metricKey: string,
): Promise<QuarterMetricResult | undefined> {
  return db
    .selectFrom("quarter_metric_results")
    .selectAll()
    .where("quarter_id", "=", quarterId)
    .where("agent_id", "=", agentId)
    .where("metric_key", "=", metricKey)
    .executeTakeFirst();
}

/** Open plans past their due date (before `today`), counted per team. */
export async function countOverduePlansByTeam(db: Db, today: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("coaching_plans")
    .select(["team_id", sql<number | string>`COUNT(*)`.as("overdue")])
    .where("status", "in", ["assigned", "acknowledged", "in_progress"])
    .where("due_date", "<", today)
    .groupBy("team_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.team_id), Number(r.overdue)]));
}

export interface EffectivenessRow {
  /** Intervention id, or owner user id, depending on the grouping. */
  id: number;
  name: string;
  /** Intervention kind (by intervention) or the mentor's email (by mentor). */
  detail: string;
  /** Evaluated plans (any outcome, including no_data). */
  evaluated: number;
  targetMet: number;
  improved: number;
  notImproved: number;
  noData: number;
}

const outcomeCounts = [
  sql<number | string>`COUNT(*)`.as("evaluated"),
  sql<number | string>`SUM(CASE WHEN p.outcome = 'target_met' THEN 1 ELSE 0 END)`.as("target_met"),
  sql<number | string>`SUM(CASE WHEN p.outcome = 'improved' THEN 1 ELSE 0 END)`.as("improved"),
  sql<number | string>`SUM(CASE WHEN p.outcome = 'not_improved' THEN 1 ELSE 0 END)`.as("not_improved"),
  sql<number | string>`SUM(CASE WHEN p.outcome = 'no_data' THEN 1 ELSE 0 END)`.as("no_data"),
] as const;

function toEffectiveness(r: {
  id: number;
  name: string;
  detail: string;
  evaluated: number | string;
  target_met: number | string;
  improved: number | string;
  not_improved: number | string;
  no_data: number | string;
}): EffectivenessRow {
  return {
    id: Number(r.id),
    name: r.name,
    detail: r.detail,
    evaluated: Number(r.evaluated),
    targetMet: Number(r.target_met ?? 0),
    improved: Number(r.improved ?? 0),
    notImproved: Number(r.not_improved ?? 0),
    noData: Number(r.no_data ?? 0),
  };
}

/** Outcomes of evaluated plans per intervention (sample size = evaluated). */
export async function effectivenessByIntervention(db: Db): Promise<EffectivenessRow[]> {
  const rows = await db
    .selectFrom("coaching_plans as p")
    .innerJoin("coaching_interventions as i", "i.id", "p.intervention_id")
    .where("p.outcome", "is not", null)
    .select(["i.id as id", "i.name as name", "i.kind as detail", ...outcomeCounts])
    .groupBy(["i.id", "i.name", "i.kind"])
    .orderBy("i.name")
    .execute();
  return rows.map(toEffectiveness);
}

/** Outcomes of evaluated plans per mentor (plan owner). */
export async function effectivenessByMentor(db: Db): Promise<EffectivenessRow[]> {
  const rows = await db
    .selectFrom("coaching_plans as p")
    .innerJoin("users as o", "o.id", "p.owner_user_id")
    .where("p.outcome", "is not", null)
    .select(["o.id as id", "o.name as name", "o.email as detail", ...outcomeCounts])
    .groupBy(["o.id", "o.name", "o.email"])
    .orderBy("o.name")
    .execute();
  return rows.map(toEffectiveness);
}

/** Who can own (mentor) a plan for an agent of `teamId`: the team's managers and its other active agents' users. */
export async function mentorCandidates(db: Db, teamId: number, excludeAgentId: number): Promise<Array<{ id: number; name: string; email: string; role: string }>> {
  const managers = await db
    .selectFrom("users as u")
    .innerJoin("user_teams as ut", "ut.user_id", "u.id")
    .select(["u.id as id", "u.name as name", "u.email as email", "u.role as role"])
    .where("ut.team_id", "=", teamId)
    .where("u.active", "=", 1)
    .orderBy("u.name")
    .execute();
  const agents = await db
    .selectFrom("users as u")
    .innerJoin("agents as a", "a.id", "u.agent_id")
    .select(["u.id as id", "u.name as name", "u.email as email", "u.role as role"])
    .where("a.team_id", "=", teamId)
    .where("a.id", "!=", excludeAgentId)
    .where("a.leave_date", "is", null)
    .where("u.active", "=", 1)
    .orderBy("u.name")
    .execute();
  return [...managers, ...agents].map((u) => ({ ...u, id: Number(u.id) }));
}

/** The newest date with any imported daily data (interactions, QA, CSAT) for an agent within the range; null when none. */
export async function lastFactDate(db: Db, agentId: number, firstDay: string, lastDay: string): Promise<string | null> {
  const newest = async (table: "interaction_daily" | "qa_evaluations" | "csat_responses") => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max("date").as("d"))
      .where("agent_id", "=", agentId)
      .where("date", ">=", firstDay)
      .where("date", "<=", lastDay)
      .executeTakeFirst();
    return (row?.d as string | null | undefined) ?? null;
  };
  const dates = (await Promise.all([newest("interaction_daily"), newest("qa_evaluations"), newest("csat_responses")])).filter(
    (d): d is string => d !== null,
  );
  return dates.length === 0 ? null : dates.sort().at(-1)!;
}
