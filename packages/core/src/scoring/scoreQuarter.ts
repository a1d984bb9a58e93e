import {
  activeAgentsInPeriod,
  appendAudit,
  type Db,
  ensureDefaultRubric,
  ensureQuarter,
  findRubricForQuarter,
  listQuarterAdjustments,
  lockQuarterForWrite,
  type NewQuarterMetricResult,
  type NewQuarterResult,
  type QuarterState,
  replaceQuarterResults,
  setQuarterCalculation,
  setQuarterState,
} from "@starboard/db";
import {
  type AgentFacts,
  type AgentScore,
  type Channel,
  emptyAgentFacts,
  finalComposite,
  type Grade,
  gradeFor,
  type MetricResult,
  parseRubric,
  quarterEnd,
  quarterIdSchema,
  quarterStart,
  rankCompetition,
  type Rubric,
  type ScoreStatus,
  scoreAgent,
} from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { loadAgentFacts } from "./facts.ts";
import { evaluatePlansForQuarter } from "../coaching/evaluateCoachingPlans.ts";
import { inTransaction } from "../transaction.ts";

/** States from which a quarter may be (re)calculated; locked and published quarters are immutable. */
export const SCORABLE_STATES: readonly QuarterState[] = ["draft", "collecting", "calculated", "in_review"];

export interface ScoredAgent {
  agentId: number;
  agentCode: string;
  agentName: string;
  /** The agent's team when the quarter was scored; results are attributed to it. */
  teamId: number;
  teamName: string;
  status: ScoreStatus;
  /** Computed composite, full precision; null when insufficient. */
  composite: number | null;
  /** HR adjustment in points carried over from an earlier calculation, 0 when none. */
  adjustment: number;
  /** composite + adjustment; grade and ranks use it. Null when insufficient. */
  finalComposite: number | null;
  /** Grade of the final composite; null when insufficient. */
  grade: Grade | null;
  rankTeam: number | null;
  rankOrg: number | null;
  /** The engine's full explanation. */
  score: AgentScore;
  /** The quarterly sums the score was computed from. */
  facts: AgentFacts;
}

export interface QuarterScoreReport {
  quarter: string;
  firstDay: string;
  lastDay: string;
  rubric: { id: number; name: string; version: number };
  calculatedAt: string;
  previousState: QuarterState;
  /** Every agent active in the quarter, sorted by agent code. */
  agents: ScoredAgent[];
}

/**
 * Scores every agent active in the quarter with the rubric version in effect for it,
 * ranks them within team and organisation, stores results and per-metric rows, moves the
 * quarter to 'calculated' and writes the audit entry — all in one transaction.
 */
