import {
  can,
  type Context,
  type CoachingSuggestion,
  decide,
  isDomainError,
  organisationToday,
  planProgress,
  type PlanProgress,
  suggestCoaching,
} from "@starboard/core";
import { type CoachingPlanRow, countOverduePlansByTeam, type Db, findCoachingPlan, listCoachingPlanNotes, listCoachingPlans } from "@starboard/db";
import {
  allowedPlanActions,
  isPlanOverdue,
  type MetricKey,
  METRIC_CATALOGUE,
  nextQuarter,
  type PlanAction,
  type PlanOutcome,
  type PlanStatus,
  quarterEnd,
  quarterStart,
} from "@starboard/kpi";
import { z } from "zod";
import type { QuarterOptionView } from "~/components/dashboard/types";
import type { SessionUser } from "~/utils/session.server";
import { dashboardError, resolveQuarter } from "./quarters.server";
import { displayNormalized } from "./scoreView.server";

export const planIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** A plan as the pages show it (serializable). */
export interface PlanView {
  id: number;
  agentCode: string;
  agentName: string;
  teamId: number;
  teamName: string;
  interventionName: string;
  interventionKind: string;
  metric: string;
  dimension: string | null;
  direction: "higher_is_better" | "lower_is_better";
  unit: string;
  target: number;
  before: number | null;
  after: number | null;
  outcome: PlanOutcome | null;
  status: PlanStatus;
  dueDate: string;
  overdue: boolean;
  ownerName: string;
  sourceQuarter: string | null;
  targetQuarter: string;
  activities: string;
  assignedBy: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export function planView(p: CoachingPlanRow, today: string): PlanView {
  const definition = METRIC_CATALOGUE[p.metric_key as MetricKey];
  return {
    id: Number(p.id),
    agentCode: p.agent_code,
    agentName: p.agent_name,
    teamId: Number(p.team_id),
    teamName: p.team_name,
    interventionName: p.intervention_name,
    interventionKind: p.intervention_kind,
    metric: p.metric_key,
    dimension: p.dimension_key,
    direction: definition?.direction ?? "higher_is_better",
    unit: definition?.unit ?? "percent",
    target: p.target_value,
    before: p.before_value,
    after: p.after_value,
    outcome: p.outcome,
    status: p.status,
    dueDate: p.due_date,
    overdue: isPlanOverdue({ status: p.status, dueDate: p.due_date }, today),
    ownerName: p.owner_name,
    sourceQuarter: p.source_quarter_id,
    targetQuarter: p.target_quarter_id,
    activities: p.activities,
    assignedBy: p.assigned_by_label,
    createdAt: p.created_at,
    acknowledgedAt: p.acknowledged_at,
  };
}

export interface SuggestionView {
  agentCode: string;
  agentName: string;
  teamName: string;
  metric: string;
  dimension: string;
  normalized: number | null;
  interventions: Array<{ id: number; name: string }>;
  /** An open plan already covers this weak item for the next quarter. */
  existingPlanId: number | null;
}

export interface CoachingOverviewData {
  role: SessionUser["role"];
  today: string;
  quarter: QuarterOptionView | null;
  quarters: QuarterOptionView[];
  suggestions: SuggestionView[];
  plans: PlanView[];
  overdue: number;
}

/** HR: every team; a manager: their teams. Suggestions for the selected calculated quarter, and the plans. */
export async function getCoachingOverview(ctx: Context, user: SessionUser, url: URL): Promise<CoachingOverviewData> {
  const { db } = ctx;
  const today = await organisationToday(db, ctx.now());
  const teamIds = user.role === "hr" ? undefined : user.teamIds;
  const resolved = await resolveQuarter(db, user, url);
  const quarters = resolved.quarters.filter((q) => q.calculated);
  const selected = resolved.selected?.calculated ? resolved.selected : (quarters[0] ?? null);
  let suggestions: CoachingSuggestion[] = [];
  if (selected) {
    try {
      suggestions = (await suggestCoaching(ctx, { quarter: selected.id })).suggestions;
    } catch (error) {
      if (!isDomainError(error) || error.code !== "invalid_input") throw error;
    }
  }
  const plans = await listCoachingPlans(db, teamIds ? { teamIds } : {});
  const open = new Map(
    plans
      .filter((p) => selected && p.target_quarter_id === nextQuarter(selected.id) && ["assigned", "acknowledged", "in_progress"].includes(p.status))
      .map((p) => [`${p.agent_id}|${p.metric_key}`, Number(p.id)]),
  );
  const views = plans.map((p) => planView(p, today));
  return {
    role: user.role,
    today,
    quarter: selected,
    quarters,
    suggestions: suggestions.map((s) => ({
      agentCode: s.agentCode,
      agentName: s.agentName,
      teamName: s.teamName,
      metric: s.metric,
      dimension: s.dimension,
      normalized: displayNormalized(s.normalized),
      interventions: s.interventions.map((i) => ({ id: i.id, name: i.name })),
      existingPlanId: open.get(`${s.agentId}|${s.metric}`) ?? null,
    })),
    plans: views,
    overdue: views.filter((p) => p.overdue).length,
  };
}

export interface NoteView {
  id: number;
  author: string;
  body: string;
  createdAt: string;
}

export interface PlanPageData {
  plan: PlanView;
  notes: NoteView[];
  progress: PlanProgress | null;
  actions: PlanAction[];
  canNote: boolean;
  isOwnPlan: boolean;
}

/** The plan, if this user may see it (HR, the team's manager, the agent); anything else is the same 404. */
export async function requireViewablePlan(db: Db, user: SessionUser, rawPlanId: string | undefined): Promise<CoachingPlanRow> {
  const parsed = planIdSchema.safeParse(rawPlanId);
  if (!parsed.success) throw dashboardError(404, { code: "notFound" });
  const plan = await findCoachingPlan(db, parsed.data);
  if (!plan || !decide(user, "view_coaching_plan", { agentId: plan.agent_id, teamId: plan.team_id }).allowed) {
    throw dashboardError(404, { code: "notFound" });
  }
  return plan;
}

/** Which state actions this user may take now: valid from the plan's status AND allowed by the policy. */
export function actionsFor(user: SessionUser, plan: CoachingPlanRow): PlanAction[] {
  const owner = { agentId: plan.agent_id, teamId: plan.team_id };
  return allowedPlanActions(plan.status).filter((a) =>
    a === "acknowledge" ? can(user, "acknowledge_coaching_plan", owner) : can(user, "manage_coaching_plan", { teamId: plan.team_id }),
  );
}

/** Progress on the target metric during the target quarter, quarter to date (null before it starts). */
export async function progressFor(db: Db, plan: CoachingPlanRow, today: string): Promise<PlanProgress | null> {
  if (!(plan.metric_key in METRIC_CATALOGUE)) return null;
  return planProgress(db, { agentId: plan.agent_id, metric: plan.metric_key as MetricKey, target: plan.target_value, targetQuarter: plan.target_quarter_id }, today);
}

export async function getPlanPageData(ctx: Context, user: SessionUser, plan: CoachingPlanRow): Promise<PlanPageData> {
  const today = await organisationToday(ctx.db, ctx.now());
  const [notes, progress] = await Promise.all([listCoachingPlanNotes(ctx.db, plan.id), progressFor(ctx.db, plan, today)]);
  return {
    plan: planView(plan, today),
    notes: notes.map((n) => ({ id: Number(n.id), author: n.author_label, body: n.body, createdAt: n.created_at })),
    progress,
    actions: actionsFor(user, plan),
    canNote: can(user, "add_coaching_note", { agentId: plan.agent_id, teamId: plan.team_id }),
    isOwnPlan: user.agentId !== null && user.agentId === plan.agent_id,
  };
}

/** The signed-in agent's plans, open first, each with quarter-to-date progress on its target metric. */
export async function getMyCoachingData(ctx: Context, user: SessionUser): Promise<{ plans: Array<PlanView & { progress: PlanProgress | null }> }> {
  if (user.agentId === null) throw dashboardError(404, { code: "notFound" });
  const today = await organisationToday(ctx.db, ctx.now());
  const plans = await listCoachingPlans(ctx.db, { agentId: user.agentId });
  return {
    plans: await Promise.all(
      plans.map(async (p) => ({ ...planView(p, today), progress: p.outcome === null && p.status !== "cancelled" ? await progressFor(ctx.db, p, today) : null })),
    ),
  };
}

/**
 * The agent's coaching plans relevant to a quarter, for the printable appraisal report: those
 * targeting it, prompted by its weak items, or assigned during it. The caller has already
 * checked that the user may view the agent (the report's own access).
 */
export async function reportCoachingPlans(db: Db, agentId: number, quarterId: string, now: Date): Promise<PlanView[]> {
  const today = await organisationToday(db, now);
  const plans = await listCoachingPlans(db, { agentId, relevantTo: { quarterId, firstDay: quarterStart(quarterId), lastDay: quarterEnd(quarterId) } });
  return plans.map((p) => planView(p, today));
}

/** Overdue open plans for the dashboard hooks: every team (HR) or the given teams. */
export async function overdueCoachingCount(ctx: Context, teamIds?: readonly number[]): Promise<number> {
  const byTeam = await countOverduePlansByTeam(ctx.db, await organisationToday(ctx.db, ctx.now()));
  let total = 0;
  for (const [teamId, n] of byTeam) if (!teamIds || teamIds.includes(teamId)) total += n;
  return total;
}

/** Maps a DomainError from a coaching operation to a translation key of the coaching namespace. */
export function coachingErrorKey(error: unknown): { key: string; field: string | null } | null {
  if (!isDomainError(error)) return null;
  const reason = typeof error.params.reason === "string" ? error.params.reason : null;
  const field = typeof error.params.field === "string" ? error.params.field : null;
  if (error.code === "invalid_transition") return { key: "error.invalidTransition", field: null };
  if (error.code === "invalid_input") return { key: `error.${reason ?? "invalid"}`, field };
  if (error.code === "not_found") return { key: "error.notFound", field: null };
  if (error.code === "forbidden") return { key: "error.forbidden", field: null };
  return { key: "error.invalid", field };
}
