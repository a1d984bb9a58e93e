import { CHANNELS, type Channel, quarterEnd, quarterStart } from "@starboard/kpi";
import { DemoRandom } from "./random.ts";

/**
 * Sized datasets for load tests and benchmarks (`starboard demo --size S|M|L`). Unlike the
 * hand-shaped default demo, these are statistical: skewed volumes, a few agents with missing
 * data, every calendar day (contact centres run seven days a week) on all three channels.
 * Deterministic from a seed; each quarter is generated on its own, so memory stays bounded
 * by one quarter's CSV.
 *
 * L is the contact-centre scale the benchmark targets: 2,000 agents in 100 teams, 8 quarters,
 * ≈ 550k interaction rows, ≈ 200k QA evaluations and ≈ 300k CSAT responses per quarter.
 */
export const DEMO_SIZES = ["S", "M", "L"] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export const SIZE_SPECS: Record<DemoSize, { agents: number; teams: number }> = {
  S: { agents: 100, teams: 5 },
  M: { agents: 500, teams: 25 },
  L: { agents: 2000, teams: 100 },
};

/** Eight quarters, ending where the default demo ends. */
export const SIZED_QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] as const;

/** Mean contacts per agent-day by channel, before the agent's and the team's volume factors. */
const DAILY_CONTACTS: Record<Channel, number> = { phone: 20, chat: 15, email: 8 };
/** Share of contacts that answer the CSAT survey (≈ 150 responses per agent-quarter). */
const CSAT_RESPONSE_RATE = 0.035;

export interface SizedAgent {
  code: string;
  name: string;
  email: string;
  team: string;
  hireDate: string;
  /** Volume multiplier (log-normal: a few agents handle far more than the median). */
  volume: number;
  /** "How good", ≈ N(0, 0.8). */
  skill: number;
  /** The quarter in which this agent has no data at all (long leave), if any. */
  absentQuarter: string | null;
  /** The quarter in which first-response times were not recorded for this agent, if any. */
  frtOutageQuarter: string | null;
}

export interface SizedDemo {
  size: DemoSize;
  seed: number;
  quarters: readonly string[];
  agents: SizedAgent[];
  teams: string[];
  agentsCsv: string;
  /** Generates one quarter's three CSV files (deterministic per seed and quarter). */
  quarterFiles(quarter: string): { interactions: string; qa: string; csat: string; counts: SizedQuarterCounts };
}

export interface SizedQuarterCounts {
  interactionRows: number;
  qaEvaluations: number;
  csatResponses: number;
}

export const sizedAgentCode = (size: DemoSize, n: number) => `${size}${String(n).padStart(5, "0")}`;
export const sizedTeamName = (n: number) => `Team ${String(n).padStart(3, "0")}`;

export function generateSizedDemo(size: DemoSize, seed: number, quarters: readonly string[] = SIZED_QUARTERS): SizedDemo {
  const spec = SIZE_SPECS[size];
  const rng = new DemoRandom(seed ^ 0x51ed);
  const teams = Array.from({ length: spec.teams }, (_, i) => sizedTeamName(i + 1));
  const teamVolume = teams.map(() => Math.exp(rng.normal(0, 0.15)));
  const agents: SizedAgent[] = Array.from({ length: spec.agents }, (_, i) => {
    const code = sizedAgentCode(size, i + 1);
    const missing = rng.uniform();
    return {
      code,
      name: `Agent ${code}`,
      email: `${code.toLowerCase()}@load.starboard.test`,
      team: teams[i % spec.teams]!,
      hireDate: `20${String(15 + rng.int(0, 8)).padStart(2, "0")}-${String(rng.int(1, 12)).padStart(2, "0")}-01`,
      volume: Math.exp(rng.normal(0, 0.35)) * teamVolume[i % spec.teams]!,
      skill: rng.normal(0, 0.8),
      // About 1 % are away for a whole quarter, 1 % lose first-response data for one.
      absentQuarter: missing < 0.01 ? rng.pick(quarters) : null,
      frtOutageQuarter: missing >= 0.01 && missing < 0.02 ? rng.pick(quarters) : null,
    };
  });
  const agentsCsv = csv(
    ["agent_code", "name", "team", "email", "hire_date", "leave_date"],
    agents.map((a) => [a.code, a.name, a.team, a.email, a.hireDate, ""]),
  );
  return {
    size,
    seed,
    quarters,
    agents,
    teams,
    agentsCsv,
    quarterFiles: (quarter) => quarterFiles(agents, quarter, seed),
  };
}

