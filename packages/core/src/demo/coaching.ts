import {
  type Db,
  findCoachingPlan,
  findMetricResult,
  findUserByEmail,
  insertCoachingPlan,
  updateCoachingPlan, insertCoachingPlanNote, mentorCandidates, type NewCoachingPlan } from "@starboard/db";
import { METRIC_CATALOGUE, type MetricKey, type MetricUnit } from "@starboard/kpi";
import { evaluatePlansForQuarter } from "../coaching/evaluateCoachingPlans.ts";
import { type CoachingSuggestion, weakItemSuggestions } from "../coaching/suggestCoaching.ts";
import type { Context } from "../context.ts";

/**
 * Demo coaching plans, added after the demo's quarters are scored and published (scores are
 * unchanged): plans assigned in 2026-Q2 targeting 2026-Q3, completed and evaluated so the
 * effectiveness report has outcomes, plus open plans from 2026-Q3's weak items targeting
 * 2026-Q4 — one of them past its due date (2026-10-30), so it shows as overdue.
 * Everything is picked deterministically from the stored results.
 */
const PAST = { source: "2026-Q2", target: "2026-Q3", assignedAt: "2026-05-18T09:00:00.000Z", acknowledgedAt: "2026-05-19T08:30:00.000Z", due: "2026-08-31" };
const OPEN = { source: "2026-Q3", target: "2026-Q4", assignedAt: "2026-10-02T09:00:00.000Z", due: "2026-12-31", overdueDue: "2026-10-30" };

/** Agents that get a 2026-Q2 → 2026-Q3 plan (the first weak item each), then those that get an open 2026-Q4 one. */
const PAST_PLAN_AGENTS = ["AG008", "AG012", "AG019", "AG036", "AG039", "AG051", "AG055", "AG016"];
const OPEN_PLAN_AGENTS = ["AG008", "AG019", "AG036", "AG055"];

/** A realistic, modest target on the metric's raw scale, better than `before`. */
function targetFor(unit: MetricUnit, direction: "higher_is_better" | "lower_is_better", before: number): number {
  const step = unit === "seconds" ? Math.max(2, before * 0.1) : unit === "rating" ? 0.1 : unit === "pct_score" ? 3 : 1;
  const raw = direction === "higher_is_better" ? before + step : Math.max(0, before - step);
  const capped = unit === "rating" ? Math.min(5, raw) : unit === "seconds" ? raw : Math.min(100, raw);
  return Math.round(capped * 10) / 10;
}

function scalarRaw(s: CoachingSuggestion): number | null {
  if (s.raw === null) return null;
  if (typeof s.raw === "number") return s.raw;
  const values = Object.values(s.raw).filter((v): v is number => v !== undefined);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

async function plansFrom(
  db: Db,
  quarter: { source: string; target: string },
  codes: readonly string[],
  build: (s: CoachingSuggestion, index: number, mentorIds: number[], before: number) => Partial<NewCoachingPlan>,
): Promise<number[]> {
  const suggestions = await weakItemSuggestions(db, quarter.source);
  const ids: number[] = [];
  let index = 0;
  for (const code of codes) {
    // Rotate through each agent's weak items so the demo covers several metrics.
    const own = suggestions.filter((x) => x.agentCode === code && x.interventions.length > 0);
    const s = own[index % Math.max(1, own.length)];
    if (!s) continue;
    const stored = await findMetricResult(db, quarter.source, s.agentId, s.metric);
    const before = stored?.raw_value ?? scalarRaw(s);
    if (before === null || before === undefined) continue;
    const mentors = await mentorCandidates(db, s.teamId, s.agentId);
    if (mentors.length === 0) continue;
    const definition = METRIC_CATALOGUE[s.metric as MetricKey];
    const plan: NewCoachingPlan = {
      agent_id: s.agentId,
      team_id: s.teamId,
      intervention_id: s.interventions[index % s.interventions.length]!.id,
      source_quarter_id: quarter.source,
      target_quarter_id: quarter.target,
      metric_key: s.metric,
      dimension_key: s.dimension,
      target_value: targetFor(definition.unit, definition.direction, before),
      owner_user_id: mentors[0]!.id,
      due_date: "",
      activities: "",
      status: "assigned",
      assigned_by_user_id: null,
      assigned_by_label: "",
      created_at: "",
      updated_at: "",
      acknowledged_at: null,
      before_value: before,
      before_normalized: stored?.normalized ?? s.normalized,
      after_value: null,
      after_normalized: null,
      outcome: null,
      evaluated_at: null,
      ...build(s, index, mentors.map((m) => m.id), before),
    };
    ids.push(await insertCoachingPlan(db, plan));
    index += 1;
  }
  return ids;
}

export async function loadDemoCoaching(ctx: Context, managerEmailOfTeam: (teamName: string) => string | undefined): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const managerOf = async (teamName: string) => {
      const email = managerEmailOfTeam(teamName);
      const user = email ? await findUserByEmail(trx, email) : undefined;
      return user ? { id: user.id, label: user.email } : { id: null, label: "demo" };
    };

    const past = await plansFrom(trx, PAST, PAST_PLAN_AGENTS, (s, index, mentorIds) => ({
      // Alternate the team's manager and a peer agent as mentors, so the per-mentor report has both.
      owner_user_id: mentorIds[index % 2 === 0 ? 0 : mentorIds.length - 1]!,
      due_date: PAST.due,
      activities: "Two sessions a month with the mentor; review of ten own contacts; a short written reflection after each session.",
      status: "completed",
      assigned_by_label: "demo",
      created_at: PAST.assignedAt,
      updated_at: "2026-08-28T16:00:00.000Z",
      acknowledged_at: PAST.acknowledgedAt,
    }));
    for (const planId of past) {
      await insertCoachingPlanNote(trx, { plan_id: planId, author_user_id: null, author_label: "demo", body: "Sessions held as planned.", created_at: "2026-07-15T10:00:00.000Z" });
    }
    await evaluatePlansForQuarter(trx, ctx.actor, PAST.target, "2026-10-01T08:00:00.000Z");

    const statuses = ["in_progress", "acknowledged", "assigned", "in_progress"] as const;
    const open = await plansFrom(trx, OPEN, OPEN_PLAN_AGENTS, (s, index) => ({
      due_date: index === 0 ? OPEN.overdueDue : OPEN.due,
      activities: "Weekly 30-minute session with the mentor; complete the assigned course by the due date; track the metric each week.",
      status: statuses[index % statuses.length]!,
      assigned_by_label: "demo",
      created_at: OPEN.assignedAt,
      updated_at: OPEN.assignedAt,
      acknowledged_at: statuses[index % statuses.length] === "assigned" ? null : "2026-10-03T08:00:00.000Z",
    }));
    for (const planId of [...past, ...open]) {
      const plan = await findCoachingPlan(trx, planId);
      const manager = await managerOf(plan!.team_name);
      await updateCoachingPlan(trx, planId, { assigned_by_user_id: manager.id, assigned_by_label: manager.label });
    }
    return past.length + open.length;
  });
}
