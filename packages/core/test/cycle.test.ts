import { openTestDatabase } from "@starboard/db/testing";
import {
  type Db,
  ensureDefaultRubric,
  findAgentResult,
  findQuarter,
  listAudit,
  listNominations,
  listQuarterTransitions,
  setQuarterState,
} from "@starboard/db";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addAwardType,
  adjustResult,
  buildIncentiveReport,
  type Context,
  createContext,
  decideNomination,
  DomainError,
  exportIncentives,
  exportResults,
  importCsv,
  incentivesCsv,
  LockBlockedError,
  type LockCheck,
  lockQuarter,
  neutraliseCell,
  quarterImportHistory,
  reopenQuarter,
  rollbackImport,
  runCycleStep,
  saveOrganisationSettings,
  scoreQuarter,
  systemActor,
  DEFAULT_ORGANISATION_SETTINGS,
} from "../src/index.ts";

let clock = new Date("2026-04-02T09:00:00.000Z");
let db: Db;
let ctx: Context;
const tick = () => (clock = new Date(clock.getTime() + 60_000));

beforeEach(async () => {
  clock = new Date("2026-04-02T09:00:00.000Z");
  db = await openTestDatabase();
  ctx = createContext(db, systemActor("test:hr"), () => tick());
});
afterEach(async () => {
  await db.destroy();
});

const csv = (...lines: string[]) => ({ buffer: Buffer.from(lines.join("\n") + "\n", "utf8") });
const INTERACTIONS = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

async function agents(): Promise<void> {
  await importCsv(ctx, {
    kind: "agents",
    fileName: "agents.csv",
    source: csv("agent_code,name,team,email,hire_date,leave_date", "A1,Ann Lee,North,,2025-01-06,", "A2,Bo Chen,North,,2025-01-06,"),
  });
}

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error("expected a rejection");
};

describe("cycle transitions", () => {
  it("runs draft → collecting → calculated → in review → locked → published, each with who/when and an audit entry", async () => {
    await agents();
    for (const step of ["collect", "calculate", "review", "lock", "publish"] as const) await runCycleStep(ctx, "2026-Q1", step);
    const transitions = await listQuarterTransitions(db, "2026-Q1");
    expect(transitions.map((t) => `${t.from_state}→${t.to_state}`)).toEqual([
      "draft→collecting",
      "collecting→calculated",
      "calculated→in_review",
      "in_review→locked",
      "locked→published",
    ]);
    expect(transitions.every((t) => t.actor_label === "test:hr" && t.at.startsWith("2026-04-02"))).toBe(true);
    const actions = (await listAudit(db, { entity: "quarter", entityId: "2026-Q1" })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["quarter.collect", "quarter.score", "quarter.review", "quarter.lock", "quarter.publish"]));
  });

  it("refuses a step not allowed from the current state, saying which state it is in", async () => {
    const error = await rejection(runCycleStep(ctx, "2026-Q1", "lock"));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("invalid_transition");
    expect(error.message).toBe("cannot lock 2026-Q1: it is draft (lock is allowed only when in review)");
    expect(await findQuarter(db, "2026-Q1")).toBeUndefined(); // the refused step left nothing behind
  });

  it("reopen needs a reason, goes back to review, is audited and withdraws undecided nominations only", async () => {
    await seedTwoQuarters();
    await lockQuarter(ctx, "2026-Q1");
    const before = await listNominations(db, "2026-Q1");
    expect(before.map((n) => `${n.agent_code}:${n.status}`)).toEqual(["A1:nominated", "A2:nominated"]);
    await decideNomination(ctx, { quarterId: "2026-Q1", agentCode: "A2", decision: "approve" });
    expect((await rejection(reopenQuarter(ctx, "2026-Q1", "  "))).code).toBe("invalid_input");
    const reopened = await reopenQuarter(ctx, "2026-Q1", "CSAT file was incomplete");
    expect(reopened).toMatchObject({ from: "locked", to: "in_review", withdrawn: 1 });
    const after = await listNominations(db, "2026-Q1", { includeWithdrawn: true });
    expect(after.map((n) => `${n.agent_code}:${n.status}`)).toEqual(["A1:withdrawn", "A2:approved"]);
    const last = (await listQuarterTransitions(db, "2026-Q1")).at(-1)!;
    expect(last).toMatchObject({ from_state: "locked", to_state: "in_review", reason: "CSAT file was incomplete" });
    // Locking again nominates A1 again; A2's approval stands.
    await lockQuarter(ctx, "2026-Q1");
    expect((await listNominations(db, "2026-Q1")).map((n) => `${n.agent_code}:${n.status}`)).toEqual(["A1:nominated", "A2:approved"]);
  });
});

