import { listQaScorings, qaEvaluationsInRange, reviewerWorkload } from "@starboard/db";
import { type QaAnswers, qaFormDefinitionSchema, round9, scoreQaEvaluation } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";
import { qaMonthSchema } from "./sample.ts";

export interface QaScoreRow {
  month: string;
  key: string;
  label: string;
  evaluations: number;
  /** Mean score %, a fatal evaluation counting 0 (as in the quarterly qa_score). */
  meanScorePct: number;
  fatalEvaluations: number;
}

export interface QaReport {
  fromMonth: string;
  toMonth: string;
  byAgent: QaScoreRow[];
  byTeam: QaScoreRow[];
  /** Items that fail most (final internal evaluations), most first, with the cumulative share. */
  pareto: Array<{ form: string; itemKey: string; title: string; failures: number; cumulativePct: number }>;
  evaluations: number;
  fatalRatePct: number | null;
  /** Pass rate of final internal evaluations (imported files carry no pass/fail). */
  passRatePct: number | null;
  internalFinal: number;
  workload: Array<{ reviewer: string; submitted: number; pending: number }>;
}

const pct2 = (n: number, d: number) => (d === 0 ? null : Math.round(round9((n / d) * 100) * 100) / 100);

function aggregate(rows: Array<{ month: string; key: string; label: string; scorePct: number; fatal: boolean }>): QaScoreRow[] {
  const map = new Map<string, { month: string; key: string; label: string; n: number; sum: number; fatal: number }>();
  for (const r of rows) {
    const id = `${r.month}|${r.key}`;
    const e = map.get(id) ?? { month: r.month, key: r.key, label: r.label, n: 0, sum: 0, fatal: 0 };
    e.n++;
    e.sum += r.fatal ? 0 : r.scorePct;
    if (r.fatal) e.fatal++;
    map.set(id, e);
  }
  return [...map.values()]
    .sort((a, b) => (a.month === b.month ? a.key.localeCompare(b.key) : a.month < b.month ? 1 : -1))
    .map((e) => ({ month: e.month, key: e.key, label: e.label, evaluations: e.n, meanScorePct: Math.round(round9(e.sum / e.n) * 100) / 100, fatalEvaluations: e.fatal }));
}

/** QA score per agent/team/month, item failure Pareto, fatal-error and pass rates, reviewer workload. */
export async function qaReport(ctx: Context, input: { fromMonth: string; toMonth: string }): Promise<QaReport> {
  const user = await policyUserOf(ctx.db, ctx.actor);
  assertCan(user, "qa_view_reports");
  if (!qaMonthSchema.safeParse(input.fromMonth).success || !qaMonthSchema.safeParse(input.toMonth).success || input.fromMonth > input.toMonth) {
    throw new DomainError("invalid_input", "give a month range written YYYY-MM", { field: "month" });
  }
  const teamIds = user.role === "hr" ? undefined : user.teamIds;
  const from = `${input.fromMonth}-01`;
  const to = `${input.toMonth}-31`;
  const evaluations = await qaEvaluationsInRange(ctx.db, from, to, teamIds);
  const base = evaluations.map((e) => ({ month: e.date.slice(0, 7), scorePct: e.score_pct, fatal: e.fatal === 1, e }));

  const finals = await listQaScorings(ctx.db, { teamIds, statuses: ["final"], fromDate: from, toDate: to, limit: 100_000 });
  const failures = new Map<string, { form: string; itemKey: string; title: string; failures: number }>();
  let passed = 0;
  for (const s of finals) {
    if (s.final_passed === 1) passed++;
    if (!s.final_answers) continue;
    const form = qaFormDefinitionSchema.parse(JSON.parse(s.form_definition));
    const result = scoreQaEvaluation(form, JSON.parse(s.final_answers) as QaAnswers);
    if (!result.ok) continue;
    const titles = new Map(form.sections.flatMap((sec) => sec.items).map((i) => [i.key, i.title]));
    for (const item of result.score.items) {
      if (!item.failed) continue;
      const id = `${s.form_key}|${item.itemKey}`;
      const e = failures.get(id) ?? { form: s.form_name, itemKey: item.itemKey, title: titles.get(item.itemKey) ?? item.itemKey, failures: 0 };
      e.failures++;
      failures.set(id, e);
    }
  }
  const sorted = [...failures.values()].sort((a, b) => b.failures - a.failures || a.itemKey.localeCompare(b.itemKey));
  const totalFailures = sorted.reduce((s, f) => s + f.failures, 0);
  let running = 0;
  const pareto = sorted.map((f) => {
    running += f.failures;
    return { ...f, cumulativePct: pct2(running, totalFailures) ?? 0 };
  });
  const workload = (await reviewerWorkload(ctx.db, from, to)).map(({ reviewer, submitted, pending }) => ({ reviewer, submitted, pending }));
  return {
    fromMonth: input.fromMonth,
    toMonth: input.toMonth,
    byAgent: aggregate(base.map((b) => ({ ...b, key: b.e.agent_code, label: b.e.agent_name }))),
    byTeam: aggregate(base.map((b) => ({ ...b, key: String(b.e.team_id), label: b.e.team_name }))),
    pareto,
    evaluations: evaluations.length,
    fatalRatePct: pct2(evaluations.filter((e) => e.fatal === 1).length, evaluations.length),
    passRatePct: pct2(passed, finals.length),
    internalFinal: finals.length,
    workload,
  };
}
