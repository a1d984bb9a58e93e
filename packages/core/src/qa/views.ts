import {
  disputesForScoring,
  listQaScorings,
  listUsers,
  openQaDisputes,
  pendingReviewsForUser,
  type QaDispute,
  type QaScoringRow,
  reviewsForScoring,
} from "@starboard/db";
import { itemDeviations, type QaAnswers, type QaFormDefinition, type QaItemDeviation, type QaItemRating, qaFormItems, qaItemRating, scoreQaEvaluation } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan, can } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { disputeDeadline } from "./disputes.ts";
import { loadScoring } from "./load.ts";

export interface QaEvaluationSummary {
  id: number;
  evaluationId: string;
  date: string;
  agentCode: string;
  /** Null in blind mode for reviewers who have not submitted yet. */
  agentName: string | null;
  teamName: string;
  formId: number;
  formName: string;
  formVersion: number;
  contactId: string | null;
  status: QaScoringRow["status"];
  dual: boolean;
  blind: boolean;
  scorePct: number | null;
  fatal: boolean | null;
  passed: boolean | null;
  finalizedAt: string | null;
}

const summary = (s: QaScoringRow, hideName = false): QaEvaluationSummary => ({
  id: s.id,
  evaluationId: `SB-${s.id}`,
  date: s.date,
  agentCode: s.agent_code,
  agentName: hideName ? null : s.agent_name,
  teamName: s.team_name,
  formId: s.form_id,
  formName: s.form_name,
  formVersion: s.form_version,
  contactId: s.contact_id,
  status: s.status,
  dual: s.dual === 1,
  blind: s.blind === 1,
  scorePct: s.final_pct === null ? null : Number(s.final_pct),
  fatal: s.final_fatal === null ? null : s.final_fatal === 1,
  passed: s.final_passed === null ? null : s.final_passed === 1,
  finalizedAt: s.finalized_at,
});

export interface QaReviewView {
  reviewer: string;
  mine: boolean;
  submitted: boolean;
  totalPoints: number | null;
  scorePct: number | null;
  fatal: boolean | null;
  itemPoints: Record<string, number>;
  answers: QaAnswers | null;
}

export interface QaEvaluationView {
  evaluation: QaEvaluationSummary;
  form: QaFormDefinition;
  maxPoints: number;
  /** The final answers and per-item points (when final). */
  finalAnswers: QaAnswers | null;
  finalItemPoints: Record<string, number>;
  /** The 5/3/1 rating of each final item tagged with an item-rated metric (what the metric counts). */
  finalItemRatings: Record<string, QaItemRating>;
  finalPoints: number | null;
  /** Reviews; hidden from agents, and from a reviewer until their own is in (independence). */
  reviews: QaReviewView[];
  deviations: QaItemDeviation[];
  disputes: QaDispute[];
  viewer: {
    canReview: boolean;
    canCalibrate: boolean;
    /** The policy lets the viewer act as this evaluation's QA lead (qa_evaluate_agent for its team). */
    canEvaluate: boolean;
    canResolveDisputes: boolean;
    canDispute: boolean;
    disputeDeadline: string | null;
  };
}

function itemPointsOf(form: QaFormDefinition, answers: QaAnswers | null): Record<string, number> {
  if (!answers) return {};
  const r = scoreQaEvaluation(form, answers);
  return r.ok ? Object.fromEntries(r.score.items.map((i) => [i.itemKey, i.points])) : {};
}

/** Per-item points, and the 5/3/1 rating of each item tagged with a metric, from one scoring. */
function finalItemsOf(form: QaFormDefinition, answers: QaAnswers | null): { points: Record<string, number>; ratings: Record<string, QaItemRating> } {
  const r = answers ? scoreQaEvaluation(form, answers) : null;
  if (!r?.ok) return { points: {}, ratings: {} };
  const tagged = new Set(qaFormItems(form).filter((i) => i.metricKey).map((i) => i.key));
  return {
    points: Object.fromEntries(r.score.items.map((i) => [i.itemKey, i.points])),
    ratings: Object.fromEntries(r.score.items.filter((i) => tagged.has(i.itemKey)).map((i) => [i.itemKey, qaItemRating(i)])),
  };
}

