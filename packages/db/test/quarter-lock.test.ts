import { afterEach, describe, expect, it } from "vitest";
import { type Db, lockImportsForWrite, lockQuarterForWrite, quarterLockKey } from "../src/index.ts";
import { createTestDatabaseTarget, openTestDatabase, testEngine } from "../src/testing/index.ts";

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

describe("lockQuarterForWrite", () => {
  it("derives one key per quarter and refuses anything that is not a quarter id", () => {
    expect(quarterLockKey("2026-Q3")).toBe(20263);
    expect(quarterLockKey("2025-Q4")).toBe(20254);
    expect(() => quarterLockKey("2026-Q5")).toThrow(/not a quarter id/);
    expect(() => quarterLockKey("2026-Q3; drop table quarters")).toThrow(/not a quarter id/);
  });

  it("must be taken inside a transaction (a lock outside one would protect nothing)", async () => {
    const db = await openTestDatabase();
    open.push(db);
    await expect(lockQuarterForWrite(db, "2026-Q1")).rejects.toThrow(/inside a transaction/);
    await expect(lockImportsForWrite(db)).rejects.toThrow(/inside a transaction/);
    // Inside one it works, and taking it twice in the same transaction is fine (a rollback recalculates).
    await db.transaction().execute(async (trx) => {
      await lockImportsForWrite(trx);
      await lockQuarterForWrite(trx, "2026-Q1");
      await lockQuarterForWrite(trx, "2026-Q1");
    });
  });

  it.skipIf(testEngine() !== "postgres")(
    "Postgres: a second transaction on the same quarter waits until the first commits; another quarter does not wait",
    async () => {
      // Separate pools, so the transactions really run on different server connections.
      const target = await createTestDatabaseTarget();
      const [a, b, c] = [await target.open(), await target.open(), await target.open()];
      open.push(a, b, c);
      const events: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const firstHasLock = new Promise<void>((r) => (locked = r));

      const first = a.transaction().execute(async (trx) => {
        await lockQuarterForWrite(trx, "2026-Q1");
        events.push("A locked Q1");
        locked();
        await held;
        events.push("A commits");
      });
      await firstHasLock;
      const sameQuarter = b.transaction().execute(async (trx) => {
        await lockQuarterForWrite(trx, "2026-Q1");
        events.push("B locked Q1");
      });
      await c.transaction().execute(async (trx) => {
        await lockQuarterForWrite(trx, "2026-Q2");
        events.push("C locked Q2");
      });
      await new Promise((r) => setTimeout(r, 200)); // B had every chance to get through if it could
      release();
      await Promise.all([first, sameQuarter]);
      expect(events).toEqual(["A locked Q1", "C locked Q2", "A commits", "B locked Q1"]);
    },
    30_000,
  );
});
