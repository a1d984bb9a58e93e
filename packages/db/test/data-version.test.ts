import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Db,
  appendAudit,
  createSession,
  findOrCreateTeam,
  openDatabase,
  touchSession,
  watchDataVersion,
} from "../src/index.ts";

const AT = "2026-04-02T09:00:00.000Z";
let dir: string;
let file: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-dv-"));
  file = join(dir, "dv.db");
  db = await openDatabase(file);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function newUser(email: string): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({ email, name: email, role: "hr", agent_id: null, password_hash: null, active: 1, created_at: AT, updated_at: AT })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("watchDataVersion (SQLite)", () => {
  it("is stable while nothing is written and returns the same watch for the same database", () => {
    const watch = watchDataVersion(db)!;
    expect(watch).toBe(watchDataVersion(db));
    expect(watch.current()).toBe(watch.current());
  });

  it("changes on an insert, an update and a delete made through this connection", async () => {
    const watch = watchDataVersion(db)!;
    const v0 = watch.current();
    const team = await findOrCreateTeam(db, "North", AT);
    const v1 = watch.current();
    expect(v1).not.toBe(v0);
    await db.updateTable("teams").set({ name: "North-East" }).where("id", "=", team.id).execute();
    const v2 = watch.current();
    expect(v2).not.toBe(v1);
    await db.deleteFrom("teams").where("id", "=", team.id).execute();
    expect(watch.current()).not.toBe(v2);
  });

  it("changes when ANOTHER connection (e.g. the CLI) commits a write", async () => {
    const watch = watchDataVersion(db)!;
    const before = watch.current();
    const other = await openDatabase(file);
    try {
      await findOrCreateTeam(other, "South", AT);
    } finally {
      await other.destroy();
    }
    expect(watch.current()).not.toBe(before);
  });

  it("is null inside a transaction, and a rolled-back write still changes it (never reused)", async () => {
    const watch = watchDataVersion(db)!;
    const before = watch.current();
    let inside: string | null = "not read";
    await db
      .transaction()
      .execute(async (trx) => {
        await findOrCreateTeam(trx, "West", AT);
        inside = watch.current();
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(inside).toBeNull();
    expect(await db.selectFrom("teams").select("id").where("name", "=", "West").executeTakeFirst()).toBeUndefined();
    expect(watch.current()).not.toBe(before);
  });

  it("does not change for session writes nor personal-results view audit rows, and reports them", async () => {
    const watch = watchDataVersion(db)!;
    const userId = await newUser("hr@example.test");
    const ignored: string[] = [];
    watch.onIgnoredWrite = (table) => ignored.push(table);
    try {
      const before = watch.current();
      await createSession(db, { id: "s".repeat(43), userId, now: new Date(AT), expiresAt: new Date("2026-04-03T09:00:00Z") });
      await touchSession(db, "s".repeat(43), new Date("2026-04-02T09:05:00Z"));
      await appendAudit(db, {
        at: AT,
        actor_user_id: userId,
        actor_label: "hr@example.test",
        action: "personal_results.view",
        entity: "agent",
        entity_id: "A1",
        before: null,
        after: null,
      });
      expect(watch.current()).toBe(before);
      expect(ignored).toEqual(["sessions", "sessions", "audit_log"]);

      // Any other audit row (written by operations that change data) does change it.
      await appendAudit(db, {
        at: AT,
        actor_user_id: userId,
        actor_label: "hr@example.test",
        action: "result.adjust",
        entity: "agent",
        entity_id: "A1",
        before: null,
        after: null,
      });
      expect(watch.current()).not.toBe(before);
    } finally {
      watch.onIgnoredWrite = null;
    }
  });

  it("covers tables created after it started (schema change)", async () => {
    const watch = watchDataVersion(db)!;
    await sql`CREATE TABLE later_table (id integer PRIMARY KEY, v text)`.execute(db);
    const afterCreate = watch.current();
    await sql`INSERT INTO later_table (v) VALUES ('x')`.execute(db);
    expect(watch.current()).not.toBe(afterCreate);
  });
});
