import { refreshPlannerStatistics } from "@starboard/db";
import { hashPassword } from "../auth/password.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { importCsv } from "../import/index.ts";
import { scoreQuarter } from "../scoring/scoreQuarter.ts";
import { DEMO_HR_EMAIL, DEMO_PASSWORD, hasAgents, publishDemoQuarter } from "./loadDemo.ts";
import { type DemoSize, DEMO_SIZES, SIZED_QUARTERS, generateSizedDemo } from "./sizes.ts";
import { type DemoUserSpec, insertDemoUsers } from "./users.ts";

export interface LoadSizedDemoOptions {
  size: DemoSize;
  seed: number;
  /** Which of the eight quarters to load (default: all); the benchmark loads fewer to stay quick. */
  quarters?: readonly string[];
  /** Called after each step, e.g. "2026-Q1 interactions: 552000 rows". */
  onProgress?: (message: string) => void;
}

export interface SizedDemoLoadResult {
  status: "loaded";
  size: DemoSize;
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

/**
 * Loads a sized dataset (S, M or L) into an empty database through the real CSV import, one
 * quarter at a time (memory bounded by one quarter), then scores and publishes each quarter
 * and creates the users: HR, one manager per two teams, one user per agent (password
 * DEMO_PASSWORD). Refuses a database that already has agents.
 */
export async function loadSizedDemo(ctx: Context, options: LoadSizedDemoOptions): Promise<SizedDemoLoadResult> {
  const started = performance.now();
  if (!(DEMO_SIZES as readonly string[]).includes(options.size)) {
    throw new DomainError("invalid_input", `unknown demo size "${options.size}" (S, M or L)`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new DomainError("invalid_input", `the demo seed must be an integer, got ${options.seed}`);
  const quarters = [...(options.quarters ?? SIZED_QUARTERS)];
  for (const q of quarters) {
    if (!(SIZED_QUARTERS as readonly string[]).includes(q)) throw new DomainError("invalid_input", `the sized demo has no quarter ${q}`);
  }
  if (await hasAgents(ctx.db)) {
    throw new DomainError("invalid_input", "the database already has agents; the demo loads only into an empty database");
  }
  const progress = options.onProgress ?? (() => {});
  const demo = generateSizedDemo(options.size, options.seed);
  const buffer = (text: string) => ({ buffer: Buffer.from(text, "utf8") });
  await importCsv(ctx, { kind: "agents", fileName: `demo-${options.size}-agents.csv`, source: buffer(demo.agentsCsv) });
  progress(`agents: ${demo.agents.length}`);

  const totals = { interactionRows: 0, qaEvaluations: 0, csatResponses: 0 };
  for (const quarter of quarters) {
    const files = demo.quarterFiles(quarter);
    for (const kind of ["interactions", "qa", "csat"] as const) {
      await importCsv(ctx, { kind, fileName: `demo-${options.size}-${kind}-${quarter}.csv`, source: buffer(files[kind]) });
    }
    totals.interactionRows += files.counts.interactionRows;
    totals.qaEvaluations += files.counts.qaEvaluations;
    totals.csatResponses += files.counts.csatResponses;
    progress(`${quarter}: ${files.counts.interactionRows} interaction rows, ${files.counts.qaEvaluations} QA, ${files.counts.csatResponses} CSAT imported`);
  }

  const users: DemoUserSpec[] = [
    { email: DEMO_HR_EMAIL, name: "Helen Ruiz", role: "hr" },
    ...Array.from({ length: Math.ceil(demo.teams.length / 2) }, (_, i) => ({
      email: `manager${i + 1}@starboard.test`,
      name: `Manager ${i + 1}`,
      role: "manager" as const,
      teams: demo.teams.slice(2 * i, 2 * i + 2),
    })),
    ...demo.agents.map((a) => ({ email: a.email, name: a.name, role: "agent" as const, agentCode: a.code })),
  ];
  await insertDemoUsers(ctx.db, users, await hashPassword(DEMO_PASSWORD), ctx.now().toISOString());

  for (const quarter of quarters) {
    await scoreQuarter(ctx, quarter);
    await publishDemoQuarter(ctx, quarter);
    progress(`${quarter}: scored and published`);
  }
  refreshPlannerStatistics(ctx.db);
  return {
    status: "loaded",
    size: options.size,
    seed: options.seed,
    teams: demo.teams.length,
    agents: demo.agents.length,
    users: users.length,
    quarters,
    ...totals,
    elapsedMs: Math.round(performance.now() - started),
  };
}
