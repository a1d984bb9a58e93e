import { gradeBonus, type GradeMultipliers } from "../awards/gradeBonus.ts";
import { serviceStarVerdict } from "../awards/serviceStar.ts";
import { previousQuarter } from "../period/quarter.ts";
import { round9 } from "../precision.ts";
import { GRADES, type Grade, type ScoreStatus } from "../scoring/result.ts";
import { spearmanCorrelation } from "./rankCorrelation.ts";

/** One side of a comparison: the final composite (computed + HR adjustment) and what follows from it. */
export interface Standing {
  composite: number | null;
  grade: Grade | null;
  status: ScoreStatus;
}

export interface WhatIfAgent {
  agentCode: string;
  agentName: string;
  teamName: string;
  /** As stored (what was calculated with the rubric in effect). */
  before: Standing;
  /** Under the draft rubric, same facts, same HR adjustment. */
  after: Standing;
  /** Fatal QA evaluations in the quarter (Service Star needs none). */
  fatalQaEvaluations: number;
}

export interface WhatIfQuarter {
  quarter: string;
  agents: WhatIfAgent[];
}

/** Grade → number of agents; `insufficient` counts agents without a grade. */
export type GradeCounts = Record<Grade | "insufficient", number>;

export interface Mover {
  quarter: string;
  agentCode: string;
  agentName: string;
  before: Standing;
  after: Standing;
  /** after − before composite, full precision. */
  change: number;
}

export interface QuarterSummary {
  quarter: string;
  agents: number;
  gradesBefore: GradeCounts;
  gradesAfter: GradeCounts;
  gradeChanged: number;
  /** Spearman over agents with a composite on both sides; null when it cannot be computed. */
  rankCorrelation: number | null;
  /** Σ grade bonus before/after in the organisation's currency, unrounded. */
  incentiveBefore: number;
  incentiveAfter: number;
}

export interface NominationChange {
  quarter: string;
  agentCode: string;
  agentName: string;
}

export interface WhatIfSummary {
  quarters: QuarterSummary[];
  /** Largest absolute composite changes, biggest first. */
  biggestMovers: Mover[];
  /** Service Star nominations that the draft would add / remove, for each quarter whose previous quarter is also compared. */
  nominationsGained: NominationChange[];
  nominationsLost: NominationChange[];
  incentiveChange: number;
}

export interface IncentiveSettings {
  baseAmount: number;
  multipliers: GradeMultipliers;
}

function gradeCounts(standings: readonly Standing[]): GradeCounts {
  const counts = Object.fromEntries([...GRADES, "insufficient"].map((g) => [g, 0])) as GradeCounts;
  for (const s of standings) counts[s.grade ?? "insufficient"] += 1;
  return counts;
}

/**
 * Summarises a what-if: per quarter the grade distribution before and after, how many grades
 * change, the rank correlation and the incentive cost; across quarters the biggest movers,
 * Service Star nominations gained and lost, and the total incentive change.
 */
export function summariseWhatIf(quarters: readonly WhatIfQuarter[], incentive: IncentiveSettings, moversLimit = 10): WhatIfSummary {
  const bonus = (s: Standing) => gradeBonus(incentive.baseAmount, incentive.multipliers, s.grade);
  const summaries: QuarterSummary[] = quarters.map((q) => {
    const pairs = q.agents
      .filter((a) => a.before.composite !== null && a.after.composite !== null)
      .map((a) => [round9(a.before.composite!), round9(a.after.composite!)] as const);
    return {
      quarter: q.quarter,
      agents: q.agents.length,
      gradesBefore: gradeCounts(q.agents.map((a) => a.before)),
      gradesAfter: gradeCounts(q.agents.map((a) => a.after)),
      gradeChanged: q.agents.filter((a) => a.before.grade !== a.after.grade).length,
      rankCorrelation: spearmanCorrelation(pairs),
      incentiveBefore: q.agents.reduce((sum, a) => sum + bonus(a.before), 0),
      incentiveAfter: q.agents.reduce((sum, a) => sum + bonus(a.after), 0),
    };
  });

  const movers: Mover[] = quarters
    .flatMap((q) =>
      q.agents
        .filter((a) => a.before.composite !== null && a.after.composite !== null)
        .map((a) => ({
          quarter: q.quarter,
          agentCode: a.agentCode,
          agentName: a.agentName,
          before: a.before,
          after: a.after,
          change: a.after.composite! - a.before.composite!,
        })),
    )
    .filter((m) => round9(m.change) !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.agentCode < b.agentCode ? -1 : 1))
    .slice(0, moversLimit);

  const byQuarter = new Map(quarters.map((q) => [q.quarter, new Map(q.agents.map((a) => [a.agentCode, a]))]));
  const nominationsGained: NominationChange[] = [];
  const nominationsLost: NominationChange[] = [];
  for (const q of quarters) {
    const prevId = previousQuarter(q.quarter);
    const prev = byQuarter.get(prevId);
    if (!prev) continue;
    for (const a of q.agents) {
      const p = prev.get(a.agentCode);
      const verdict = (side: "before" | "after") =>
        serviceStarVerdict(
          { quarterId: q.quarter, grade: a[side].grade, status: a[side].status, fatalQaEvaluations: a.fatalQaEvaluations },
          p ? { quarterId: prevId, grade: p[side].grade, status: p[side].status, fatalQaEvaluations: p.fatalQaEvaluations } : undefined,
          prevId,
        ).nominated;
      const before = verdict("before");
      const after = verdict("after");
      const change = { quarter: q.quarter, agentCode: a.agentCode, agentName: a.agentName };
      if (after && !before) nominationsGained.push(change);
      if (before && !after) nominationsLost.push(change);
    }
  }

  const incentiveChange = summaries.reduce((sum, s) => sum + s.incentiveAfter - s.incentiveBefore, 0);
  return { quarters: summaries, biggestMovers: movers, nominationsGained, nominationsLost, incentiveChange };
}
