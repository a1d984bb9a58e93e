import { openTestDatabase } from "@starboard/db/testing";
import {
  CONTACT_CENTRE_10_POINT,
  round9,
  type AgentScore,
  type Rubric,
} from "@starboard/kpi";
import {
  type Db,
  findAgentResult,
  findQuarter,
  findRubricForQuarter,
  insertRubricVersion,
  listAudit,
  listQuarterMetricResults,
  listQuarterResults,
  listQuarterTransitions,
} from "@starboard/db";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Context, createContext, DomainError, scoreQuarter, systemActor } from "../src/index.ts";

const NOW = new Date("2026-04-02T09:00:00.000Z");
let db: Db;
let ctx: Context;

beforeEach(async () => {
  db = await openTestDatabase();
  ctx = createContext(db, systemActor("test:hr"), () => NOW);
});
afterEach(async () => {
  await db.destroy();
});

async function team(name: string): Promise<number> {
  const row = await db.insertInto("teams").values({ name, created_at: NOW.toISOString() }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

async function agent(code: string, teamId: number, hireDate = "2024-01-15", leaveDate: string | null = null): Promise<number> {
  const at = NOW.toISOString();
  const row = await db
    .insertInto("agents")
    .values({ agent_code: code, name: `Agent ${code}`, email: null, team_id: teamId, hire_date: hireDate, leave_date: leaveDate, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

interface DayRow {
  date: string;
  channel: "phone" | "chat" | "email";
  contacts: number;
  frt?: number | null;
  resolved?: number | null;
  rfc?: number | null;
}

async function interactions(agentId: number, rows: DayRow[]): Promise<void> {
  await db
    .insertInto("interaction_daily")
    .values(
      rows.map((r) => ({
        date: r.date,
        agent_id: agentId,
        channel: r.channel,
        contacts: r.contacts,
        first_response_sec_sum: r.frt ?? null,
        answered_within_90s: null,
        resolved: r.resolved ?? null,
        resolved_first_contact: r.rfc ?? null,
        repeat_contacts_30d: null,
        complaints: null,
        import_id: null,
      })),
    )
    .execute();
}

let evaluationNo = 0;
async function qa(agentId: number, evaluations: Array<{ date: string; scorePct: number; fatal?: boolean }>): Promise<void> {
  await db
    .insertInto("qa_evaluations")
    .values(
      evaluations.map((e) => ({
        evaluation_id: `EV${++evaluationNo}`,
        date: e.date,
        agent_id: agentId,
        form: "Phone QA",
        score_pct: e.scorePct,
        fatal: e.fatal ? (1 as const) : (0 as const),
        reviewer_code: "QA01",
        contact_id: null,
        import_id: null,
      })),
    )
    .execute();
}

let responseNo = 0;
/** `counts[r]` responses of rating r. */
async function csat(agentId: number, date: string, counts: Partial<Record<1 | 2 | 3 | 4 | 5, number>>): Promise<void> {
  const rows = Object.entries(counts).flatMap(([rating, n]) =>
    Array.from({ length: n }, () => ({ response_id: `CS${++responseNo}`, date, agent_id: agentId, channel: "phone", rating: Number(rating), import_id: null })),
  );
  for (let i = 0; i < rows.length; i += 100) await db.insertInto("csat_responses").values(rows.slice(i, i + 100)).execute();
}

/**
 * The brief's worked example, spread over several days of 2026-Q1: phone 1,200 contacts /
 * 45,600 s; chat 800 / 20,000 s; FCR 1,710 / 1,900; QA 92, 88, fatal, 95; CSAT 212
 * responses summing 934 (86 fives and 126 fours).
 */
async function workedExample(agentId: number, qaScores: number[] = [92, 88, 95]): Promise<void> {
  await interactions(agentId, [
    { date: "2026-01-05", channel: "phone", contacts: 700, frt: 26_600, resolved: 640, rfc: 580 },
    { date: "2026-02-10", channel: "phone", contacts: 500, frt: 19_000, resolved: 460, rfc: 410 },
    { date: "2026-01-05", channel: "chat", contacts: 300, frt: 7_500, resolved: 300, rfc: 270 },
    { date: "2026-03-31", channel: "chat", contacts: 500, frt: 12_500, resolved: 500, rfc: 450 },
  ]);
  await qa(agentId, [
    ...qaScores.map((scorePct, i) => ({ date: `2026-0${1 + (i % 3)}-15`, scorePct })),
    { date: "2026-02-20", scorePct: 75, fatal: true },
  ]);
  await csat(agentId, "2026-02-01", { 5: 86, 4: 126 });
}

describe("scoreQuarter on the brief's worked example", () => {
  it("stores composite 80.15, grade B, complete, from the facts in the database", async () => {
    const north = await team("Phone Support North");
    const id = await agent("W001", north);
    await workedExample(id);

    const report = await scoreQuarter(ctx, "2026-Q1");

    expect(report.quarter).toBe("2026-Q1");
    expect(report.rubric).toMatchObject({ name: "Contact centre 10-point", version: 1 });
    const [w] = report.agents;
    expect(w?.agentCode).toBe("W001");
    expect(w?.status).toBe("complete");
    expect(round9(w!.composite!)).toBe(80.15);
    expect(w?.grade).toBe("B");
    expect(w?.finalComposite).toBe(w?.composite);

    const byKey = Object.fromEntries(w!.score.metrics.map((m) => [m.key, m]));
    expect(byKey.first_response_time?.raw).toEqual({ phone: 38, chat: 25 });
    expect(round9(byKey.first_response_time!.points!)).toBe(9.6);
    expect(byKey.first_response_time?.sample).toBe(2000);
    expect(byKey.first_contact_resolution?.raw).toBe(90);
    expect(byKey.first_contact_resolution?.points).toBe(8);
    expect(byKey.qa_score?.raw).toBe(68.75);
    expect(byKey.qa_score?.sample).toBe(4);
    expect(round9(byKey.csat!.raw as number)).toBe(round9(934 / 212));
    expect(byKey.csat?.points).toBe(8);
    expect(byKey.csat?.sample).toBe(212);

    const stored = await findAgentResult(db, "2026-Q1", id);
    expect(stored).toMatchObject({ agent_code: "W001", team_name: "Phone Support North", status: "complete", grade: "B", adjustment: 0, rank_team: 1, rank_org: 1, missing_weight_bp: 0 });
    expect(round9(stored!.composite!)).toBe(80.15);
    expect(round9(stored!.final_composite!)).toBe(80.15);
    expect(JSON.parse(stored!.explanation) as AgentScore).toEqual(w!.score);

    const metricRows = await listQuarterMetricResults(db, "2026-Q1");
    expect(metricRows.map((m) => m.metric_key).sort()).toEqual(["csat", "first_contact_resolution", "first_response_time", "qa_score"]);
    const frtRow = metricRows.find((m) => m.metric_key === "first_response_time")!;
    // Contact-weighted mean of the channel averages: 65,600 s / 2,000 contacts.
    expect(frtRow).toMatchObject({ raw_value: 32.8, weight_bp: 1500, effective_weight_pct: 15, sample: 2000, missing: null, dimension_key: "responsiveness" });
    expect(round9(frtRow.normalized!)).toBe(96);
  });

  it("lists every active agent: one with no data is insufficient and unranked; ties share a rank (1, 1, 3)", async () => {
    const north = await team("Phone Support North");
    const south = await team("Phone Support South");
    const w = await agent("W001", north);
    const t1 = await agent("T001", north);
    const t2 = await agent("T002", north);
    const x = await agent("X001", south);
    await agent("N001", north); // active, no data at all
    await agent("L001", south, "2020-01-01", "2025-12-31"); // left before the quarter: not listed
    await agent("H001", south, "2026-04-01"); // hired after the quarter: not listed
    await agent("L002", south, "2020-01-01", "2026-01-01"); // left on its first day: still active
    await workedExample(w);
    await workedExample(t1, [100, 100, 100, 100]); // 0.15·96 + 0.25·80 + 0.20·80 + 0.40·80 = 82.4
    await workedExample(t2, [100, 100, 100, 100]);
    await interactions(x, [{ date: "2026-02-02", channel: "phone", contacts: 100, frt: 3_000, resolved: 100, rfc: 70 }]);
    await qa(x, [{ date: "2026-02-02", scorePct: 50 }, { date: "2026-02-03", scorePct: 60 }, { date: "2026-02-04", scorePct: 70 }]);
    await csat(x, "2026-02-02", { 3: 10 });

    const report = await scoreQuarter(ctx, "2026-Q1");
    const by = Object.fromEntries(report.agents.map((a) => [a.agentCode, a]));
    expect(report.agents.map((a) => a.agentCode)).toEqual(["L002", "N001", "T001", "T002", "W001", "X001"]);

    expect(round9(by.T001!.composite!)).toBe(82.4);
    expect(by.T001).toMatchObject({ rankTeam: 1, rankOrg: 1, grade: "B" });
    expect(by.T002).toMatchObject({ rankTeam: 1, rankOrg: 1 });
    expect(by.W001).toMatchObject({ rankTeam: 3, rankOrg: 3, grade: "B" });
    // FRT 10 → 100, FCR 70 % → 0, QA 60 → 60, CSAT 3.0 → 4 → 40: 15 + 0 + 12 + 16 = 43 → E.
    expect(round9(by.X001!.composite!)).toBe(43);
    expect(by.X001).toMatchObject({ status: "complete", grade: "E", rankTeam: 1, rankOrg: 4 });
    for (const code of ["N001", "L002"]) {
      expect(by[code]).toMatchObject({ status: "insufficient", composite: null, finalComposite: null, grade: null, rankTeam: null, rankOrg: null });
    }

    const stored = await listQuarterResults(db, "2026-Q1");
    expect(stored.map((r) => [r.agent_code, r.team_name, r.rank_team, r.rank_org])).toEqual([
      ["L002", "Phone Support South", null, null],
      ["N001", "Phone Support North", null, null],
      ["T001", "Phone Support North", 1, 1],
      ["T002", "Phone Support North", 1, 1],
      ["W001", "Phone Support North", 3, 3],
      ["X001", "Phone Support South", 1, 4],
    ]);
    expect(stored.find((r) => r.agent_code === "N001")).toMatchObject({ composite: null, final_composite: null, grade: null, missing_weight_bp: 10_000 });
  });

  it("moves the quarter to calculated with a transition row and an audit entry", async () => {
    const north = await team("Phone Support North");
    await workedExample(await agent("W001", north));
    const report = await scoreQuarter(ctx, "2026-Q1");

    const quarter = await findQuarter(db, "2026-Q1");
    expect(quarter).toMatchObject({ state: "calculated", rubric_version_id: report.rubric.id, calculated_at: NOW.toISOString() });
    expect(await listQuarterTransitions(db, "2026-Q1")).toMatchObject([
      { from_state: "draft", to_state: "calculated", actor_label: "test:hr", at: NOW.toISOString() },
    ]);
    const audit = await listAudit(db, { entity: "quarter", entityId: "2026-Q1" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "quarter.score", actor_label: "test:hr" });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ state: "calculated", agents: 1, complete: 1 });
  });

  it("recalculates until locked, keeping an HR adjustment (final = composite + adjustment)", async () => {
    const north = await team("Phone Support North");
    const w = await agent("W001", north);
    const t = await agent("T001", north);
    await workedExample(w);
    await workedExample(t, [100, 100, 100, 100]);
    await scoreQuarter(ctx, "2026-Q1");
    await db.updateTable("quarters").set({ state: "in_review" }).where("id", "=", "2026-Q1").execute();
    await db.updateTable("quarter_results").set({ adjustment: 4 }).where("agent_id", "=", w).execute();

    const report = await scoreQuarter(ctx, "2026-Q1");
    const by = Object.fromEntries(report.agents.map((a) => [a.agentCode, a]));
    expect(round9(by.W001!.composite!)).toBe(80.15);
    expect(by.W001!.adjustment).toBe(4);
    expect(round9(by.W001!.finalComposite!)).toBe(84.15);
    // Ranks use the final composite: 84.15 beats 82.4.
    expect(by.W001).toMatchObject({ rankTeam: 1, grade: "B" });
    expect(by.T001).toMatchObject({ rankTeam: 2 });
    expect((await findQuarter(db, "2026-Q1"))?.state).toBe("calculated");
    expect((await listQuarterTransitions(db, "2026-Q1")).map((t) => [t.from_state, t.to_state])).toEqual([
      ["draft", "calculated"],
      ["in_review", "calculated"],
    ]);
  });

  it.each(["locked", "published"] as const)("refuses a %s quarter and changes nothing", async (state) => {
    const north = await team("Phone Support North");
    await workedExample(await agent("W001", north));
    await scoreQuarter(ctx, "2026-Q1");
    await db.updateTable("quarters").set({ state }).where("id", "=", "2026-Q1").execute();
    const before = await listQuarterResults(db, "2026-Q1");
    await db.deleteFrom("qa_evaluations").execute();

    const error = await scoreQuarter(ctx, "2026-Q1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("quarter_locked");
    expect(await listQuarterResults(db, "2026-Q1")).toEqual(before);
    expect((await findQuarter(db, "2026-Q1"))?.state).toBe(state);
  });

  it.each(["2026-Q5", "2026Q1", "26-Q1", "1999-Q4", ""])("rejects the quarter id %j as invalid input", async (id) => {
    const error = await scoreQuarter(ctx, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("invalid_input");
    expect(await db.selectFrom("quarters").selectAll().execute()).toEqual([]);
  });
});

describe("the rubric in effect", () => {
  /** The default rubric re-weighted: QA 30 %, CSAT 30 %. */
  const reweighted: Rubric = {
    ...CONTACT_CENTRE_10_POINT,
    dimensions: CONTACT_CENTRE_10_POINT.dimensions.map((d) => ({
      ...d,
      metrics: d.metrics.map((m) => (m.key === "qa_score" || m.key === "csat" ? { ...m, weightBp: 3000 } : m)),
    })),
  };

  async function addVersion(version: number, status: "draft" | "approved", effectiveFrom: string | null) {
    return insertRubricVersion(db, {
      name: CONTACT_CENTRE_10_POINT.name,
      version,
      definition: JSON.stringify(reweighted),
      status,
      effective_from: effectiveFrom,
      created_at: NOW.toISOString(),
      created_by: "test",
      approved_at: status === "approved" ? NOW.toISOString() : null,
      approved_by: status === "approved" ? "test" : null,
    });
  }

  it("installs the default rubric on first use and scores each quarter with the newest approved version effective by then", async () => {
    const north = await team("Phone Support North");
    await workedExample(await agent("W001", north));
    const q1 = await scoreQuarter(ctx, "2026-Q1");
    expect(q1.rubric.version).toBe(1);

    await addVersion(2, "approved", "2026-Q2");
    await addVersion(3, "draft", "2026-Q1"); // drafts never apply
    expect((await findRubricForQuarter(db, "2025-Q4"))?.version).toBe(1);
    expect((await findRubricForQuarter(db, "2026-Q1"))?.version).toBe(1);
    expect((await findRubricForQuarter(db, "2026-Q2"))?.version).toBe(2);
    expect((await findRubricForQuarter(db, "2027-Q1"))?.version).toBe(2);

    const again = await scoreQuarter(ctx, "2026-Q1");
    expect(again.rubric.version).toBe(1);
    expect(round9(again.agents[0]!.composite!)).toBe(80.15);

    // The same facts dated in 2026-Q2 are scored with version 2:
    // 0.15·96 + 0.25·80 + 0.30·68.75 + 0.30·80 = 14.4 + 20 + 20.625 + 24 = 79.025 → C.
    const mayDay = sql<string>`'2026-05-' || substr(date, 9, 2)`;
    await db.updateTable("interaction_daily").set({ date: mayDay }).execute();
    await db.updateTable("qa_evaluations").set({ date: mayDay }).execute();
    await db.updateTable("csat_responses").set({ date: mayDay }).execute();
    const q2 = await scoreQuarter(ctx, "2026-Q2");
    expect(q2.rubric.version).toBe(2);
    expect(round9(q2.agents[0]!.composite!)).toBe(79.025);
    expect(q2.agents[0]!.grade).toBe("C");
    expect((await findQuarter(db, "2026-Q2"))?.rubric_version_id).toBe(q2.rubric.id);
  });

  it("refuses with no_rubric when no approved version is in effect yet", async () => {
    await db.deleteFrom("rubric_versions").execute();
    await addVersion(1, "approved", "2026-Q3");
    const error = await scoreQuarter(ctx, "2026-Q1").catch((e: unknown) => e);
    expect((error as DomainError).code).toBe("no_rubric");
  });
});