function quarterFiles(agents: readonly SizedAgent[], quarter: string, seed: number) {
  const rng = new DemoRandom((seed * 31 + hashString(quarter)) >>> 0);
  const days = calendarDays(quarterStart(quarter), quarterEnd(quarter));
  const interactions: string[] = ["date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints"];
  const qa: string[] = ["evaluation_id,date,agent_code,form,score_pct,fatal,reviewer_code,contact_id"];
  const csat: string[] = ["response_id,date,agent_code,channel,rating"];
  let evaluationNo = 0;
  let responseNo = 0;
  for (const agent of agents) {
    if (agent.absentQuarter === quarter) continue;
    const skill = agent.skill + rng.normal(0, 0.2);
    const frtSec: Record<Channel, number> = {
      phone: Math.max(8, 40 - 8 * skill),
      chat: Math.max(5, 22 - 6 * skill),
      email: Math.max(1800, 14_400 - 3_600 * skill),
    };
    const answerRate = clamp(0.86 + 0.05 * skill, 0.5, 0.995);
    const fcr = clamp(0.9 + 0.03 * skill, 0.7, 0.985);
    const frtOutage = agent.frtOutageQuarter === quarter;
    let totalContacts = 0;
    for (const date of days) {
      for (const channel of CHANNELS) {
        const contacts = Math.max(0, Math.round(DAILY_CONTACTS[channel] * agent.volume * (0.6 + 0.8 * rng.uniform())));
        totalContacts += contacts;
        const frt = frtOutage ? "" : String(Math.round(contacts * frtSec[channel] * (0.85 + 0.3 * rng.uniform())));
        const answered = channel === "phone" ? String(Math.min(contacts, Math.round(contacts * answerRate))) : "";
        const resolved = Math.round(contacts * 0.93);
        const resolvedFirst = Math.min(resolved, Math.round(resolved * (fcr - 0.03 + 0.06 * rng.uniform())));
        const repeat = Math.round(contacts * (1 - fcr) * 0.6);
        const complaints = rng.uniform() < 0.02 ? 1 : 0;
        interactions.push(`${date},${agent.code},${channel},${contacts},${frt},${answered},${resolved},${resolvedFirst},${repeat},${complaints}`);
      }
    }
    const evaluations = rng.int(80, 120);
    for (let e = 0; e < evaluations; e++) {
      evaluationNo += 1;
      const score = clamp(Math.round(rng.normal(86 + 6 * skill, 6)), 35, 100);
      const fatal = rng.uniform() < clamp(0.03 - 0.02 * skill, 0.002, 0.2);
      qa.push(
        `EV-${quarter}-${evaluationNo},${days[rng.int(0, days.length - 1)]},${agent.code},phone QA v2,${score},${fatal},QA${rng.int(10, 49)},C-${rng.int(100000, 999999)}`,
      );
    }
    const responses = Math.round(totalContacts * CSAT_RESPONSE_RATE);
    const csatMean = clamp(4.2 + 0.25 * skill, 2.5, 4.85);
    for (let r = 0; r < responses; r++) {
      responseNo += 1;
      const x = rng.normal(csatMean, 0.55);
      const rating = clamp(Math.floor(x) + (rng.uniform() < x - Math.floor(x) ? 1 : 0), 1, 5);
      csat.push(`CS-${quarter}-${responseNo},${days[rng.int(0, days.length - 1)]},${agent.code},${CHANNELS[rng.int(0, 2)]},${rating}`);
    }
  }
  return {
    interactions: interactions.join("\n") + "\n",
    qa: qa.join("\n") + "\n",
    csat: csat.join("\n") + "\n",
    counts: { interactionRows: interactions.length - 1, qaEvaluations: qa.length - 1, csatResponses: csat.length - 1 },
  };
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Every date from `first` to `last` inclusive (ISO). */
function calendarDays(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.join(",")).join("\n") + "\n";
}
