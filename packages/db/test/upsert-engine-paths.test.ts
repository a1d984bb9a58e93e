import { openTestDatabase, testEngine } from "@starboard/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Db,
  type FactBatch,
  type UpsertCounts,
  bulkInsertRowsPerStatement,
  copyTextValue,
  findOrCreateTeam,
  insertImport,
  maxBindParameters,
  upsertAgentBatch,
  upsertFactBatch,
  upsertFactBatchPortable,
} from "../src/index.ts";

/**
 * The engine's own write path behind upsertFactBatch (SQLite: prepared statements; Postgres:
 * COPY into a staging table + one INSERT … SELECT … ON CONFLICT) against the portable path, on
 * the engine the suite runs on (`db` on SQLite, `db-pg` on Postgres): same counts, same stored
 * rows, same before-images for rollback, over a first import, a re-import and changed rows.
 */
const AT = "2026-04-02T09:00:00.000Z";
let engineDb: Db;
let portableDb: Db;
let queries: string[];

async function seed(db: Db) {
  const team = await findOrCreateTeam(db, "North", AT);
  await upsertAgentBatch(
    db,
    [1, 2, 3].map((n) => ({ agent_code: `A${n}`, name: `Agent ${n}`, email: null, team_id: team.id, hire_date: "2025-01-01", leave_date: null })),
    AT,
  );
  for (const file of ["first.csv", "second.csv", "third.csv"]) {
    await insertImport(db, {
      kind: "interactions",
      file_name: file,
      actor_user_id: null,
      actor_label: "test",
      created_at: AT,
      rows_total: 0,
      rows_added: 0,
      rows_replaced: 0,
      rows_unchanged: 0,
    });
  }
}

beforeEach(async () => {
  queries = [];
  engineDb = await openTestDatabase({ onQuery: (sql) => queries.push(sql) });
  portableDb = await openTestDatabase();
  await seed(engineDb);
  await seed(portableDb);
});
afterEach(async () => {
  await engineDb.destroy();
  await portableDb.destroy();
});

const interaction = (date: string, agent: number, channel: string, contacts: number, importId: number | null, frt: number | null = 300.5) => ({
  date,
  agent_id: agent,
  channel,
  contacts,
  first_response_sec_sum: frt,
  answered_within_90s: contacts - 1,
  resolved: contacts,
  resolved_first_contact: contacts - 2,
  repeat_contacts_30d: null,
  complaints: 0,
  import_id: importId,
});

const qa = (id: string, score: number, fatal: 0 | 1, reviewer: string, importId: number | null) => ({
  evaluation_id: id,
  date: "2026-04-03",
  agent_id: 2,
  form: "call",
  score_pct: score,
  fatal,
  reviewer_code: reviewer,
  contact_id: null,
  import_id: importId,
});

async function both(batch: FactBatch): Promise<UpsertCounts> {
  const viaEngine = await upsertFactBatch(engineDb, batch);
  const viaPortable = await upsertFactBatchPortable(portableDb, batch);
  expect(viaEngine).toEqual(viaPortable);
  return viaEngine;
}

const storedFacts = (db: Db) =>
  Promise.all([
    db.selectFrom("interaction_daily").selectAll().orderBy("date").orderBy("agent_id").orderBy("channel").execute(),
    db.selectFrom("qa_evaluations").selectAll().orderBy("evaluation_id").execute(),
    db.selectFrom("csat_responses").selectAll().orderBy("response_id").execute(),
    db.selectFrom("qa_contacts").selectAll().orderBy("contact_id").execute(),
  ]);
const beforeImages = (db: Db) =>
  db.selectFrom("import_replaced_rows").select(["import_id", "fact_table", "key_json", "before_import_id", "before_json", "row_date"]).orderBy("id").execute();

