import { type Channel, quarterEnd, quarterStart } from "@starboard/kpi";
import { DemoRandom } from "./random.ts";

/**
 * The demo organisation, generated deterministically from a seed: names, teams, hire dates
 * and archetypes are fixed; the seed only drives the day-to-day numbers. Output is CSV text
 * in the same formats customers import, so the demo goes through the real import path.
 */

export const DEMO_QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] as const;
export const DEFAULT_DEMO_SEED = 20260101;

interface TeamSpec {
  name: string;
  /** Mean contacts per working day by channel; absent = the team does not work that channel. */
  dailyContacts: Partial<Record<Channel, number>>;
}

export const DEMO_TEAMS: readonly TeamSpec[] = [
  { name: "Phone Support North", dailyContacts: { phone: 34, email: 4 } },
  { name: "Phone Support South", dailyContacts: { phone: 31, email: 3 } },
  { name: "Chat Squad", dailyContacts: { chat: 38, email: 5 } },
  { name: "Email Care", dailyContacts: { email: 22, chat: 7 } },
  { name: "Billing Desk", dailyContacts: { phone: 25, email: 8 } },
  { name: "Technical Escalations", dailyContacts: { phone: 14, chat: 10, email: 4 } },
];

const AGENT_NAMES = [
  "Liam Carter", "Sofia Marin", "Amara Okafor", "Daniel Kim", "Olivia Brooks", "Mateo Alvarez", "Grace Liu", "Noah Fischer", "Chloe Dubois", "Ethan Walsh",
  "Isabella Rossi", "Lucas Silva", "Mia Novak", "Samuel Adeyemi", "Hannah Schultz", "Leo Tanaka", "Zoe Patel", "Benjamin Hart", "Aisha Rahman", "Oscar Lindqvist",
  "Emily Nguyen", "James O'Connor", "Lina Haddad", "Henry Moore", "Yuki Sato", "Gabriel Costa", "Ella Johansson", "Jack Murphy", "Nora Petrova", "Adam Kowalski",
  "Layla Hassan", "Ryan Chen", "Ava Thompson", "Felix Wagner", "Maya Sharma", "Tomás Herrera", "Ruby Evans", "Omar Farouk", "Ines Moreau", "Victor Popescu",
  "Freya Larsen", "Aiden Clarke", "Sara Bianchi", "Kai Yamamoto", "Emma Wright", "Diego Ramos", "Nadia Ivanova", "Caleb Turner", "Lucy Zhang", "Arjun Mehta",
  "Elif Yilmaz", "Owen Davies", "Clara Jensen", "Mohammed Ali", "Julia Nowak", "Hugo Bernard", "Priya Iyer", "Tariq Aziz", "Rosa Delgado", "Finn O'Brien",
];

/** What an agent is like in the demo; drives every generated number. */
export type DemoArchetype =
  | "star"
  | "typical"
  | "struggler"
  | "rising"
  | "declining"
  | "leaver"
  | "long_leave"
  | "frt_outage"
  | "new_hire"
  | "just_started";

export interface DemoAgent {
  code: string;
  name: string;
  email: string;
  team: string;
  hireDate: string;
  leaveDate: string | null;
  archetype: DemoArchetype;
}

/** Fixed archetypes by agent code; everyone else is "typical". */
const ARCHETYPES: Record<string, DemoArchetype> = {
  AG003: "star",
  AG024: "star",
  AG047: "star",
  AG008: "struggler",
  AG019: "struggler",
  AG036: "struggler",
  AG055: "struggler",
  AG015: "rising",
  AG042: "declining",
  AG029: "leaver",
  AG050: "long_leave",
  AG032: "frt_outage",
  AG060: "new_hire",
  AG059: "just_started",
};

export const DEMO_LEAVER_LEAVE_DATE = "2026-05-15";
const NEW_HIRE_DATE = "2026-08-03";
const JUST_STARTED_DATE = "2026-09-21";
/** The quarter in which the long-leave agent has no data at all, and the one with the FRT outage. */
const LONG_LEAVE_QUARTER = "2026-Q1";
const FRT_OUTAGE_QUARTER = "2026-Q2";

export const demoEmail = (agentCode: string) => `${agentCode.toLowerCase()}@starboard.test`;

/** The demo's agents; the same for every seed (so logins and notes about them stay true). */
export function demoAgents(): DemoAgent[] {
  const rng = new DemoRandom(0x5eed);
  return AGENT_NAMES.map((name, i) => {
    const code = `AG${String(i + 1).padStart(3, "0")}`;
    const team = DEMO_TEAMS[Math.floor(i / 10)]!.name;
    const archetype = ARCHETYPES[code] ?? "typical";
    const hireDate =
      archetype === "new_hire"
        ? NEW_HIRE_DATE
        : archetype === "just_started"
          ? JUST_STARTED_DATE
          : isoDate(new Date(Date.UTC(2019, 0, 1) + rng.int(0, 6 * 365) * 86_400_000));
    return {
      code,
      name,
      email: demoEmail(code),
      team,
      hireDate,
      leaveDate: archetype === "leaver" ? DEMO_LEAVER_LEAVE_DATE : null,
      archetype,
    };
  });
}

