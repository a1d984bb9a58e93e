import { openTestDatabase } from "@starboard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, foreignKeySafeOrder, listForeignKeyEdges, listTableNames, primaryKeyColumns, rowsPerInsert } from "../src/index.ts";

describe("foreignKeySafeOrder", () => {
  it("puts parents first, ties by name, ignores self-references, and refuses a cycle", () => {
    const edges = [
      { table: "agents", references: "teams" },
      { table: "results", references: "agents" },
      { table: "results", references: "quarters" },
      { table: "teams", references: "teams" },
    ];
    expect(foreignKeySafeOrder(["results", "quarters", "agents", "teams"], edges)).toEqual(["quarters", "teams", "agents", "results"]);
    expect(() => foreignKeySafeOrder(["a", "b"], [{ table: "a", references: "b" }, { table: "b", references: "a" }])).toThrow("cycle between a, b");
  });
});

describe("rowsPerInsert", () => {
  it("keeps a multi-row insert within the engine's bind-parameter limit", () => {
    expect(rowsPerInsert("postgres", 14) * 14).toBeLessThanOrEqual(65_535);
    expect(rowsPerInsert("postgres", 14)).toBe(4_681);
    expect(rowsPerInsert("sqlite", 11)).toBe(2_978);
    expect(rowsPerInsert("postgres", 3)).toBe(5_000);
  });
});

describe("schema catalogue on this engine", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("orders Starboard's real tables so every foreign key points backwards", async () => {
    const tables = await listTableNames(db);
    expect(tables).toContain("quarter_results");
    expect(tables).not.toContain("kysely_migration");
    const edges = await listForeignKeyEdges(db);
    expect(edges).toContainEqual({ table: "quarter_results", references: "agents" });
    const order = foreignKeySafeOrder(tables, edges);
    expect([...order].sort()).toEqual(tables);
    for (const { table, references } of edges) expect(order.indexOf(references), `${table} → ${references}`).toBeLessThan(order.indexOf(table));
  });

  it("reads primary keys in key order", async () => {
    expect(await primaryKeyColumns(db, "quarter_metric_results")).toEqual(["quarter_id", "agent_id", "metric_key"]);
    expect(await primaryKeyColumns(db, "teams")).toEqual(["id"]);
  });
});