/** One evaluation as the viewer may see it (404 for someone else's, agents only once final). */
export async function getQaEvaluationView(ctx: Context, scoringId: number): Promise<QaEvaluationView> {
  const user = await policyUserOf(ctx.db, ctx.actor);
  const { scoring, form } = await loadScoring(ctx.db, scoringId);
  assertCan(user, "qa_view_evaluation", { agentId: scoring.agent_id, teamId: scoring.team_id, final: scoring.status === "final" });
  const isLead = can(user, "qa_evaluate_agent", { teamId: scoring.team_id });
  const reviews = await reviewsForScoring(ctx.db, scoring.id);
  const mine = reviews.find((r) => r.reviewer_user_id === ctx.actor.userId);
  const myPending = mine !== undefined && mine.submitted_at === null && scoring.status === "in_review";
  // Independence: a reviewer sees the other review only after submitting their own.
  const showReviews = isLead && !myPending;
  const reviewViews: QaReviewView[] = showReviews
    ? reviews.map((r) => {
        const answers = r.answers ? (JSON.parse(r.answers) as QaAnswers) : null;
        return {
          reviewer: r.reviewer_label,
          mine: r.reviewer_user_id === ctx.actor.userId,
          submitted: r.submitted_at !== null,
          totalPoints: r.total_points === null ? null : Number(r.total_points),
          scorePct: r.score_pct === null ? null : Number(r.score_pct),
          fatal: r.fatal === null ? null : r.fatal === 1,
          itemPoints: itemPointsOf(form, answers),
          answers,
        };
      })
    : [];
  const finalAnswers = scoring.final_answers ? (JSON.parse(scoring.final_answers) as QaAnswers) : null;
  const { points: finalItemPoints, ratings: finalItemRatings } = finalItemsOf(form, finalAnswers);
  const items = form.sections.flatMap((s) => s.items).map((i) => ({ itemKey: i.key, maxPoints: i.maxPoints }));
  const submitted = reviewViews.filter((r) => r.submitted);
  const deadline = disputeDeadline(scoring.finalized_at);
  const disputes = await disputesForScoring(ctx.db, scoring.id);
  return {
    evaluation: summary(scoring, scoring.blind === 1 && myPending),
    form,
    maxPoints: Number(scoring.form_max_points),
    finalAnswers,
    finalItemPoints,
    finalItemRatings,
    finalPoints: scoring.final_points === null ? null : Number(scoring.final_points),
    reviews: reviewViews,
    deviations: submitted.length >= 2 ? itemDeviations(items, submitted.map((r) => r.itemPoints), scoring.final_source === "consensus" ? finalItemPoints : null) : [],
    disputes,
    viewer: {
      canReview: myPending,
      canCalibrate: isLead && scoring.status === "calibration",
      canEvaluate: isLead,
      canResolveDisputes: isLead && disputes.some((d) => d.status === "open"),
      canDispute:
        can(user, "qa_dispute", { agentId: scoring.agent_id }) &&
        scoring.status === "final" &&
        disputes.length === 0 &&
        deadline !== null &&
        ctx.now().toISOString() <= deadline,
      disputeDeadline: deadline,
    },
  };
}

export interface QaWorkspace {
  pendingReviews: Array<{ scoringId: number; date: string; agentCode: string; agentName: string | null; formName: string; contactId: string | null; dual: boolean }>;
  evaluations: QaEvaluationSummary[];
  calibrations: QaEvaluationSummary[];
  openDisputes: Array<{ id: number; scoringId: number; agentCode: string; reason: string; filedAt: string }>;
  /** Agents the viewer may evaluate, and the other possible second reviewers. */
  agents: Array<{ code: string; name: string; teamId: number }>;
  reviewers: Array<{ id: number; email: string }>;
}

/** What a QA lead's workspace shows: my queue, recent evaluations of my teams, calibrations, disputes. */
export async function getQaWorkspace(ctx: Context): Promise<QaWorkspace> {
  const user = await policyUserOf(ctx.db, ctx.actor);
  if (user.role === "agent") throw new DomainError("forbidden", "not allowed: qa workspace");
  const teamIds = user.role === "hr" ? undefined : user.teamIds;
  const pending = ctx.actor.userId === null ? [] : await pendingReviewsForUser(ctx.db, ctx.actor.userId);
  const evaluations = await listQaScorings(ctx.db, { teamIds, limit: 100 });
  const calibrations = await listQaScorings(ctx.db, { teamIds, statuses: ["calibration"] });
  const disputes = await openQaDisputes(ctx.db, teamIds);
  const agents = await ctx.db
    .selectFrom("agents")
    .select(["agent_code", "name", "team_id"])
    .where("leave_date", "is", null)
    .orderBy("agent_code")
    .execute();
  const users = await listUsers(ctx.db);
  return {
    pendingReviews: pending.map((p) => ({
      scoringId: p.scoring_id,
      date: p.date,
      agentCode: p.agent_code,
      agentName: p.blind === 1 ? null : p.agent_name,
      formName: p.form_name,
      contactId: p.contact_id,
      dual: p.dual === 1,
    })),
    evaluations: evaluations.map((s) => summary(s, s.blind === 1)),
    calibrations: calibrations.map((s) => summary(s, s.blind === 1)),
    openDisputes: disputes.map((d) => ({ id: d.id, scoringId: d.scoring_id, agentCode: d.agent_code, reason: d.reason, filedAt: d.filed_at })),
    agents: agents.filter((a) => can(user, "qa_evaluate_agent", { teamId: a.team_id })).map((a) => ({ code: a.agent_code, name: a.name, teamId: a.team_id })),
    reviewers: users.filter((u) => u.active && (u.role === "hr" || u.role === "manager") && u.id !== ctx.actor.userId).map((u) => ({ id: u.id, email: u.email })),
  };
}

/** The signed-in agent's final evaluations, newest first, with dispute state. */
export async function listMyQaEvaluations(ctx: Context): Promise<Array<QaEvaluationSummary & { disputeStatus: QaDispute["status"] | null; canDispute: boolean; disputeDeadline: string | null }>> {
  const user = await policyUserOf(ctx.db, ctx.actor);
  if (user.role !== "agent" || user.agentId === null) throw new DomainError("forbidden", "only agents have their own evaluations");
  const rows = await listQaScorings(ctx.db, { agentId: user.agentId, statuses: ["final"] });
  const out = [];
  for (const s of rows) {
    const disputes = await disputesForScoring(ctx.db, s.id);
    const deadline = disputeDeadline(s.finalized_at);
    out.push({
      ...summary(s),
      disputeStatus: disputes[0]?.status ?? null,
      canDispute: disputes.length === 0 && deadline !== null && ctx.now().toISOString() <= deadline,
      disputeDeadline: deadline,
    });
  }
  return out;
}