export interface DemoFiles {
  agents: string;
  /** CSV text per quarter. */
  interactions: Record<string, string>;
  qa: Record<string, string>;
  csat: Record<string, string>;
}

export interface DemoData {
  seed: number;
  agents: DemoAgent[];
  files: DemoFiles;
  counts: { interactionRows: number; qaEvaluations: number; csatResponses: number };
}

/** Generates the whole demo as CSV text. Pure: same seed → byte-identical output. */
export function generateDemo(seed: number = DEFAULT_DEMO_SEED): DemoData {
  const agents = demoAgents();
  const rng = new DemoRandom(seed);
  const baseSkill = new Map(agents.map((a) => [a.code, baseSkillOf(a.archetype, rng)]));
  const volumeFactor = new Map(agents.map((a) => [a.code, Math.max(0.6, rng.normal(1, 0.15))]));
  const files: DemoFiles = {
    agents: csv(
      ["agent_code", "name", "team", "email", "hire_date", "leave_date"],
      agents.map((a) => [a.code, a.name, a.team, a.email, a.hireDate, a.leaveDate ?? ""]),
    ),
    interactions: {},
    qa: {},
    csat: {},
  };
  const counts = { interactionRows: 0, qaEvaluations: 0, csatResponses: 0 };

  DEMO_QUARTERS.forEach((quarter, qIndex) => {
    const days = weekdays(quarterStart(quarter), quarterEnd(quarter));
    const interactionRows: string[][] = [];
    const qaRows: string[][] = [];
    const csatRows: string[][] = [];
    let evaluationNo = 0;
    let responseNo = 0;
    for (const agent of agents) {
      const team = DEMO_TEAMS.find((t) => t.name === agent.team)!;
      const skill = quarterSkill(agent.archetype, baseSkill.get(agent.code)!, qIndex, rng);
      const p = profile(skill, agent.archetype);
      let workDays = days.filter((d) => d >= agent.hireDate && (agent.leaveDate === null || d <= agent.leaveDate));
      if (agent.archetype === "long_leave" && quarter === LONG_LEAVE_QUARTER) workDays = [];
      if (agent.archetype === "just_started") workDays = workDays.slice(2, 5);
      if (workDays.length === 0) continue;

      const contactsByChannel = new Map<Channel, number>();
      for (const date of workDays) {
        if (rng.chance(0.06)) continue; // a day off
        for (const [channel, mean] of Object.entries(team.dailyContacts) as Array<[Channel, number]>) {
          const scale = agent.archetype === "just_started" ? 0.15 : volumeFactor.get(agent.code)!;
          const contacts = Math.max(0, Math.round(mean * scale * rng.between(0.7, 1.3)));
          contactsByChannel.set(channel, (contactsByChannel.get(channel) ?? 0) + contacts);
          interactionRows.push(interactionRow(date, agent, channel, contacts, p, quarter, rng));
        }
      }

      // QA: 3–8 evaluations a quarter (a new hire gets 2, below the minimum sample).
      const evaluations =
        agent.archetype === "new_hire" ? 2 : agent.archetype === "just_started" ? 0 : rng.int(3, 8);
      for (let e = 0; e < evaluations; e++) {
        evaluationNo += 1;
        const channel = weightedChannel(contactsByChannel, rng);
        const fatal = rng.chance(p.fatalProbability);
        const score = clamp(Math.round(rng.normal(p.qaPct, 6)), 35, 100);
        qaRows.push([
          `EV-${quarter}-${String(evaluationNo).padStart(4, "0")}`,
          rng.pick(workDays),
          agent.code,
          `${channel} QA v2`,
          String(score),
          fatal ? "true" : "false",
          rng.pick(["QA01", "QA02", "QA03", "QA04"]),
          `${channel.slice(0, 1).toUpperCase()}-${rng.int(100000, 999999)}`,
        ]);
      }

      // CSAT: about 2.5 % of contacts answer the survey.
      const totalContacts = [...contactsByChannel.values()].reduce((s, n) => s + n, 0);
      const responses =
        agent.archetype === "just_started" ? 1 : Math.max(agent.archetype === "new_hire" ? 12 : 0, Math.round(totalContacts * rng.between(0.02, 0.03)));
      for (let r = 0; r < responses; r++) {
        responseNo += 1;
        csatRows.push([
          `CS-${quarter}-${String(responseNo).padStart(5, "0")}`,
          rng.pick(workDays),
          agent.code,
          weightedChannel(contactsByChannel, rng),
          String(csatRating(p.csatMean, rng)),
        ]);
      }
    }
    files.interactions[quarter] = csv(
      [
        "date",
        "agent_code",
        "channel",
        "contacts",
        "first_response_sec_sum",
        "answered_within_90s",
        "resolved",
        "resolved_first_contact",
        "repeat_contacts_30d",
        "complaints",
      ],
      interactionRows,
    );
    files.qa[quarter] = csv(
      ["evaluation_id", "date", "agent_code", "form", "score_pct", "fatal", "reviewer_code", "contact_id"],
      qaRows,
    );
    files.csat[quarter] = csv(["response_id", "date", "agent_code", "channel", "rating"], csatRows);
    counts.interactionRows += interactionRows.length;
    counts.qaEvaluations += qaRows.length;
    counts.csatResponses += csatRows.length;
  });
  return { seed, agents, files, counts };
}

