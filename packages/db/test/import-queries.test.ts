import { openTestDatabase } from "@starboard/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Db,
  activeAgentsInPeriod,
  agentIdsByCode,
  appendAudit,
  findAgentByCode,
  findImport,
  findOrCreateTeam,
  findQuarterStates,
  insertImport,
  listAgents,
  listAudit,
  listImports,
  listTeams,
  recordImportCounts,
  upsertAgentBatch,
  upsertFactBatch,
} from "../src/index.ts";

const AT = "2026-04-02T09:00:00.000Z";
let db: Db;

beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.destroy();
});

async function seedAgents() {
  const north = await findOrCreateTeam(db, "North", AT);
  const south = await findOrCreateTeam(db, "South", AT);
  await upsertAgentBatch(
    db,
    [
      { agent_code: "A1", name: "Ann", email: null, team_id: north.id, hire_date: "2025-01-01", leave_date: null },
      { agent_code: "A2", name: "Bo", email: "bo@example.com", team_id: south.id, hire_date: "2026-03-31", leave_date: null },
      { agent_code: "A3", name: "Cai", email: null, team_id: north.id, hire_date: "2024-01-01", leave_date: "2025-12-31" },
      { agent_code: "A4", name: "Dee", email: null, team_id: south.id, hire_date: "2024-01-01", leave_date: "2026-01-01" },
      { agent_code: "A5", name: "Eve", email: null, team_id: south.id, hire_date: "2026-04-01", leave_date: null },
    ],
    AT,
  );
}

describe("teams", () => {
  it("findOrCreateTeam creates once and then finds", async () => {
    const a = await findOrCreateTeam(db, "North", AT);
    const b = await findOrCreateTeam(db, "North", "2030-01-01T00:00:00.000Z");
    expect(b).toEqual(a);
    await findOrCreateTeam(db, "East", AT);
    expect((await listTeams(db)).map((t) => t.name)).toEqual(["East", "North"]);
  });
});

describe("agents", () => {
  beforeEach(seedAgents);

  it("maps codes to ids, leaving unknown codes out", async () => {
    const ids = await agentIdsByCode(db, ["A1", "A2", "ZZ", "A1"]);
    expect([...ids.keys()].sort()).toEqual(["A1", "A2"]);
    expect(ids.get("A1")).toBe((await findAgentByCode(db, "A1"))!.id);
    expect(await findAgentByCode(db, "ZZ")).toBeUndefined();
  });

  it("active in a quarter: hired on or before its last day and not left before its first day", async () => {
    const active = await activeAgentsInPeriod(db, "2026-01-01", "2026-03-31");
    expect(active.map((a) => [a.agent_code, a.team_name])).toEqual([
      ["A1", "North"],
      ["A2", "South"],
      ["A4", "South"],
    ]);
  });

  it("upsertAgentBatch counts added, replaced and unchanged", async () => {
    const [a1] = await listAgents(db);
    const counts = await upsertAgentBatch(
      db,
      [
        { agent_code: "A1", name: "Ann", email: null, team_id: a1!.team_id, hire_date: "2025-01-01", leave_date: null },
        { agent_code: "A2", name: "Bo Li", email: "bo@example.com", team_id: a1!.team_id, hire_date: "2026-03-31", leave_date: null },
        { agent_code: "A6", name: "Fay", email: null, team_id: a1!.team_id, hire_date: "2026-01-01", leave_date: null },
      ],
      "2026-05-01T00:00:00.000Z",
    );
    expect(counts).toEqual({ added: 1, replaced: 1, unchanged: 1 });
    const a2 = await findAgentByCode(db, "A2");
    expect(a2).toMatchObject({ name: "Bo Li", team_id: a1!.team_id, created_at: AT, updated_at: "2026-05-01T00:00:00.000Z" });
    expect((await findAgentByCode(db, "A1"))!.updated_at).toBe(AT);
  });
});