/** A1, A2 graded A (complete) in 2025-Q4 and 2026-Q1, stored directly; 2026-Q1 is in review. */
async function seedTwoQuarters(overrides: Partial<Record<"A1" | "A2", { grade?: string; status?: string; final?: number }>> = {}) {
  await agents();
  const at = "2026-04-01T00:00:00.000Z";
  await ensureDefaultRubric(db, at);
  const rubric = await db.selectFrom("rubric_versions").select("id").executeTakeFirstOrThrow();
  const ids = await db.selectFrom("agents").select(["id", "agent_code", "team_id"]).orderBy("agent_code").execute();
  for (const [quarter, state] of [["2025-Q4", "published"], ["2026-Q1", "in_review"]] as const) {
    await db.insertInto("quarters").values({ id: quarter, state, rubric_version_id: rubric.id, calculated_at: at, updated_at: at }).execute();
    for (const a of ids) {
      const o = quarter === "2026-Q1" ? overrides[a.agent_code as "A1" | "A2"] ?? {} : {};
      const final = o.final ?? 92;
      await db
        .insertInto("quarter_results")
        .values({
          quarter_id: quarter, agent_id: a.id, team_id: a.team_id, rubric_version_id: rubric.id, status: (o.status ?? "complete") as "complete",
          composite: final, adjustment: 0, final_composite: final, grade: o.grade ?? "A", rank_team: 1, rank_org: 1,
          missing_weight_bp: 0, explanation: "{}", calculated_at: at,
        })
        .execute();
    }
  }
  return ids;
}

describe("Service Star nominations when a quarter is locked", () => {
  it("nominates A-then-A agents only: not after a B, incomplete data or a fatal QA evaluation", async () => {
    const ids = await seedTwoQuarters({ A2: { grade: "B", final: 85 } });
    await lockQuarter(ctx, "2026-Q1");
    expect((await listNominations(db, "2026-Q1")).map((n) => `${n.agent_code}:${n.award_name}`)).toEqual(["A1:Service Star"]);

    await db.destroy();
    db = await openTestDatabase();
    ctx = createContext(db, systemActor("test:hr"), () => tick());
    await seedTwoQuarters({ A2: { status: "incomplete" } });
    const a1 = (await db.selectFrom("agents").select("id").where("agent_code", "=", "A1").executeTakeFirstOrThrow()).id;
    await db.insertInto("qa_evaluations").values({ evaluation_id: "F1", date: "2025-11-03", agent_id: a1, form: "Phone", score_pct: 0, fatal: 1, reviewer_code: "Q1", contact_id: null, import_id: null }).execute();
    await lockQuarter(ctx, "2026-Q1");
    expect(await listNominations(db, "2026-Q1")).toEqual([]);
    expect(ids).toHaveLength(2);
  });

  it("a gap quarter (no result in the previous quarter) is not consecutive", async () => {
    await seedTwoQuarters();
    await db.deleteFrom("quarter_results").where("quarter_id", "=", "2025-Q4").execute();
    await lockQuarter(ctx, "2026-Q1");
    expect(await listNominations(db, "2026-Q1")).toEqual([]);
  });

  it("HR adds Most improved: the largest gain with at least grade C is nominated", async () => {
    await seedTwoQuarters({ A1: { grade: "A", final: 95 }, A2: { grade: "A", final: 99 } });
    await db.updateTable("quarter_results").set({ final_composite: 90, grade: "A" }).where("quarter_id", "=", "2025-Q4").execute();
    await addAwardType(ctx, { name: "Most improved", rule: "most_improved", amount: 300, currency: "CNY" });
    await lockQuarter(ctx, "2026-Q1");
    const noms = (await listNominations(db, "2026-Q1")).map((n) => `${n.agent_code}:${n.award_name}`);
    expect(noms).toEqual(["A1:Service Star", "A2:Service Star", "A2:Most improved"]);
    // Rejections need a reason; approvals are recorded with who and when.
    expect((await rejection(decideNomination(ctx, { quarterId: "2026-Q1", agentCode: "A1", decision: "reject" }))).code).toBe("invalid_input");
    const decided = await decideNomination(ctx, { quarterId: "2026-Q1", agentCode: "A1", decision: "reject", reason: "complaint upheld" });
    expect(decided).toMatchObject({ status: "rejected", reason: "complaint upheld" });
  });
});