// ── Profiles ──────────────────────────────────────────────────────────────────

/** One number for "how good": about N(0, 0.7) for typical agents; stars ≈ 2.3, strugglers ≈ −2.3. */
function baseSkillOf(archetype: DemoArchetype, rng: DemoRandom): number {
  switch (archetype) {
    case "star":
      return rng.between(2.2, 2.5);
    case "struggler":
      return rng.between(-2.2, -1.5);
    case "rising":
      return -0.9;
    case "declining":
      return 1.2;
    default:
      return rng.normal(0, 0.65);
  }
}

function quarterSkill(archetype: DemoArchetype, base: number, qIndex: number, rng: DemoRandom): number {
  const drift = rng.normal(0, archetype === "star" ? 0.1 : 0.25);
  if (archetype === "rising") return base + 0.85 * qIndex + drift;
  if (archetype === "declining") return base - 0.75 * qIndex + drift;
  return base + drift;
}

interface Profile {
  frtSec: Record<Channel, number>;
  answerRate90s: number;
  fcr: number;
  qaPct: number;
  fatalProbability: number;
  csatMean: number;
}

function profile(skill: number, archetype: DemoArchetype): Profile {
  return {
    frtSec: { phone: Math.max(8, 42 - 8 * skill), chat: Math.max(5, 22 - 6 * skill), email: Math.max(1800, 14_400 - 3_600 * skill) },
    answerRate90s: clamp(0.86 + 0.05 * skill, 0.5, 0.995),
    fcr: clamp(0.91 + 0.03 * skill, 0.7, 0.985),
    qaPct: clamp(86 + 6 * skill, 40, 98),
    fatalProbability: archetype === "star" ? 0 : clamp(0.04 - 0.03 * skill, 0.01, 0.2),
    csatMean: clamp(4.2 + 0.25 * skill, 2.5, 4.85),
  };
}

function interactionRow(
  date: string,
  agent: DemoAgent,
  channel: Channel,
  contacts: number,
  p: Profile,
  quarter: string,
  rng: DemoRandom,
): string[] {
  const outage = agent.archetype === "frt_outage" && quarter === FRT_OUTAGE_QUARTER;
  const frtRecorded = !outage && !(channel === "email" && rng.chance(0.03));
  const frtSum = frtRecorded ? String(Math.round(contacts * Math.max(1, rng.normal(p.frtSec[channel], p.frtSec[channel] * 0.12)))) : "";
  const answered = channel === "phone" ? String(rng.share(contacts, p.answerRate90s)) : "";
  const pairRecorded = !rng.chance(0.02);
  const resolved = rng.share(contacts, 0.93, 0.03);
  const resolvedFirst = rng.share(resolved, p.fcr, 0.03);
  const repeat = rng.chance(0.9) ? String(rng.share(contacts, (1 - p.fcr) * 0.6, 0.01)) : "";
  const complaints = rng.chance(0.85) ? String(rng.chance(0.02 + (1 - p.fcr) * 0.2) ? 1 : 0) : "";
  return [
    date,
    agent.code,
    channel,
    String(contacts),
    frtSum,
    answered,
    pairRecorded ? String(resolved) : "",
    pairRecorded ? String(resolvedFirst) : "",
    repeat,
    complaints,
  ];
}

/** A 1–5 rating whose expectation is close to `mean` (dithered rounding, clamped). */
function csatRating(mean: number, rng: DemoRandom): number {
  const x = rng.normal(mean, 0.55);
  const base = Math.floor(x);
  const rating = base + (rng.chance(x - base) ? 1 : 0);
  return clamp(rating, 1, 5);
}

function weightedChannel(contacts: Map<Channel, number>, rng: DemoRandom): Channel {
  const total = [...contacts.values()].reduce((s, n) => s + n, 0);
  let at = rng.uniform() * total;
  for (const [channel, n] of contacts) {
    if (at < n) return channel;
    at -= n;
  }
  return [...contacts.keys()][0] ?? "phone";
}

// ── Small helpers ─────────────────────────────────────────────────────────────

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Monday–Friday dates from `first` to `last` inclusive (ISO). */
export function weekdays(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) out.push(isoDate(d));
  }
  return out;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}
