/**
 * The monthly QA sampling plan (seed 003, "质检方式"), pure and reproducible:
 *
 * - random quota per agent = 1% of the agent's PREVIOUS month's contact volume (all
 *   channels), rounded up, at least 5; drawn from the agent's contacts of THIS month;
 * - an agent with full marks two months running gets only 5 in the third month, and the
 *   normal quota again from the fourth;
 * - targeted picks on top: calls (phone contacts) over 200 s in periods that missed the
 *   answer-rate target, every call under 20 s, and the contacts just before and after one
 *   where an evaluation found a problem.
 */

export const QA_SAMPLE_MIN = 5;
export const QA_SAMPLE_SHARE_PCT = 1;
export const QA_LONG_CALL_SEC = 200;
export const QA_SHORT_CALL_SEC = 20;

export type QaTargetReason = "long_call_sla_missed" | "short_call" | "next_to_problem";

export interface SampleContact {
  contactId: string;
  agentCode: string;
  /** ISO date-time (UTC). */
  startedAt: string;
  channel: string;
  durationSec: number;
  slaMissed: boolean;
}

export interface SampleAgentInput {
  agentCode: string;
  previousMonthContacts: number;
  /**
   * Whether each earlier month was "full marks" (at least one evaluation, all at 100%),
   * oldest first, the last entry being the previous month. Months before the list are
   * treated as not full marks.
   */
  fullMarksHistory: readonly boolean[];
}

export interface SamplePlanInput {
  month: string;
  seed: number;
  agents: readonly SampleAgentInput[];
  /** This month's contacts (all agents). */
  contacts: readonly SampleContact[];
  /** Contacts where an evaluation found a problem (any month); their neighbours this month are picked. */
  problemContacts: readonly SampleContact[];
}

export interface AgentSample {
  agentCode: string;
  /** The size of the random draw. */
  quota: number;
  /** True when the full-marks rule cut the quota to 5 this month. */
  reduced: boolean;
  random: string[];
  targeted: { contactId: string; reason: QaTargetReason }[];
}

/** Whether the month after `history` is a reduced (5-only) month: two full months, the last not itself reduced. */
export function isReducedMonth(fullMarksHistory: readonly boolean[]): boolean {
  // reduced[i] = month i follows two full-marks months and month i−1 was not reduced.
  let reducedPrev = false;
  let reducedNow = false;
  for (let i = 0; i <= fullMarksHistory.length; i++) {
    const full1 = fullMarksHistory[i - 1] ?? false;
    const full2 = fullMarksHistory[i - 2] ?? false;
    reducedNow = full1 && full2 && !reducedPrev;
    reducedPrev = reducedNow;
  }
  return reducedNow;
}

/** 1% of the previous month's volume, rounded up, at least 5 (or exactly 5 in a reduced month). */
export function randomQuota(previousMonthContacts: number, reduced: boolean): number {
  if (reduced) return QA_SAMPLE_MIN;
  return Math.max(QA_SAMPLE_MIN, Math.ceil((previousMonthContacts * QA_SAMPLE_SHARE_PCT) / 100));
}

/** mulberry32: a small, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for per-agent seeds derived from the plan seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const byStart = (a: SampleContact, b: SampleContact) =>
  a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0;

/** The plan for one month: per agent (sorted by code), targeted picks first, then the random draw from the rest. */
export function planQaSample(input: SamplePlanInput): AgentSample[] {
  const contactsByAgent = new Map<string, SampleContact[]>();
  for (const c of input.contacts) {
    const list = contactsByAgent.get(c.agentCode) ?? [];
    list.push(c);
    contactsByAgent.set(c.agentCode, list);
  }
  const agents = [...input.agents].sort((a, b) => (a.agentCode < b.agentCode ? -1 : a.agentCode > b.agentCode ? 1 : 0));
  return agents.map((agent) => {
    const contacts = [...(contactsByAgent.get(agent.agentCode) ?? [])].sort(byStart);
    const targeted = new Map<string, QaTargetReason>();
    for (const c of contacts) {
      if (c.channel !== "phone") continue;
      if (c.durationSec > QA_LONG_CALL_SEC && c.slaMissed) targeted.set(c.contactId, "long_call_sla_missed");
      else if (c.durationSec < QA_SHORT_CALL_SEC) targeted.set(c.contactId, "short_call");
    }
    for (const p of input.problemContacts) {
      if (p.agentCode !== agent.agentCode) continue;
      const sameChannel = contacts.filter((c) => c.channel === p.channel && c.contactId !== p.contactId);
      const before = sameChannel.filter((c) => byStart(c, p) < 0).at(-1);
      const after = sameChannel.find((c) => byStart(c, p) > 0);
      for (const n of [before, after]) if (n && !targeted.has(n.contactId)) targeted.set(n.contactId, "next_to_problem");
    }

    const reduced = isReducedMonth(agent.fullMarksHistory);
    const wanted = randomQuota(agent.previousMonthContacts, reduced);
    const pool = contacts.filter((c) => !targeted.has(c.contactId)).map((c) => c.contactId).sort();
    const random = seededRandom(hashString(`${input.seed}:${input.month}:${agent.agentCode}`));
    const take = Math.min(wanted, pool.length);
    // Partial Fisher–Yates: the first `take` positions become a uniform sample.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const order = new Map(contacts.map((c, i) => [c.contactId, i]));
    return {
      agentCode: agent.agentCode,
      quota: take,
      reduced,
      random: pool.slice(0, take).sort((a, b) => order.get(a)! - order.get(b)!),
      targeted: [...targeted.entries()]
        .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
        .map(([contactId, reason]) => ({ contactId, reason })),
    };
  });
}

/**
 * Balances picks across reviewers: each pick goes to the eligible reviewer with the fewest
 * picks so far (ties: the lower id). Returns reviewer id per pick (null when none is eligible).
 */
export function balanceReviewers<P>(picks: readonly P[], eligible: (pick: P) => readonly number[]): (number | null)[] {
  const load = new Map<number, number>();
  return picks.map((pick) => {
    const candidates = [...eligible(pick)].sort((a, b) => a - b);
    let best: number | null = null;
    for (const id of candidates) if (best === null || (load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
    if (best !== null) load.set(best, (load.get(best) ?? 0) + 1);
    return best;
  });
}