describe("lock preconditions", () => {
  it("refuses locking with the full list of blockers from every check (mechanism, with a fake QA check)", async () => {
    await seedTwoQuarters();
    const fakeQa: LockCheck = async (_db, quarterId) => [
      { code: "open_calibration", message: `2 evaluations in ${quarterId} await calibration` },
      { code: "open_dispute", message: "1 dispute is open" },
    ];
    const none: LockCheck = async () => [];
    const error = await rejection(lockQuarter(ctx, "2026-Q1", { checks: [none, fakeQa] }));
    expect(error).toBeInstanceOf(LockBlockedError);
    expect((error as LockBlockedError).blockers.map((b) => b.code)).toEqual(["open_calibration", "open_dispute"]);
    expect(error.message).toContain("2 evaluations in 2026-Q1 await calibration");
    expect((await findQuarter(db, "2026-Q1"))?.state).toBe("in_review");
    expect(await listNominations(db, "2026-Q1")).toEqual([]);
    await expect(lockQuarter(ctx, "2026-Q1", { checks: [none] })).resolves.toMatchObject({ to: "locked" });
  });

  it("the built-in check refuses locking when data was imported after the last calculation", async () => {
    await agents();
    await importCsv(ctx, { kind: "interactions", fileName: "i1.csv", source: csv(INTERACTIONS, "2026-01-05,A1,phone,40,1520,38,30,27,2,0") });
    await scoreQuarter(ctx, "2026-Q1");
    await runCycleStep(ctx, "2026-Q1", "review");
    const late = await importCsv(ctx, { kind: "interactions", fileName: "late.csv", source: csv(INTERACTIONS, "2026-01-06,A1,phone,40,1520,38,30,27,2,0") });
    const error = await rejection(lockQuarter(ctx, "2026-Q1"));
    expect((error as LockBlockedError).blockers).toEqual([
      expect.objectContaining({ code: "stale_results", params: { imports: `#${late.importId}` } }),
    ]);
  });
});

describe("a locked quarter is immutable", () => {
  it("refuses imports, recalculation, adjustments and rollbacks with a clear message", async () => {
    await agents();
    const first = await importCsv(ctx, { kind: "interactions", fileName: "i1.csv", source: csv(INTERACTIONS, "2026-01-05,A1,phone,40,1520,38,30,27,2,0") });
    for (const step of ["calculate", "review", "lock"] as const) await runCycleStep(ctx, "2026-Q1", step);
    const imported = await rejection(importCsv(ctx, { kind: "interactions", fileName: "fix.csv", source: csv(INTERACTIONS, "2026-01-05,A1,phone,41,1520,38,30,27,2,0") }));
    expect(imported.code).toBe("quarter_locked");
    expect((await rejection(scoreQuarter(ctx, "2026-Q1"))).message).toBe("quarter 2026-Q1 is locked; it can no longer be recalculated");
    expect((await rejection(runCycleStep(ctx, "2026-Q1", "calculate"))).code).toBe("invalid_transition");
    expect((await rejection(adjustResult(ctx, { quarterId: "2026-Q1", agentCode: "A1", adjustment: 1, reason: "x" }))).code).toBe("quarter_locked");
    expect((await rejection(rollbackImport(ctx, first.importId))).message).toBe(
      `import #${first.importId} cannot be rolled back: 2026-Q1 is locked (reopen it first)`,
    );
    const row = await db.selectFrom("interaction_daily").select("contacts").where("date", "=", "2026-01-05").executeTakeFirstOrThrow();
    expect(row.contacts).toBe(40);
  });
});