export async function scoreQuarter(ctx: Context, quarterId: string): Promise<QuarterScoreReport> {
  const parsed = quarterIdSchema.safeParse(quarterId);
  if (!parsed.success) {
    throw new DomainError("invalid_input", `"${quarterId}" is not a quarter: ${parsed.error.issues[0]?.message ?? "use YYYY-Qn"}`, {
      quarter: quarterId,
    });
  }
  const now = isoNow(ctx);
  const firstDay = quarterStart(quarterId);
  const lastDay = quarterEnd(quarterId);

  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, quarterId); // first: imports, transitions and other recalculations of this quarter wait
    const quarter = await ensureQuarter(trx, quarterId, now);
    if (!SCORABLE_STATES.includes(quarter.state)) {
      throw new DomainError("quarter_locked", `quarter ${quarterId} is ${quarter.state}; it can no longer be recalculated`, {
        quarter: quarterId,
        state: quarter.state,
      });
    }

    await ensureDefaultRubric(trx, now);
    const rubricRow = await findRubricForQuarter(trx, quarterId);
    if (!rubricRow) {
      throw new DomainError("no_rubric", `no approved rubric version is in effect for ${quarterId}`, { quarter: quarterId });
    }
    const rubric: Rubric = parseRubric(JSON.parse(rubricRow.definition));

    const agents = await activeAgentsInPeriod(trx, firstDay, lastDay);
    const facts = await loadAgentFacts(trx, firstDay, lastDay);
    const adjustments = await listQuarterAdjustments(trx, quarterId);

    const scored: ScoredAgent[] = agents
      .map((agent) => {
        const agentFacts = facts.get(agent.id) ?? emptyAgentFacts();
        const score = scoreAgent(rubric, agentFacts);
        const adjustment = adjustments.get(agent.id) ?? 0;
        const final = score.composite === null ? null : finalComposite(score.composite, adjustment);
        return {
          agentId: agent.id,
          agentCode: agent.agent_code,
          agentName: agent.name,
          teamId: agent.team_id,
          teamName: agent.team_name,
          status: score.status,
          composite: score.composite,
          adjustment,
          finalComposite: final,
          grade: final === null ? null : gradeFor(final),
          rankTeam: null,
          rankOrg: null,
          score,
          facts: agentFacts,
        } satisfies ScoredAgent;
      })
      .sort((a, b) => (a.agentCode < b.agentCode ? -1 : a.agentCode > b.agentCode ? 1 : 0));

    assignRanks(scored);

    await replaceQuarterResults(
      trx,
      quarterId,
      scored.map((a) => resultRow(quarterId, rubricRow.id, now, a)),
      scored.flatMap((a) => a.score.metrics.map((m) => metricRow(quarterId, a.agentId, m, a.facts))),
    );
    await setQuarterCalculation(trx, quarterId, rubricRow.id, now);
    await setQuarterState(trx, {
      quarterId,
      from: quarter.state,
      to: "calculated",
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      reason: quarter.state === "calculated" ? "recalculated" : null,
      at: now,
    });

    const counts = { complete: 0, incomplete: 0, insufficient: 0 };
    for (const a of scored) counts[a.status] += 1;
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "quarter.score",
      entity: "quarter",
      entity_id: quarterId,
      before: JSON.stringify({ state: quarter.state, rubricVersionId: quarter.rubric_version_id, calculatedAt: quarter.calculated_at }),
      after: JSON.stringify({ state: "calculated", rubricVersionId: rubricRow.id, calculatedAt: now, agents: scored.length, ...counts }),
    });
    await evaluatePlansForQuarter(trx, ctx.actor, quarterId, now); // coaching plans targeting this quarter (issue #6)

    return {
      quarter: quarterId,
      firstDay,
      lastDay,
      rubric: { id: rubricRow.id, name: rubricRow.name, version: Number(rubricRow.version) },
      calculatedAt: now,
      previousState: quarter.state,
      agents: scored,
    };
  });
}

/** Ranks by final composite within each team and across the organisation; insufficient agents stay unranked. */
function assignRanks(agents: ScoredAgent[]): void {
  for (const { item, rank } of rankCompetition(agents, (a) => a.finalComposite)) item.rankOrg = rank;
  const byTeam = new Map<number, ScoredAgent[]>();
  for (const a of agents) {
    const members = byTeam.get(a.teamId);
    if (members) members.push(a);
    else byTeam.set(a.teamId, [a]);
  }
  for (const members of byTeam.values()) {
    for (const { item, rank } of rankCompetition(members, (a) => a.finalComposite)) item.rankTeam = rank;
  }
}

function resultRow(quarterId: string, rubricVersionId: number, now: string, a: ScoredAgent): NewQuarterResult {
  return {
    quarter_id: quarterId,
    agent_id: a.agentId,
    team_id: a.teamId,
    rubric_version_id: rubricVersionId,
    status: a.status,
    composite: a.composite,
    adjustment: a.adjustment,
    final_composite: a.finalComposite,
    grade: a.grade,
    rank_team: a.rankTeam,
    rank_org: a.rankOrg,
    missing_weight_bp: a.score.missingWeightBp,
    explanation: JSON.stringify(a.score),
    calculated_at: now,
  };
}

function metricRow(quarterId: string, agentId: number, m: MetricResult, facts: AgentFacts): NewQuarterMetricResult {
  return {
    quarter_id: quarterId,
    agent_id: agentId,
    metric_key: m.key,
    dimension_key: m.dimensionKey,
    raw_value: scalarRaw(m, facts),
    points: m.points,
    normalized: m.normalized,
    weight_bp: m.weightBp,
    effective_weight_pct: m.effectiveWeightPct,
    sample: m.sample,
    missing: m.missing,
  };
}

/**
 * A scalar for SQL reporting. A per-channel raw value (average first response per channel)
 * becomes the mean over the channels it covers, weighted by each channel's counted contacts.
 */
export function scalarRaw(m: MetricResult, facts: AgentFacts): number | null {
  if (m.raw === null || typeof m.raw === "number") return m.raw;
  let weighted = 0;
  let contacts = 0;
  for (const [channel, avg] of Object.entries(m.raw) as Array<[Channel, number | undefined]>) {
    const counted = facts.channels[channel]?.frtContacts ?? 0;
    if (avg === undefined || counted === 0) continue;
    weighted += avg * counted;
    contacts += counted;
  }
  return contacts > 0 ? weighted / contacts : null;
}

