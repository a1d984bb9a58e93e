import { appendAudit } from "@starboard/db";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditFilterSchema, listAuditLog } from "../../src/index.ts";
import { securityFixture } from "./helpers.ts";

let f: Awaited<ReturnType<typeof securityFixture>>;
beforeEach(async () => {
  f = await securityFixture();
  const base = { before: null, after: null, actor_user_id: null };
  await appendAudit(f.db, { ...base, at: "2026-03-01T10:00:00.000Z", actor_label: "hr@example.com", action: "quarter.score", entity: "quarter", entity_id: "2026-Q1" });
  await appendAudit(f.db, { ...base, at: "2026-03-05T23:59:59.000Z", actor_label: "north@example.com", action: "personal_results.view", entity: "agent", entity_id: "A1" });
  await appendAudit(f.db, { ...base, at: "2026-03-06T00:00:00.000Z", actor_label: "a_b%c@example.com", action: "personal_results.view", entity: "agent", entity_id: "A2" });
});
afterEach(async () => {
  await f.db.destroy();
});

const filter = (raw: Record<string, string>) => auditFilterSchema.parse(raw);

describe("the HR audit page's filters", () => {
  it("by actor (substring, case-insensitive, % and _ literal), action, entity, date range", async () => {
    expect((await listAuditLog(f.hr, filter({ actor: "NORTH" }))).entries.map((e) => e.entity_id)).toEqual(["A1"]);
    expect((await listAuditLog(f.hr, filter({ actor: "b%c" }))).entries.map((e) => e.entity_id)).toEqual(["A2"]);
    expect((await listAuditLog(f.hr, filter({ actor: "_" }))).entries.map((e) => e.entity_id)).toEqual(["A2"]);
    expect((await listAuditLog(f.hr, filter({ action: "personal_results.view" }))).total).toBe(2);
    expect((await listAuditLog(f.hr, filter({ entity: "quarter" }))).entries.map((e) => e.entity_id)).toEqual(["2026-Q1"]);
    expect((await listAuditLog(f.hr, filter({ from: "2026-03-02", to: "2026-03-05" }))).entries.map((e) => e.entity_id)).toEqual(["A1"]);
    const all = await listAuditLog(f.hr, filter({}));
    expect(all.vocabulary.entities).toEqual(expect.arrayContaining(["agent", "import", "quarter"]));
  });
  it("is HR only", async () => {
    await expect(listAuditLog(f.manager, filter({}))).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditLog(f.agent, filter({}))).rejects.toMatchObject({ code: "forbidden" });
  });
  it("rejects malformed filters", () => {
    expect(auditFilterSchema.safeParse({ from: "2026-13" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ to: "2024-02-29" }).success).toBe(true);
    expect(auditFilterSchema.safeParse({ page: "-1" }).success).toBe(false);
  });
});

describe("the audit log is append-only in code", () => {
  it("no source file updates or deletes audit_log", () => {
    const root = fileURLToPath(new URL("../../../../", import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules" || name === "build" || name.startsWith(".")) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name) && !path.includes("/test/")) {
          const text = readFileSync(path, "utf8");
          if (/(updateTable|deleteFrom)\(\s*["']audit_log["']/.test(text) || /(UPDATE|DELETE\s+FROM)\s+audit_log/i.test(text)) offenders.push(path);
        }
      }
    };
    for (const top of ["packages", "apps"]) walk(join(root, top));
    expect(offenders).toEqual([]);
  });
});