describe(`upsertFactBatch on ${testEngine()}: the engine's path equals the portable path`, () => {
  it("counts first import, re-import and changed rows alike, and stores the same rows and before-images", async () => {
    const first = [
      interaction("2026-04-01", 1, "phone", 10, 1),
      interaction("2026-04-01", 2, "phone", 20, 1),
      interaction("2026-04-01", 2, "chat", 7, 1, null),
      interaction("2026-04-02", 1, "phone", 12, 1, 0.1 + 0.2),
    ];
    expect(await both({ table: "interaction_daily", rows: first })).toEqual({ added: 4, replaced: 0, unchanged: 0 });
    // Re-importing the same rows under another import: nothing changes, the rows keep import 1.
    expect(await both({ table: "interaction_daily", rows: first.map((r) => ({ ...r, import_id: 2 })) })).toEqual({ added: 0, replaced: 0, unchanged: 4 });
    // Changed rows: a count, NULL → number, number → NULL; one identical; one new key.
    const third = [
      interaction("2026-04-01", 1, "phone", 11, 3),
      interaction("2026-04-01", 2, "phone", 20, 3),
      interaction("2026-04-01", 2, "chat", 7, 3, 42.25),
      interaction("2026-04-02", 1, "phone", 12, 3, null),
      interaction("2026-04-03", 3, "email", 1, 3),
    ];
    expect(await both({ table: "interaction_daily", rows: third })).toEqual({ added: 1, replaced: 3, unchanged: 1 });

    const [engineRows, portableRows] = [await storedFacts(engineDb), await storedFacts(portableDb)];
    expect(engineRows).toEqual(portableRows);
    expect(engineRows[0].map((r) => [r.agent_id, r.channel, r.date, r.contacts, r.first_response_sec_sum, r.import_id])).toEqual([
      [1, "phone", "2026-04-01", 11, 300.5, 3],
      [2, "chat", "2026-04-01", 7, 42.25, 3],
      [2, "phone", "2026-04-01", 20, 300.5, 1],
      [1, "phone", "2026-04-02", 12, null, 3],
      [3, "email", "2026-04-03", 1, 300.5, 3],
    ]);
    const images = await beforeImages(engineDb);
    expect(images).toEqual(await beforeImages(portableDb));
    expect(images).toHaveLength(3);
    const ofChat = images.find((i) => i.key_json === JSON.stringify(["2026-04-01", 2, "chat"]))!;
    expect(ofChat).toMatchObject({ import_id: 3, fact_table: "interaction_daily", before_import_id: 1, row_date: "2026-04-01" });
    expect(JSON.parse(ofChat.before_json)).toEqual({ ...interaction("2026-04-01", 2, "chat", 7, 1, null) });
    const ofDouble = images.find((i) => i.key_json === JSON.stringify(["2026-04-02", 1, "phone"]))!;
    expect(JSON.parse(ofDouble.before_json).first_response_sec_sum).toBe(0.1 + 0.2); // exactly, not 0.3
  });

  it("keeps text exactly (tabs, newlines, backslashes, \\N, Chinese) and 0/1 flags, in every fact table", async () => {
    const odd = ["tab\there", "line\nbreak\r\n", "back\\slash", "\\N", "王小明", ""];
    expect(await both({ table: "qa_evaluations", rows: odd.map((r, i) => qa(`E${i}`, 90.5 + i, (i % 2) as 0 | 1, r, 1)) })).toEqual({
      added: 6,
      replaced: 0,
      unchanged: 0,
    });
    expect(await both({ table: "qa_evaluations", rows: odd.map((r, i) => qa(`E${i}`, 90.5 + i, i === 0 ? 1 : ((i % 2) as 0 | 1), r, 2)) })).toEqual({
      added: 0,
      replaced: 1,
      unchanged: 5,
    });
    expect(
      await both({ table: "csat_responses", rows: [{ response_id: "R1", date: "2026-04-01", agent_id: 1, channel: "chat", rating: 5, import_id: null }] }),
    ).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    // Written without an import (import_id NULL): replaced, but no before-image (nothing to roll back).
    expect(
      await both({ table: "csat_responses", rows: [{ response_id: "R1", date: "2026-04-01", agent_id: 1, channel: "chat", rating: 4, import_id: null }] }),
    ).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    const contact = { contact_id: "C1", started_at: "2026-04-01T08:00:00Z", agent_id: 3, channel: "phone", duration_sec: 15, sla_missed: 1 as const, complaint: 0 as const, import_id: 1 };
    expect(await both({ table: "qa_contacts", rows: [contact] })).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    expect(await both({ table: "qa_contacts", rows: [contact] })).toEqual({ added: 0, replaced: 0, unchanged: 1 });

    const [engineRows, portableRows] = [await storedFacts(engineDb), await storedFacts(portableDb)];
    expect(engineRows).toEqual(portableRows);
    expect(engineRows[1].map((r) => r.reviewer_code)).toEqual(odd);
    expect(engineRows[1].map((r) => r.fatal)).toEqual([1, 1, 0, 1, 0, 1]);
    expect(await beforeImages(engineDb)).toEqual(await beforeImages(portableDb));
  });

  it("writes a batch larger than one statement's bind parameters allow (both paths chunk it)", async () => {
    const perStatement = bulkInsertRowsPerStatement(testEngine(), 11);
    const rows = Array.from({ length: perStatement + 500 }, (_, i) =>
      interaction(`2026-0${4 + Math.floor(i / 3000)}-${String(1 + (Math.floor(i / 100) % 28)).padStart(2, "0")}`, 1 + (i % 3), `ch${i % 100}`, 5 + (i % 7), 1),
    );
    expect(new Set(rows.map((r) => `${r.date}|${r.agent_id}|${r.channel}`)).size).toBe(rows.length);
    expect(await both({ table: "interaction_daily", rows })).toEqual({ added: rows.length, replaced: 0, unchanged: 0 });
    const changed = rows.map((r, i) => (i % 1000 === 0 ? { ...r, contacts: r.contacts + 1, import_id: 2 } : { ...r, import_id: 2 }));
    const replaced = Math.ceil(rows.length / 1000);
    expect(await both({ table: "interaction_daily", rows: changed })).toEqual({ added: 0, replaced, unchanged: rows.length - replaced });
    expect((await beforeImages(engineDb)).length).toBe(replaced);
    expect(await storedFacts(engineDb)).toEqual(await storedFacts(portableDb));
  });

  it("rolls back with the caller's transaction, and works again afterwards", async () => {
    await expect(
      engineDb.transaction().execute(async (trx) => {
        await upsertFactBatch(trx, { table: "interaction_daily", rows: [interaction("2026-04-01", 1, "phone", 10, 1)] });
        await upsertFactBatch(trx, { table: "interaction_daily", rows: [interaction("2026-04-01", 1, "phone", 11, 2)] });
        expect(await trx.selectFrom("import_replaced_rows").select("id").execute()).toHaveLength(1);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await storedFacts(engineDb))[0]).toEqual([]);
    expect(await beforeImages(engineDb)).toEqual([]);
    // Several batches in one transaction, then outside any transaction.
    await engineDb.transaction().execute(async (trx) => {
      expect(await upsertFactBatch(trx, { table: "interaction_daily", rows: [interaction("2026-04-01", 1, "phone", 10, 1)] })).toEqual({ added: 1, replaced: 0, unchanged: 0 });
      expect(await upsertFactBatch(trx, { table: "interaction_daily", rows: [interaction("2026-04-02", 1, "phone", 10, 1)] })).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    });
    expect(await upsertFactBatch(engineDb, { table: "interaction_daily", rows: [interaction("2026-04-02", 1, "phone", 9, 2)] })).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    expect((await storedFacts(engineDb))[0].map((r) => r.contacts)).toEqual([10, 9]);
  });

  it("fails whole on a bad row (unknown agent): nothing of the batch stays", async () => {
    await expect(
      upsertFactBatch(engineDb, { table: "interaction_daily", rows: [interaction("2026-04-01", 1, "phone", 10, 1), interaction("2026-04-01", 99, "phone", 10, 1)] }),
    ).rejects.toThrow();
    expect((await storedFacts(engineDb))[0]).toEqual([]);
  });
});

describe.runIf(testEngine() === "postgres")("upsertFactBatch on Postgres: the COPY path", () => {
  it("is used: COPY into the staging table, then one INSERT … SELECT … ON CONFLICT", async () => {
    queries.length = 0;
    await upsertFactBatch(engineDb, { table: "interaction_daily", rows: [interaction("2026-04-01", 1, "phone", 10, 1)] });
    expect(queries.some((q) => /COPY "starboard_stage_interaction_daily" .* FROM STDIN/.test(q))).toBe(true);
    expect(queries.filter((q) => /ON CONFLICT/.test(q))).toHaveLength(1);
  });
});

describe("the dialect's bind-parameter limit", () => {
  it("is 65,535 on Postgres and 32,766 on SQLite; rows per statement follow from the column count", () => {
    expect(maxBindParameters("postgres")).toBe(65_535);
    expect(maxBindParameters("sqlite")).toBe(32_766);
    expect(bulkInsertRowsPerStatement("postgres", 11)).toBe(5957);
    expect(bulkInsertRowsPerStatement("sqlite", 6)).toBe(5461);
    expect(bulkInsertRowsPerStatement("postgres", 70_000)).toBe(1);
    expect(() => bulkInsertRowsPerStatement("postgres", 0)).toThrow(RangeError);
  });
});

describe("COPY text format", () => {
  it("writes NULL as \\N and escapes backslash, tab, newline and carriage return", () => {
    expect(copyTextValue(null)).toBe("\\N");
    expect(copyTextValue(undefined)).toBe("\\N");
    expect(copyTextValue("\\N")).toBe("\\\\N");
    expect(copyTextValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyTextValue(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(copyTextValue(true)).toBe("1");
    expect(() => copyTextValue(Number.NaN)).toThrow(RangeError);
  });
});