describe("HR adjustment during review", () => {
  it("final = computed + adjustment, the computed score is kept, grade and ranks follow the final, ±5 enforced", async () => {
    await seedTwoQuarters({ A2: { grade: "A", final: 90.5 } });
    const a1 = (await db.selectFrom("agents").select("id").where("agent_code", "=", "A1").executeTakeFirstOrThrow()).id;
    expect((await rejection(adjustResult(ctx, { quarterId: "2026-Q1", agentCode: "A1", adjustment: 5.5, reason: "x" }))).code).toBe("invalid_input");
    expect((await rejection(adjustResult(ctx, { quarterId: "2026-Q1", agentCode: "A1", adjustment: -2, reason: " " }))).code).toBe("invalid_input");
    const adjusted = await adjustResult(ctx, { quarterId: "2026-Q1", agentCode: "A1", adjustment: -5, reason: "coaching no-shows" });
    expect(adjusted).toMatchObject({ composite: 92, adjustment: -5, finalComposite: 87, grade: "B" });
    const after = (await findAgentResult(db, "2026-Q1", a1))!;
    expect([after.composite, after.adjustment, after.final_composite, after.grade, after.rank_team, after.rank_org]).toEqual([92, -5, 87, "B", 2, 2]);
    const a2 = (await db.selectFrom("quarter_results").innerJoin("agents", "agents.id", "quarter_results.agent_id").select(["rank_org"]).where("agent_code", "=", "A2").where("quarter_id", "=", "2026-Q1").executeTakeFirstOrThrow());
    expect(a2.rank_org).toBe(1);
    const audit = (await listAudit(db, { entity: "quarter_result" }))[0]!;
    expect(audit.action).toBe("result.adjust");
    expect(JSON.parse(audit.after!)).toMatchObject({ adjustment: -5, reason: "coaching no-shows" });
    // Award rules use the final: A1 is B now, so no Service Star.
    await lockQuarter(ctx, "2026-Q1");
    expect((await listNominations(db, "2026-Q1")).map((n) => n.agent_code)).toEqual(["A2"]);
  });
});

describe("import history and rollback before lock", () => {
  it("restores replaced rows, deletes added ones, refuses rolling back an import a later one changed, and recalculates", async () => {
    await agents();
    const first = await importCsv(ctx, { kind: "interactions", fileName: "jan.csv", source: csv(INTERACTIONS, "2026-01-05,A1,phone,40,1520,38,30,27,2,0") });
    const second = await importCsv(ctx, {
      kind: "interactions",
      fileName: "jan-fixed.csv",
      source: csv(INTERACTIONS, "2026-01-05,A1,phone,50,1600,48,40,37,2,0", "2026-01-06,A1,phone,30,900,29,25,20,1,0"),
    });
    expect(second).toMatchObject({ added: 1, replaced: 1 });
    await scoreQuarter(ctx, "2026-Q1");
    const scoredWith50 = (await db.selectFrom("quarter_results").select("calculated_at").executeTakeFirstOrThrow()).calculated_at;

    const history = await quarterImportHistory(db, "2026-Q1");
    expect(history.map((h) => [h.importId, h.fileName, h.added, h.replaced, h.unchanged, h.by])).toEqual([
      [second.importId, "jan-fixed.csv", 1, 1, 0, "test:hr"],
      [first.importId, "jan.csv", 1, 0, 0, "test:hr"],
    ]);

    const conflict = await rejection(rollbackImport(ctx, first.importId));
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toContain(`#${second.importId}`);

    const result = await rollbackImport(ctx, second.importId);
    expect(result).toEqual({ importId: second.importId, deleted: 2, restored: 1, recalculated: ["2026-Q1"] });
    const rows = await db.selectFrom("interaction_daily").selectAll().orderBy("date").execute();
    expect(rows.map((r) => [r.date, r.contacts, r.first_response_sec_sum, r.import_id])).toEqual([["2026-01-05", 40, 1520, first.importId]]);
    const recalculatedAt = (await db.selectFrom("quarter_results").select("calculated_at").executeTakeFirstOrThrow()).calculated_at;
    expect(recalculatedAt > scoredWith50).toBe(true);
    expect((await quarterImportHistory(db, "2026-Q1"))[0]!.rolledBack).toMatchObject({ by: "test:hr" });
    expect((await rejection(rollbackImport(ctx, second.importId))).code).toBe("conflict");
    // Now the first import is the newest standing one and can go too.
    await expect(rollbackImport(ctx, first.importId)).resolves.toMatchObject({ deleted: 1, restored: 0 });
    expect(await db.selectFrom("interaction_daily").selectAll().execute()).toEqual([]);
  });
});