describe("facts, imports and audit", () => {
  beforeEach(seedAgents);

  it("upsertFactBatch matches rows by natural key", async () => {
    const ids = await agentIdsByCode(db, ["A1", "A2"]);
    const importId = await insertImport(db, {
      kind: "interactions", file_name: "i.csv", actor_user_id: null, actor_label: "t", created_at: AT,
      rows_total: 0, rows_added: 0, rows_replaced: 0, rows_unchanged: 0,
    });
    const row = (agent: string, channel: string, contacts: number, frt: number | null) => ({
      date: "2026-01-05", agent_id: ids.get(agent)!, channel, contacts, first_response_sec_sum: frt,
      answered_within_90s: null, resolved: null, resolved_first_contact: null, repeat_contacts_30d: null, complaints: null, import_id: importId,
    });
    expect(await upsertFactBatch(db, { table: "interaction_daily", rows: [row("A1", "phone", 10, 300.5), row("A1", "chat", 4, null)] })).toEqual({
      added: 2, replaced: 0, unchanged: 0,
    });
    expect(
      await upsertFactBatch(db, { table: "interaction_daily", rows: [row("A1", "phone", 10, 300.5), row("A1", "chat", 5, null), row("A2", "chat", 1, null)] }),
    ).toEqual({ added: 1, replaced: 1, unchanged: 1 });
    const stored = await db.selectFrom("interaction_daily").select(["agent_id", "channel", "contacts", "first_response_sec_sum"]).orderBy("agent_id").orderBy("channel").execute();
    expect(stored).toEqual([
      { agent_id: ids.get("A1"), channel: "chat", contacts: 5, first_response_sec_sum: null },
      { agent_id: ids.get("A1"), channel: "phone", contacts: 10, first_response_sec_sum: 300.5 },
      { agent_id: ids.get("A2"), channel: "chat", contacts: 1, first_response_sec_sum: null },
    ]);

    const qa = (score: number) => ({ evaluation_id: "E1", date: "2026-01-05", agent_id: ids.get("A1")!, form: "F", score_pct: score, fatal: 0 as const, reviewer_code: "R", contact_id: null, import_id: importId });
    expect(await upsertFactBatch(db, { table: "qa_evaluations", rows: [qa(90)] })).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    expect(await upsertFactBatch(db, { table: "qa_evaluations", rows: [qa(91.5)] })).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    expect(await upsertFactBatch(db, { table: "csat_responses", rows: [] })).toEqual({ added: 0, replaced: 0, unchanged: 0 });

    await recordImportCounts(db, importId, { rows_total: 3, rows_added: 1, rows_replaced: 1, rows_unchanged: 1 });
    expect(await findImport(db, importId)).toMatchObject({ rows_total: 3, rows_added: 1 });
    expect((await listImports(db, { kind: "interactions" })).map((i) => i.id)).toEqual([importId]);
    expect(await listImports(db, { kind: "qa" })).toEqual([]);
  });

  it("quarter states and the append-only audit log", async () => {
    await db.insertInto("quarters").values({ id: "2026-Q1", state: "locked", rubric_version_id: null, calculated_at: null, updated_at: AT }).execute();
    expect(await findQuarterStates(db, ["2026-Q1", "2026-Q2"])).toEqual(new Map([["2026-Q1", "locked"]]));
    const first = await appendAudit(db, { at: AT, actor_user_id: null, actor_label: "t", action: "import", entity: "import", entity_id: "1", before: null, after: "{}" });
    const second = await appendAudit(db, { at: AT, actor_user_id: null, actor_label: "t", action: "import", entity: "import", entity_id: "2", before: null, after: "{}" });
    expect(second).toBeGreaterThan(first);
    expect((await listAudit(db, { entity: "import" })).map((e) => e.entity_id)).toEqual(["2", "1"]);
    expect((await listAudit(db, { entity: "import", entityId: "1" })).map((e) => e.id)).toEqual([first]);
  });
});
