import { type Db, findQuarter, listQuarterTransitions, listNominations } from "@starboard/db";
import { createTestDatabaseTarget, type TestDatabaseTarget, testEngine } from "@starboard/db/testing";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Context,
  createContext,
  importCsv,
  LOCK_CHECKS,
  type LockCheck,
  lockQuarter,
  runCycleStep,
  systemActor,
} from "../src/index.ts";
import { prepareRace, type Race, type RaceOp } from "./helpers/race.ts";

/**
 * Quarter serialisation under real concurrency: every contender is its own process with its
 * own connection (own pool on Postgres), released together by a starting gun, against one
 * shared database (a SQLite file, or a fresh Postgres database when STARBOARD_TEST_ENGINE is
 * postgres). The invariants hold whatever order the engine lets them run in.
 */

const QUARTER = "2026-Q1";
const AGENTS = 16;
const INTERACTIONS = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

let target: TestDatabaseTarget;
let db: Db;
let ctx: Context;
let race: Race | undefined;

const code = (i: number) => `R${String(i).padStart(3, "0")}`;

/** Every day 1–28 of the quarter's months for the first `agents` agents. */
function interactionsCsv(contactsOffset: number, agents = AGENTS): string {
  const lines = [INTERACTIONS];
  for (let i = 1; i <= agents; i++) {
    for (let day = 1; day <= 28; day++) {
      for (const month of ["01", "02", "03"]) {
        const contacts = 20 + ((i * 7 + day + contactsOffset) % 11);
        const resolved = contacts - (i % 4);
        lines.push(`2026-${month}-${String(day).padStart(2, "0")},${code(i)},phone,${contacts},${contacts * (30 + (i % 50))},${contacts - 2},${resolved},${resolved - 1},1,${i % 3 === 0 ? 1 : 0}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** AGENTS agents, a quarter of interactions, calculated and moved to review. */
async function quarterInReview(): Promise<void> {
  const agents = ["agent_code,name,team,email,hire_date,leave_date"];
  for (let i = 1; i <= AGENTS; i++) agents.push(`${code(i)},Agent ${i},${i % 2 ? "North" : "South"},,2025-01-06,`);
  await importCsv(ctx, { kind: "agents", fileName: "agents.csv", source: { buffer: Buffer.from(`${agents.join("\n")}\n`) } });
  await importCsv(ctx, { kind: "interactions", fileName: "interactions.csv", source: { buffer: Buffer.from(interactionsCsv(0)) } });
  for (const step of ["collect", "calculate", "review"] as const) await runCycleStep(ctx, QUARTER, step);
}

/** Everything a recalculation or an import would change: the stored results and the quarter row. */
async function quarterSnapshot() {
  const results = await db
    .selectFrom("quarter_results")
    .select(["agent_id", "composite", "final_composite", "grade", "rank_org", "calculated_at"])
    .where("quarter_id", "=", QUARTER)
    .orderBy("agent_id")
    .execute();
  const metrics = await db.selectFrom("quarter_metric_results").select((eb) => eb.fn.countAll<number>().as("n")).where("quarter_id", "=", QUARTER).executeTakeFirstOrThrow();
  const facts = await db
    .selectFrom("interaction_daily")
    .select((eb) => [eb.fn.sum<number>("contacts").as("contacts"), eb.fn.countAll<number>().as("rows")])
    .where("date", ">=", "2026-01-01")
    .where("date", "<=", "2026-03-31")
    .executeTakeFirstOrThrow();
  const quarter = await findQuarter(db, QUARTER);
  return {
    results,
    metricRows: Number(metrics.n),
    facts: { contacts: Number(facts.contacts), rows: Number(facts.rows) },
    calculatedAt: quarter?.calculated_at,
  };
}

/** Transactions waiting for a Starboard advisory lock in this database (Postgres only). */
async function advisoryWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from pg_locks
    where locktype = 'advisory' and not granted
      and database = (select oid from pg_database where datname = current_database())`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

beforeEach(async () => {
  target = await createTestDatabaseTarget();
  db = await target.open();
  ctx = createContext(db, systemActor("test:hr"));
  await quarterInReview();
}, 60_000);
afterEach(async () => {
  race?.kill();
  race = undefined;
  await db.destroy();
});

describe(`quarter serialisation under concurrent requests (${testEngine()})`, { timeout: 120_000 }, () => {
  it("a lock in progress makes 5 imports and 4 recalculations wait; once it commits they are all refused and nothing changed", async () => {
    const ops: RaceOp[] = [
      ...[1, 2, 3, 4, 5].map((n): RaceOp => ({ op: "import", kind: "interactions", fileName: `late-${n}.csv`, csv: interactionsCsv(n, 4) })),
      ...[1, 2, 3, 4].map((): RaceOp => ({ op: "score", quarter: QUARTER })),
    ];
    race = await prepareRace(target.env, ops);
    const before = await quarterSnapshot();
    expect(before.results).toHaveLength(AGENTS);
    let waitersSeen = -1;

    // Runs inside the lock's transaction, after its quarter lock: fire the contenders now and
    // keep the transaction open until they are all queued behind it.
    const holdWhileOthersStart: LockCheck = async () => {
      await race!.go();
      if (testEngine() === "postgres") {
        const deadline = Date.now() + 20_000;
        do {
          waitersSeen = await advisoryWaiters();
          if (waitersSeen >= ops.length) break;
          await new Promise((r) => setTimeout(r, 50));
        } while (Date.now() < deadline);
      } else {
        await new Promise((r) => setTimeout(r, 1_500)); // SQLite: they wait on the single writer (busy_timeout)
      }
      return [];
    };

    const locked = await lockQuarter(ctx, QUARTER, { checks: [...LOCK_CHECKS, holdWhileOthersStart] });
    expect(locked.to).toBe("locked");
    if (testEngine() === "postgres") expect(waitersSeen).toBe(ops.length); // all nine truly waited on the lock

    const outcomes = await race.outcomes();
    for (const [i, outcome] of outcomes.entries()) {
      if (ops[i]!.op === "import") {
        // Rejected as a whole, every problem being the locked quarter (rows of 2026-Q1).
        expect(outcome).toMatchObject({ ok: false, code: "quarter_locked" });
        expect(outcome.ok === false && outcome.problems?.length ? new Set(outcome.problems) : null).toEqual(new Set(["quarter_locked"]));
      } else {
        expect(outcome).toEqual({ ok: false, code: "quarter_locked" });
      }
    }
    expect(await quarterSnapshot()).toEqual(before);
    expect((await findQuarter(db, QUARTER))?.state).toBe("locked");
    const transitions = await listQuarterTransitions(db, QUARTER);
    expect(transitions.at(-1)).toMatchObject({ from_state: "in_review", to_state: "locked" });
    expect(transitions.filter((t) => t.to_state === "locked")).toHaveLength(1);
  });

  it("of two lock requests released together, exactly one records the transition; the other is refused", async () => {
    race = await prepareRace(target.env, [
      { op: "lock", quarter: QUARTER },
      { op: "lock", quarter: QUARTER },
    ]);
    await race.go();
    const outcomes = await race.outcomes();

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, code: "invalid_transition" }]);
    const transitions = await listQuarterTransitions(db, QUARTER);
    expect(transitions.filter((t) => t.to_state === "locked")).toHaveLength(1);
    const audit = await db.selectFrom("audit_log").select("id").where("action", "=", "quarter.lock").where("entity_id", "=", QUARTER).execute();
    expect(audit).toHaveLength(1);
    // The award rules ran once: no nomination twice for the same agent and award.
    const nominations = await listNominations(db, QUARTER);
    const keys = nominations.map((n) => `${n.agent_id}:${n.award_type_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("a reopen racing a recalculation of the locked quarter: whichever goes first, the state and the results agree", async () => {
    await runCycleStep(ctx, QUARTER, "lock");
    const before = await quarterSnapshot();
    expect(before.results).toHaveLength(AGENTS);
    race = await prepareRace(target.env, [
      { op: "reopen", quarter: QUARTER, reason: "late correction" },
      { op: "score", quarter: QUARTER },
    ]);
    await race.go();
    const [reopen, score] = await race.outcomes();

    expect(reopen).toMatchObject({ ok: true }); // nothing else can move a locked quarter
    const quarter = await findQuarter(db, QUARTER);
    const after = await quarterSnapshot();
    const transitions = (await listQuarterTransitions(db, QUARTER)).map((t) => `${t.from_state}→${t.to_state}`);
    if (score!.ok) {
      // The reopen committed first, then the recalculation ran on the reopened quarter.
      expect(quarter?.state).toBe("calculated");
      expect(transitions.slice(-2)).toEqual(["locked→in_review", "in_review→calculated"]);
      expect(after.calculatedAt).toBe(score!.at);
      expect(after.results.every((r) => r.calculated_at === score!.at)).toBe(true);
    } else {
      // The recalculation saw the quarter still locked and changed nothing.
      expect(score).toEqual({ ok: false, code: "quarter_locked" });
      expect(quarter?.state).toBe("in_review");
      expect(transitions.at(-1)).toBe("locked→in_review");
      expect(after).toEqual(before);
    }
  });
});