describe("incentive export", () => {
  it("neutralises formula triggers in text but leaves numbers numbers", () => {
    expect(["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "Ann", "", "a=b"].map(neutraliseCell)).toEqual([
      "'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx", "Ann", "", "a=b",
    ]);
    expect(neutraliseCell(-12.5)).toBe(-12.5);
    expect(neutraliseCell(null)).toBe(null);
  });

  it("pays base × grade multiplier plus approved awards, rounded only on the payout line, with team totals; CSV with BOM and XLSX", async () => {
    await seedTwoQuarters({ A2: { grade: "B", final: 85 } });
    await db.updateTable("agents").set({ name: "=HYPERLINK(\"http://x\")" }).where("agent_code", "=", "A2").execute();
    await saveOrganisationSettings(db, { ...DEFAULT_ORGANISATION_SETTINGS, currency: "CNY", incentiveBaseAmount: 1000.005, incentiveGradeMultipliers: { A: 1.5, B: 1, C: 0.5, D: 0, E: 0 } });
    await expect(buildIncentiveReport(db, "2026-Q1")).rejects.toThrow("2026-Q1 is in_review: incentives are exported once it is locked");
    await lockQuarter(ctx, "2026-Q1");
    await db.updateTable("award_types").set({ amount: 333.333 }).execute();
    await decideNomination(ctx, { quarterId: "2026-Q1", agentCode: "A1", decision: "approve" });
    const report = await buildIncentiveReport(db, "2026-Q1");
    // A1: 1000.005 × 1.5 = 1500.0075 + 333.333 = 1833.3405 → 1833.34; A2: 1000.005 × 1 → 1000.01
    expect(report.lines.map((l) => [l.agentCode, l.gradeBonus, l.awardAmount, l.payout])).toEqual([
      ["A1", 1000.005 * 1.5, 333.333, 1833.34],
      ["A2", 1000.005, 0, 1000.01],
    ]);
    expect(report.teams).toEqual([{ team: "North", agents: 2, total: 2833.35 }]);
    expect(report.total).toBe(2833.35);

    const text = incentivesCsv(report).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("Agent code,Agent,Team,Grade,Final composite,Grade bonus,Awards,Award amount,Payout,Currency");
    expect(lines[1]).toBe("A1,Ann Lee,North,A,92,1500.0075,Service Star,333.333,1833.34,CNY");
    expect(lines[2]).toBe(`A2,"'=HYPERLINK(""http://x"")",North,B,85,1000.005,,0,1000.01,CNY`);
    expect(lines[3]).toBe("Total North,2 agents,North,,,,,,2833.35,CNY");
    expect(lines[4]).toBe("Total,2 agents,,,,,,,2833.35,CNY");

    const xlsx = await exportIncentives(ctx, "2026-Q1", "xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(9).value).toBe(1833.34);
    expect(sheet.getRow(4).getCell(1).value).toBe("Total North");
    expect(sheet.getRow(4).getCell(9).value).toBe(2833.35);
    const audit = await listAudit(db, { entity: "quarter", entityId: "2026-Q1" });
    expect(audit[0]!.action).toBe("export.incentives");

    const results = (await exportResults(ctx, "2026-Q1")).body.toString("utf8");
    expect(results.split("\r\n")[0]).toContain("Quarter,Agent code,Agent,Team,Status,Composite,Adjustment,Final composite,Grade,Team rank,Org rank");
  });
});

describe("locking after a real transition", () => {
  it("keeps the rubric version it was scored with", async () => {
    await agents();
    await importCsv(ctx, { kind: "interactions", fileName: "i.csv", source: csv(INTERACTIONS, "2026-01-05,A1,phone,40,1520,38,30,27,2,0") });
    await scoreQuarter(ctx, "2026-Q1");
    const scored = (await findQuarter(db, "2026-Q1"))!.rubric_version_id;
    await runCycleStep(ctx, "2026-Q1", "review");
    await runCycleStep(ctx, "2026-Q1", "lock");
    expect((await findQuarter(db, "2026-Q1"))!.rubric_version_id).toBe(scored);
    await setQuarterState(db, { quarterId: "2026-Q1", from: "locked", to: "locked", actorUserId: null, actorLabel: "x", at: "2026-04-03T00:00:00Z" });
  });
});
