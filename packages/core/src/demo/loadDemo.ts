import { type Db, listNominations, refreshPlannerStatistics } from "@starboard/db";
import { decideNomination } from "../awards/decideNomination.ts";
import { lockQuarter } from "../cycle/lockQuarter.ts";
import { publishQuarter as publishCycleQuarter } from "../cycle/publishQuarter.ts";
import { reviewQuarter } from "../cycle/reviewQuarter.ts";
import { hashPassword } from "../auth/password.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { importCsv } from "../import/index.ts";
import { scoreQuarter } from "../scoring/scoreQuarter.ts";
import { DEFAULT_DEMO_SEED, DEMO_QUARTERS, DEMO_TEAMS, type DemoAgent, generateDemo } from "./generate.ts";
import { type DemoUserSpec, insertDemoUsers } from "./users.ts";
import { loadDemoCoaching } from "./coaching.ts";
import { loadQaDemo } from "./qa.ts";

/** Every demo user signs in with this password. */
export const DEMO_PASSWORD = "starboard-demo";
export const DEMO_HR_EMAIL = "hr@starboard.test";

/** Managers and the teams each looks after. */
export const DEMO_MANAGERS: ReadonlyArray<{ email: string; name: string; teams: readonly string[] }> = [
  { email: "manager1@starboard.test", name: "Marcus Webb", teams: [DEMO_TEAMS[0]!.name, DEMO_TEAMS[1]!.name] },
  { email: "manager2@starboard.test", name: "Priya Natarajan", teams: [DEMO_TEAMS[2]!.name, DEMO_TEAMS[3]!.name] },
  { email: "manager3@starboard.test", name: "Daniel Osei", teams: [DEMO_TEAMS[4]!.name, DEMO_TEAMS[5]!.name] },
];

export interface DemoLogin {
  role: "hr" | "manager" | "agent";
  email: string;
  note: string;
}

/** The logins worth trying, for the README and the start script (password: DEMO_PASSWORD). */
export function demoLogins(): DemoLogin[] {
  return [
    { role: "hr", email: DEMO_HR_EMAIL, note: "Helen Ruiz, HR / performance admin" },
    ...DEMO_MANAGERS.map((m) => ({ role: "manager" as const, email: m.email, note: `${m.name}, manages ${m.teams.join(" and ")}` })),
    { role: "agent", email: "ag003@starboard.test", note: "Amara Okafor (Phone Support North), a star: A every quarter, no fatal QA" },
    { role: "agent", email: "ag008@starboard.test", note: "Noah Fischer (Phone Support North), struggling: D/E grades" },
    { role: "agent", email: "ag015@starboard.test", note: "Hannah Schultz (Phone Support South), improving quarter on quarter" },
    { role: "agent", email: "ag060@starboard.test", note: "Finn O'Brien (Technical Escalations), new hire in 2026-Q3: too few QA evaluations, incomplete" },
    { role: "agent", email: "ag059@starboard.test", note: "Rosa Delgado (Technical Escalations), started late in 2026-Q3: insufficient data" },
  ];
}

export interface LoadDemoOptions {
  /** Seed of the generator; the same seed gives the same data and scores. */
  seed?: number;
}

export type DemoLoadResult =
  | {
      status: "loaded";
      seed: number;
      teams: number;
      agents: number;
      users: number;
      quarters: string[];
      interactionRows: number;
      qaEvaluations: number;
      csatResponses: number;
      elapsedMs: number;
    }
  /** The demo was loaded before (the demo HR user exists); nothing was changed. */
  | { status: "already_loaded" };

/**
 * Loads the demo organisation into an empty database: 60 agents in 6 teams, four quarters
 * (2025-Q4 … 2026-Q3) of daily interactions, QA evaluations and CSAT responses, imported
 * through the real CSV import; then scores each quarter and publishes it; then creates the
 * users (HR, three managers, one per agent), all with DEMO_PASSWORD.
 *
 * Safe to run again: if the demo is already there it does nothing ("already_loaded"). It
 * refuses (DomainError "invalid_input") a database that has other agents — the demo never
 * mixes into or deletes real data.
 */
