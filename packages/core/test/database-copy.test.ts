import { createTestDatabaseTarget, testEngine } from "@starboard/db/testing";
import {
  type DatabaseTarget,
  DatabaseCopyError,
  type Db,
  copyDatabase,
  listQuarterResults,
  listQuarterMetricResults,
  knownMigrationNames,
  listTableNames,
  openDatabase,
  openSqlite,
  resultsChecksum,
} from "@starboard/db";
import { sql } from "kysely";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, DEMO_QUARTERS, loadDemo, scoreQuarter, systemActor } from "../src/index.ts";

const NOW = new Date("2026-10-05T08:00:00.000Z");
const ctxFor = (db: Db) => createContext(db, systemActor("test:copy"), () => NOW);

/** Copying needs both engines: it runs in the core-pg project (TEST_DATABASE_URL set). */
describe.runIf(testEngine() === "postgres")("copyDatabase: an installation moves from SQLite to Postgres", () => {
  let dir: string;
  let demoFile: string;
  const sqlite = (file: string): DatabaseTarget => ({ engine: "sqlite", file });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "starboard-copy-"));
    demoFile = join(dir, "demo.db");
    const db = await openDatabase(demoFile);
    try {
      expect((await loadDemo(ctxFor(db))).status).toBe("loaded");
    } finally {
      await db.destroy();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("copies every table and proves it: counts and results checksum equal; the copy then works", async () => {
    const to = await createTestDatabaseTarget();
    const written: Array<[string, number]> = [];
    const report = await copyDatabase(sqlite(demoFile), to.target, { onTable: (table, rows) => written.push([table, rows]) });

    expect(report.ok).toBe(true);
    const source = await openDatabase(demoFile);
    const target = await to.open();
    try {
      // Every table, each once, with the counts read independently here.
      expect(report.tables.map((t) => t.table).sort()).toEqual(await listTableNames(source));
      for (const { table, source: fromCount, target: toCount } of report.tables) {
        const count = async (db: Db) => Number((await db.selectFrom(table as "teams").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
        expect([fromCount, toCount], table).toEqual([await count(source), await count(source)]);
        expect(await count(target), table).toBe(fromCount);
      }
      expect(written.map(([t]) => t)).toEqual(report.tables.map((t) => t.table));
      const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t.target]));
      expect(byTable).toMatchObject({ agents: 60, teams: 6, users: 64 });
      expect(byTable.interaction_daily).toBeGreaterThan(10_000);
      const expected = await resultsChecksum(source);
      expect(byTable.quarter_results).toBe(expected.quarterResults);
      expect(byTable.quarter_metric_results).toBe(expected.metricResults);
      expect(report.checksum).toEqual({ source: expected, target: expected });
      expect(await resultsChecksum(target)).toEqual(expected);
      expect(expected.quarterResults).toBeGreaterThan(200);

      // Same rows through the product's own queries.
      for (const quarter of DEMO_QUARTERS) {
        expect(await listQuarterResults(target, quarter)).toEqual(await listQuarterResults(source, quarter));
        expect(await listQuarterMetricResults(target, quarter)).toEqual(await listQuarterMetricResults(source, quarter));
      }

      // New rows get ids after the copied ones (identity sequences were reset).
      const maxTeamId = Number((await target.selectFrom("teams").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow()).m);
      const team = await target.insertInto("teams").values({ name: "Night Shift", created_at: NOW.toISOString() }).returning("id").executeTakeFirstOrThrow();
      expect(team.id).toBe(maxTeamId + 1);
      const maxAuditId = Number((await target.selectFrom("audit_log").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow()).m);

      // And the product works on it: a new quarter scores (writing results and an audit entry).
      const scored = await scoreQuarter(ctxFor(target), "2026-Q4");
      expect(scored.agents.length).toBeGreaterThan(50);
      expect((await listQuarterResults(target, "2026-Q4")).length).toBe(scored.agents.length);
      const audit = await target.selectFrom("audit_log").select(["id", "action"]).where("id", ">", maxAuditId).execute();
      expect(audit.length).toBeGreaterThan(0);
      expect((await resultsChecksum(target)).quarterResults).toBe(expected.quarterResults + scored.agents.length);
    } finally {
      await source.destroy();
      await target.destroy();
    }
  }, 180_000);

  it("refuses a target that already holds data, writing nothing", async () => {
    const to = await createTestDatabaseTarget();
    const db = await to.open();
    try {
      await db.insertInto("teams").values({ name: "Existing", created_at: NOW.toISOString() }).execute();
      const error = await copyDatabase(sqlite(demoFile), to.target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseCopyError);
      expect(error).toMatchObject({ code: "target_not_empty" });
      expect((error as Error).message).toMatch(/already holds data: teams \(1 row\)\. Copy only into a new, empty database; nothing was written$/);
      expect(await db.selectFrom("agents").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("refuses a missing, foreign or not fully migrated source, and two databases of one engine", async () => {
    const to = await createTestDatabaseTarget();
    const refusal = (from: DatabaseTarget, target: DatabaseTarget = to.target) => copyDatabase(from, target).then(
      () => expect.unreachable("the copy should have been refused"),
      (e: unknown) => e as DatabaseCopyError,
    );

    const missing = await refusal(sqlite(join(dir, "nope.db")));
    expect(missing).toMatchObject({ code: "source_missing", message: `there is no database at ${join(dir, "nope.db")}` });

    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not a database at all, just text that is long enough to be a header..........................");
    expect(await refusal(sqlite(junk))).toMatchObject({ code: "source_unreadable" });

    const bare = join(dir, "bare.db");
    await openSqlite({ file: bare }).destroy();
    expect(await refusal(sqlite(bare))).toMatchObject({ code: "source_not_migrated", message: `${bare} is not a Starboard database (it has no migrations)` });

    const old = join(dir, "old.db");
    const latest = knownMigrationNames().at(-1)!;
    const oldDb = await openDatabase(old);
    await sql`DELETE FROM kysely_migration WHERE name = ${latest}`.execute(oldDb);
    await oldDb.destroy();
    const behind = await refusal(sqlite(old));
    expect(behind).toMatchObject({ code: "source_behind" });
    expect(behind.message).toContain(`missing ${latest}`);
    expect(behind.message).toContain(`run \`STARBOARD_DB=${old} starboard db migrate\` first`);

    expect(await refusal(sqlite(demoFile), sqlite(join(dir, "other.db")))).toMatchObject({ code: "same_engine" });
    expect(await refusal(to.target, to.target)).toMatchObject({ code: "same_engine" });

    // None of that touched the target.
    const db = await to.open();
    try {
      expect(await db.selectFrom("teams").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("copies back from Postgres to a new SQLite file with the same checksum", async () => {
    const pg = await createTestDatabaseTarget();
    expect((await copyDatabase(sqlite(demoFile), pg.target)).ok).toBe(true);
    const back = join(dir, "back.db");
    const report = await copyDatabase(pg.target, sqlite(back));
    expect(report.ok).toBe(true);
    const source = await openDatabase(demoFile);
    const copy = await openDatabase(back);
    try {
      expect(await resultsChecksum(copy)).toEqual(await resultsChecksum(source));
      expect(report.tables.find((t) => t.table === "interaction_daily")!.target).toBeGreaterThan(10_000);
    } finally {
      await source.destroy();
      await copy.destroy();
    }
  }, 180_000);
});
