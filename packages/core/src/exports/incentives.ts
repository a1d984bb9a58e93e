import { type Db, findQuarter, listNominations, listQuarterResults } from "@starboard/db";
import { type Grade, gradeBonus, roundMoney } from "@starboard/kpi";
import { DomainError } from "../errors.ts";
import { getOrganisationSettings } from "../settings/organisation.ts";
import { parseQuarterId } from "../cycle/step.ts";

export interface IncentiveLine {
  agentCode: string;
  agentName: string;
  team: string;
  grade: Grade | null;
  finalComposite: number | null;
  /** base × grade multiplier, unrounded. */
  gradeBonus: number;
  /** Names of the approved awards, "; "-separated. */
  awards: string;
  /** Sum of approved award amounts, unrounded. */
  awardAmount: number;
  /** gradeBonus + awardAmount, rounded to minor units: the only rounding. */
  payout: number;
}

export interface IncentiveReport {
  quarter: string;
  currency: string;
  baseAmount: number;
  lines: IncentiveLine[];
  /** Per team: the sum of its (rounded) payout lines. */
  teams: Array<{ team: string; agents: number; total: number }>;
  total: number;
}

/** States whose results are final enough to pay from. */
export const PAYABLE_STATES = ["locked", "published"] as const;

/**
 * The quarter's incentive payout: per agent the grade bonus (base × multiplier of the final
 * grade) plus every approved award, in the organisation's currency; rounded to minor units
 * only on each payout line; totals are sums of those lines (so they add up on paper).
 */
export async function buildIncentiveReport(db: Db, quarterId: string): Promise<IncentiveReport> {
  const id = parseQuarterId(quarterId);
  const quarter = await findQuarter(db, id);
  if (!quarter) throw new DomainError("not_found", `no quarter ${id}`, { quarter: id });
  if (!(PAYABLE_STATES as readonly string[]).includes(quarter.state)) {
    throw new DomainError("invalid_transition", `${id} is ${quarter.state}: incentives are exported once it is locked`, { quarter: id, state: quarter.state });
  }
  const settings = await getOrganisationSettings(db);
  const [results, nominations] = await Promise.all([listQuarterResults(db, id), listNominations(db, id)]);
  const approved = nominations.filter((n) => n.status === "approved");
  const foreign = approved.find((n) => n.award_currency !== settings.currency);
  if (foreign) {
    throw new DomainError("invalid_input", `award "${foreign.award_name}" is in ${foreign.award_currency} but the organisation pays in ${settings.currency}: change the award's currency first`, {
      award: foreign.award_name,
    });
  }
  const lines: IncentiveLine[] = results.map((r) => {
    const mine = approved.filter((n) => Number(n.agent_id) === Number(r.agent_id));
    const bonus = gradeBonus(settings.incentiveBaseAmount, settings.incentiveGradeMultipliers, r.grade as Grade | null);
    const awardAmount = mine.reduce((sum, n) => sum + Number(n.award_amount), 0);
    return {
      agentCode: r.agent_code,
      agentName: r.agent_name,
      team: r.team_name,
      grade: r.grade as Grade | null,
      finalComposite: r.final_composite,
      gradeBonus: bonus,
      awards: mine.map((n) => n.award_name).join("; "),
      awardAmount,
      payout: roundMoney(bonus + awardAmount),
    };
  });
  lines.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : a.agentCode < b.agentCode ? -1 : 1));
  const teams = new Map<string, { team: string; agents: number; cents: number }>();
  for (const line of lines) {
    const t = teams.get(line.team) ?? { team: line.team, agents: 0, cents: 0 };
    t.agents += 1;
    t.cents += Math.round(line.payout * 100);
    teams.set(line.team, t);
  }
  const teamTotals = [...teams.values()].map((t) => ({ team: t.team, agents: t.agents, total: t.cents / 100 }));
  const totalCents = teamTotals.reduce((s, t) => s + Math.round(t.total * 100), 0);
  return { quarter: id, currency: settings.currency, baseAmount: settings.incentiveBaseAmount, lines, teams: teamTotals, total: totalCents / 100 };
}