export async function loadDemo(ctx: Context, options: LoadDemoOptions = {}): Promise<DemoLoadResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new DomainError("invalid_input", `the demo seed must be an integer, got ${seed}`);
  if (await hasAgents(ctx.db)) {
    if (await demoAlreadyLoaded(ctx.db)) return { status: "already_loaded" };
    throw new DomainError("invalid_input", "the database already has agents; the demo loads only into an empty database");
  }

  const demo = generateDemo(seed);
  const buffer = (text: string) => ({ buffer: Buffer.from(text, "utf8") });
  await importCsv(ctx, { kind: "agents", fileName: "demo-agents.csv", source: buffer(demo.files.agents) });
  for (const quarter of DEMO_QUARTERS) {
    await importCsv(ctx, { kind: "interactions", fileName: `demo-interactions-${quarter}.csv`, source: buffer(demo.files.interactions[quarter]!) });
    await importCsv(ctx, { kind: "qa", fileName: `demo-qa-${quarter}.csv`, source: buffer(demo.files.qa[quarter]!) });
    await importCsv(ctx, { kind: "csat", fileName: `demo-csat-${quarter}.csv`, source: buffer(demo.files.csat[quarter]!) });
  }

  const users = demoUsers(demo.agents);
  await insertDemoUsers(ctx.db, users, await hashPassword(DEMO_PASSWORD), ctx.now().toISOString());

  for (const quarter of DEMO_QUARTERS) {
    await scoreQuarter(ctx, quarter);
    await publishDemoQuarter(ctx, quarter);
  }
  await loadDemoCoaching(ctx, (team) => DEMO_MANAGERS.find((m) => m.teams.includes(team))?.email);
  await loadQaDemo(ctx, seed);

  refreshPlannerStatistics(ctx.db);
  return {
    status: "loaded",
    seed,
    teams: DEMO_TEAMS.length,
    agents: demo.agents.length,
    users: users.length,
    quarters: [...DEMO_QUARTERS],
    ...demo.counts,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function demoUsers(agents: readonly DemoAgent[]): DemoUserSpec[] {
  return [
    { email: DEMO_HR_EMAIL, name: "Helen Ruiz", role: "hr" },
    ...DEMO_MANAGERS.map((m) => ({ email: m.email, name: m.name, role: "manager" as const, teams: m.teams })),
    // A leaver's account is kept but deactivated.
    ...agents.map((a) => ({ email: a.email, name: a.name, role: "agent" as const, agentCode: a.code, active: a.leaveDate === null })),
  ];
}

/**
 * calculated → in review → locked → published through the real cycle operations (one
 * transition row and audit entry each; locking creates the award nominations), with HR's
 * decision on each nomination in between: approved.
 */
export async function publishDemoQuarter(ctx: Context, quarterId: string): Promise<void> {
  await reviewQuarter(ctx, quarterId);
  await lockQuarter(ctx, quarterId);
  for (const n of await listNominations(ctx.db, quarterId)) {
    if (n.status !== "nominated") continue;
    await decideNomination(ctx, {
      quarterId,
      agentCode: n.agent_code,
      awardKey: n.award_key,
      decision: "approve",
      reason: "Outstanding in two consecutive quarters (demo data)",
    });
  }
  await publishCycleQuarter(ctx, quarterId);
}

export async function hasAgents(db: Db): Promise<boolean> {
  return (await db.selectFrom("agents").select("id").limit(1).executeTakeFirst()) !== undefined;
}

async function demoAlreadyLoaded(db: Db): Promise<boolean> {
  return (await db.selectFrom("users").select("id").where("email", "=", DEMO_HR_EMAIL).executeTakeFirst()) !== undefined;
}
