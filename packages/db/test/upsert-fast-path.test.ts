import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Db,
  type NewInteractionDaily,
  findOrCreateTeam,
  openDatabase,
  rawSqliteOf,
  upsertAgentBatch,
  upsertFactBatch,
  upsertFactBatchPortable,
} from "../src/index.ts";

const AT = "2026-04-02T09:00:00.000Z";
let fast: Db;
let portable: Db;

async function seed(db: Db) {
  const team = await findOrCreateTeam(db, "North", AT);
  await upsertAgentBatch(
    db,
    [
      { agent_code: "A1", name: "Ann", email: null, team_id: team.id, hire_date: "2025-01-01", leave_date: null },
      { agent_code: "A2", name: "Bo", email: null, team_id: team.id, hire_date: "2025-01-01", leave_date: null },
    ],
    AT,
  );
}

const row = (date: string, agent: number, contacts: number, frt: number | null = 300.5): NewInteractionDaily => ({
  date,
  agent_id: agent,
  channel: "phone",
  contacts,
  first_response_sec_sum: frt,
  answered_within_90s: contacts - 1,
  resolved: contacts,
  resolved_first_contact: contacts - 2,
  repeat_contacts_30d: null,
  complaints: 0,
  import_id: null,
});

const stored = (db: Db) =>
  db.selectFrom("interaction_daily").selectAll().orderBy("date").orderBy("agent_id").orderBy("channel").execute();

beforeEach(async () => {
  fast = await openDatabase(":memory:");
  portable = await openDatabase(":memory:");
  await seed(fast);
  await seed(portable);
});
afterEach(async () => {
  await fast.destroy();
  await portable.destroy();
});

describe("upsertFactBatch on SQLite (prepared-statement fast path)", () => {
  it("is the fast path here: the SQLite handle is found, also inside a transaction", async () => {
    expect(rawSqliteOf(fast)).toBeDefined();
    await fast.transaction().execute(async (trx) => {
      expect(rawSqliteOf(trx)).toBe(rawSqliteOf(fast));
    });
  });

  it("counts added / replaced / unchanged exactly like the portable path and stores the same rows", async () => {
    const first = [row("2026-04-01", 1, 10), row("2026-04-01", 2, 20), row("2026-04-02", 1, 12, null)];
    // Second batch: one identical, one changed value (NULL → number), one changed count, one new.
    const second = [row("2026-04-01", 1, 10), row("2026-04-02", 1, 12, 99), row("2026-04-01", 2, 21), row("2026-04-03", 2, 5)];
    const expected = [
      { added: 3, replaced: 0, unchanged: 0 },
      { added: 1, replaced: 2, unchanged: 1 },
    ];
    for (const [i, rows] of [first, second].entries()) {
      const withImport = rows.map((r) => ({ ...r, import_id: null }));
      const a = await upsertFactBatch(fast, { table: "interaction_daily", rows: withImport });
      const b = await upsertFactBatchPortable(portable, { table: "interaction_daily", rows: withImport });
      expect(a).toEqual(expected[i]);
      expect(b).toEqual(expected[i]);
    }
    expect(await stored(fast)).toEqual(await stored(portable));
    expect((await stored(fast)).find((r) => r.date === "2026-04-02")?.first_response_sec_sum).toBe(99);
  });

  it("rolls back with the caller's transaction", async () => {
    await expect(
      fast.transaction().execute(async (trx) => {
        await upsertFactBatch(trx, { table: "interaction_daily", rows: [row("2026-04-01", 1, 10)] });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await stored(fast)).toEqual([]);
  });
});
