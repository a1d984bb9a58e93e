import { openTestDatabase } from "@starboard/db/testing";
import { type Db, listAgents, listAudit, listImports, listTeams } from "@starboard/db";
import iconv from "iconv-lite";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Context,
  type CsvImportKind,
  type ImportCsvInput,
  ImportRejectedError,
  createContext,
  formatImportProblem,
  importCsv,
  systemActor,
} from "../src/index.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/import/${name}`, import.meta.url));
const AGENTS_HEADER = "agent_code,name,team,email,hire_date,leave_date";
const INTERACTIONS_HEADER =
  "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";
const QA_HEADER = "evaluation_id,date,agent_code,form,score_pct,fatal,reviewer_code,contact_id";
const CSAT_HEADER = "response_id,date,agent_code,channel,rating";

let db: Db;
let ctx: Context;

beforeEach(async () => {
  db = await openTestDatabase();
  ctx = createContext(db, systemActor("cli:test"), () => new Date("2026-04-02T09:00:00Z"));
});
afterEach(async () => {
  await db.destroy();
});

const csv = (...lines: string[]) => Buffer.from(`${lines.join("\n")}\n`);

function run(kind: CsvImportKind, content: Buffer | string, extra: Partial<ImportCsvInput> = {}) {
  const buffer = typeof content === "string" ? Buffer.from(content) : content;
  return importCsv(ctx, { kind, fileName: `${kind}.csv`, source: { buffer }, ...extra });
}

/** The rejection's problems as the CLI prints them; fails if the import succeeded. */
async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return (error as ImportRejectedError).problems.map(formatImportProblem);
}

async function importAgents() {
  return importCsv(ctx, { kind: "agents", fileName: "agents.csv", source: { path: fixture("agents.csv") } });
}

/** Every row of every table the import touches, to prove a rejected file wrote nothing. */
async function snapshot() {
  return {
    teams: await db.selectFrom("teams").selectAll().orderBy("id").execute(),
    agents: await db.selectFrom("agents").selectAll().orderBy("id").execute(),
    imports: await db.selectFrom("imports").selectAll().orderBy("id").execute(),
    interactions: await db.selectFrom("interaction_daily").selectAll().orderBy("date").orderBy("agent_id").orderBy("channel").execute(),
    qa: await db.selectFrom("qa_evaluations").selectAll().orderBy("evaluation_id").execute(),
    csat: await db.selectFrom("csat_responses").selectAll().orderBy("response_id").execute(),
    audit: await db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

describe("agents.csv", () => {
  it("creates agents and their teams on first mention", async () => {
    const summary = await importAgents();
    expect(summary).toEqual({
      importId: 1,
      kind: "agents",
      fileName: "agents.csv",
      encoding: "utf-8",
      rowsTotal: 3,
      added: 3,
      replaced: 0,
      unchanged: 0,
    });
    expect((await listTeams(db)).map((t) => t.name)).toEqual(["North", "South"]);
    const agents = await listAgents(db);
    expect(agents.map((a) => [a.agent_code, a.name, a.team_name, a.email, a.hire_date, a.leave_date])).toEqual([
      ["A1", "Ann Lee", "North", "ann@example.com", "2025-01-06", null],
      ["A2", "Bo Chen", "North", null, "2025-03-01", null],
      ["A3", "Cai Wu", "South", "cai@example.com", "2024-11-01", "2026-02-15"],
    ]);
  });

  it("re-importing the same file changes nothing; a changed agent is replaced", async () => {
    await importAgents();
    const before = await snapshot();
    expect(await importAgents()).toMatchObject({ rowsTotal: 3, added: 0, replaced: 0, unchanged: 3 });
    const after = await snapshot();
    expect(after.agents).toEqual(before.agents);
    expect(after.teams).toEqual(before.teams);

    const moved = await run("agents", csv(AGENTS_HEADER, "A2,Bo Chen,West,,2025-03-01,2026-03-31", "A4,Dee Ma,West,dee@example.com,2026-01-10,"));
    expect(moved).toMatchObject({ rowsTotal: 2, added: 1, replaced: 1, unchanged: 0 });
    const a2 = (await listAgents(db)).find((a) => a.agent_code === "A2");
    expect(a2).toMatchObject({ team_name: "West", leave_date: "2026-03-31" });
  });

  it("reports every problem of every row", async () => {
    const problems = await problemsOf(
      run(
        "agents",
        csv(
          AGENTS_HEADER,
          ",,North,not-an-email,2025-13-01,",
          "A1,Ann,North,ann@example.com,2025-06-01,2025-05-31",
          "A1,Ann,North,ann@example.com,2025-06-01,",
        ),
      ),
    );
    expect(problems).toEqual([
      "line 2, column agent_code: a value is required",
      "line 2, column name: a value is required",
      'line 2, column email: "not-an-email" is not an email address',
      'line 2, column hire_date: "2025-13-01" is not a real date written YYYY-MM-DD',
      "line 3, column leave_date: 2025-05-31 is before hire_date 2025-06-01",
      'line 4, column agent_code: duplicate key: agent_code "A1" is already on line 3',
    ]);
    expect(await listTeams(db)).toEqual([]);
  });

  it("leave_date is an optional column", async () => {
    const summary = await run("agents", csv("agent_code,name,team,email,hire_date", "B1,Bea,East,,2025-01-01"));
    expect(summary).toMatchObject({ added: 1 });
  });
});

describe("interactions.csv", () => {
  beforeEach(importAgents);

  it("stores daily rows with empty cells as not recorded, tagged with the import", async () => {
    const summary = await importCsv(ctx, {
      kind: "interactions",
      fileName: "interactions.csv",
      source: { path: fixture("interactions.csv") },
    });
    expect(summary).toMatchObject({ importId: 2, rowsTotal: 3, added: 3, replaced: 0, unchanged: 0 });
    const rows = await db.selectFrom("interaction_daily").selectAll().orderBy("agent_id").orderBy("channel").execute();
    expect(rows).toEqual([
      { date: "2026-01-05", agent_id: 1, channel: "chat", contacts: 25, first_response_sec_sum: 500, answered_within_90s: null, resolved: 20, resolved_first_contact: 19, repeat_contacts_30d: null, complaints: null, import_id: 2 },
      { date: "2026-01-05", agent_id: 1, channel: "phone", contacts: 40, first_response_sec_sum: 1520, answered_within_90s: 38, resolved: 30, resolved_first_contact: 27, repeat_contacts_30d: 2, complaints: 0, import_id: 2 },
      { date: "2026-01-05", agent_id: 2, channel: "email", contacts: 10, first_response_sec_sum: null, answered_within_90s: null, resolved: null, resolved_first_contact: null, repeat_contacts_30d: null, complaints: null, import_id: 2 },
    ]);
    const [latest] = await listImports(db);
    expect(latest).toMatchObject({ id: 2, kind: "interactions", file_name: "interactions.csv", actor_label: "cli:test", created_at: "2026-04-02T09:00:00.000Z", rows_total: 3, rows_added: 3, rows_replaced: 0, rows_unchanged: 0 });
    const [audit] = await listAudit(db, { entity: "import", entityId: "2" });
    expect(audit).toMatchObject({ action: "import", entity: "import", actor_label: "cli:test", before: null });
    expect(JSON.parse(audit!.after!)).toMatchObject({ kind: "interactions", added: 3 });
  });

  it("re-import is idempotent; a corrected export replaces only the changed rows", async () => {
    const path = fixture("interactions.csv");
    await importCsv(ctx, { kind: "interactions", fileName: "interactions.csv", source: { path } });
    const before = await snapshot();
    const again = await importCsv(ctx, { kind: "interactions", fileName: "interactions.csv", source: { path } });
    expect(again).toMatchObject({ rowsTotal: 3, added: 0, replaced: 0, unchanged: 3 });
    const after = await snapshot();
    expect(after.interactions).toEqual(before.interactions);

    const corrected = await run(
      "interactions",
      csv(
        INTERACTIONS_HEADER,
        "2026-01-05,A1,phone,40,1520,38,30,27,2,0",
        "2026-01-05,A1,chat,26,500,,20,19,,",
        "2026-01-05,A2,email,10,,,,,,",
        "2026-01-06,A2,email,12,,12,5,5,,",
      ),
    );
    expect(corrected).toMatchObject({ rowsTotal: 4, added: 1, replaced: 1, unchanged: 2 });
    const chat = await db.selectFrom("interaction_daily").selectAll().where("channel", "=", "chat").executeTakeFirstOrThrow();
    expect(chat).toMatchObject({ contacts: 26, import_id: corrected.importId });
    const phone = await db.selectFrom("interaction_daily").selectAll().where("channel", "=", "phone").executeTakeFirstOrThrow();
    expect(phone.import_id).toBe(again.importId - 1);
  });

  it("checks every cell against the brief, each problem on its own line", async () => {
    const problems = await problemsOf(
      run(
        "interactions",
        csv(
          INTERACTIONS_HEADER,
          "2026-02-30,A1,sms,\"1,000\",-3,,5,,x,1.5",
          "2026-01-07,A1,phone,10,300,11,8,9,,",
          "2026-01-07,A2,chat,,,,,4,-1,",
          "2026-01-08,A9,email,3,,,,,,",
          "2026-01-07,A1,phone,10,300,9,8,7,,",
          "2026-1-9,A1,phone,+5,12.5,,,,,",
        ),
      ),
    );
    expect(problems).toEqual([
      'line 2, column date: "2026-02-30" is not a real date written YYYY-MM-DD',
      'line 2, column channel: "sms" is not a channel (phone, chat or email)',
      'line 2, column contacts: "1,000" is not a whole number (plain digits only, no separators)',
      'line 2, column first_response_sec_sum: "-3" must not be negative',
      "line 2, column resolved_first_contact: resolved_first_contact and resolved go together: give both or neither",
      'line 2, column repeat_contacts_30d: "x" is not a whole number (plain digits only, no separators)',
      'line 2, column complaints: "1.5" is not a whole number (plain digits only, no separators)',
      "line 3, column answered_within_90s: 11 is more than contacts (10)",
      "line 3, column resolved_first_contact: 9 is more than resolved (8)",
      "line 4, column contacts: a value is required",
      "line 4, column resolved: resolved and resolved_first_contact go together: give both or neither",
      'line 4, column repeat_contacts_30d: "-1" must not be negative',
      'line 5, column agent_code: agent "A9" is not known; import agents first',
      'line 6, column date: duplicate key: date 2026-01-07, agent_code "A1" and channel phone is already on line 3',
      'line 7, column date: "2026-1-9" is not a real date written YYYY-MM-DD',
      'line 7, column contacts: "+5" is not a whole number (plain digits only, no separators)',
    ]);
  });

  it("problem codes and params are stable for translation", async () => {
    const error = await run("interactions", csv(INTERACTIONS_HEADER, "2026-01-07,A1,phone,10,,11,,,,", "2026-01-07,A1,chat,99999999999,,,,,,")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rejected = error as ImportRejectedError;
    expect(rejected.code).toBe("import_rejected");
    expect(rejected.problems.map(({ line, column, code, params }) => ({ line, column, code, params }))).toEqual([
      { line: 2, column: "answered_within_90s", code: "exceeds", params: { value: 11, limitColumn: "contacts", limit: 10 } },
      { line: 3, column: "contacts", code: "out_of_range", params: { value: "99999999999", min: 0, max: 2147483647 } },
    ]);
  });

  it("a missing required column is a file-level problem on line 1; extra columns are ignored", async () => {
    const missing = await problemsOf(run("interactions", csv("date,agent_code,contacts,resolved", "2026-01-05,A1,3,1")));
    expect(missing).toEqual([
      "line 1, column channel: required column is missing from the header",
      "line 1, column first_response_sec_sum: required column is missing from the header",
      "line 1, column answered_within_90s: required column is missing from the header",
      "line 1, column resolved_first_contact: required column is missing from the header",
      "line 1, column repeat_contacts_30d: required column is missing from the header",
      "line 1, column complaints: required column is missing from the header",
    ]);
    const reordered = await run(
      "interactions",
      csv(
        "site,complaints,repeat_contacts_30d,resolved_first_contact,resolved,answered_within_90s,first_response_sec_sum,contacts,channel,agent_code,date,note",
        "Shanghai,1,,,,,,7,chat,A2,2026-01-09,whatever",
      ),
    );
    expect(reordered).toMatchObject({ added: 1 });
    const row = await db.selectFrom("interaction_daily").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ date: "2026-01-09", channel: "chat", contacts: 7, complaints: 1 });
  });

  it("header names are exact and lower-case", async () => {
    const problems = await problemsOf(run("csat", csv("Response_ID,date,agent_code,channel,rating", "R1,2026-01-05,A1,chat,5")));
    expect(problems).toEqual(["line 1, column response_id: required column is missing from the header"]);
  });

  it("an empty file is refused", async () => {
    expect(await problemsOf(run("interactions", ""))).toEqual(["line 1: the file is empty; line 1 must be the header"]);
  });

  it("a row with more cells than the header is reported, trailing empty cells are not", async () => {
    const problems = await problemsOf(
      run("csat", csv(CSAT_HEADER, "R1,2026-01-05,A1,chat,5,,", "R2,2026-01-05,A1,chat,5,oops")),
    );
    expect(problems).toEqual(["line 3: the row has 6 fields but the header has 5"]);
  });

  it("all or nothing: a bad last row leaves every table exactly as it was", async () => {
    await run("interactions", csv(INTERACTIONS_HEADER, "2026-01-02,A1,phone,5,,,,,,"));
    const before = await snapshot();
    const good = Array.from({ length: 30 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")},A2,chat,${i + 1},,,,,,`);
    const problems = await problemsOf(
      importCsv(
        ctx,
        {
          kind: "interactions",
          fileName: "interactions.csv",
          source: { buffer: csv(INTERACTIONS_HEADER, "2026-01-02,A1,phone,6,,,,,,", ...good, "2026-01-31,A2,chat,oops,,,,,,") },
        },
        { batchRows: 4 },
      ),
    );
    expect(problems).toEqual(['line 33, column contacts: "oops" is not a whole number (plain digits only, no separators)']);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file with data in a locked or published quarter", async () => {
    await db.insertInto("quarters").values([
      { id: "2025-Q4", state: "published", rubric_version_id: null, calculated_at: null, updated_at: "2026-01-10T00:00:00Z" },
      { id: "2026-Q1", state: "locked", rubric_version_id: null, calculated_at: null, updated_at: "2026-04-01T00:00:00Z" },
      { id: "2026-Q2", state: "collecting", rubric_version_id: null, calculated_at: null, updated_at: "2026-04-01T00:00:00Z" },
    ]).execute();
    const before = await snapshot();
    const error = await run(
      "interactions",
      csv(INTERACTIONS_HEADER, "2026-04-01,A1,phone,5,,,,,,", "2026-03-31,A1,phone,5,,,,,,", "2026-03-30,A1,phone,5,,,,,,", "2025-12-31,A1,chat,1,,,,,,"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rejected = error as ImportRejectedError;
    expect(rejected.code).toBe("quarter_locked");
    expect(rejected.params.quarters).toBe("2026-Q1, 2025-Q4");
    expect(rejected.problems.map(formatImportProblem)).toEqual([
      "line 3, column date: 2026-Q1 is locked; its data can no longer change (HR must reopen it first)",
      "line 5, column date: 2025-Q4 is published; its data can no longer change (HR must reopen it first)",
    ]);
    expect(await snapshot()).toEqual(before);
    // A quarter that is still collecting takes data.
    expect(await run("interactions", csv(INTERACTIONS_HEADER, "2026-04-01,A1,phone,5,,,,,,"))).toMatchObject({ added: 1 });
  });
});

describe("qa_evaluations.csv", () => {
  beforeEach(importAgents);

  it("accepts decimal scores, every boolean spelling and an absent contact_id column", async () => {
    const fatal = ["true", "false", "TRUE", "FALSE", "1", "0", "Y", "N"];
    const rows = fatal.map((f, i) => `E${i},2026-02-0${i + 1},A1,Phone v2,${i === 0 ? "0" : "92.5"},${f},R7`);
    const summary = await run("qa", csv("evaluation_id,date,agent_code,form,score_pct,fatal,reviewer_code", ...rows));
    expect(summary).toMatchObject({ rowsTotal: 8, added: 8 });
    const stored = await db.selectFrom("qa_evaluations").select(["evaluation_id", "fatal", "score_pct", "contact_id"]).orderBy("evaluation_id").execute();
    expect(stored.map((r) => r.fatal)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(stored[1]).toEqual({ evaluation_id: "E1", fatal: 0, score_pct: 92.5, contact_id: null });
  });

  it("checks score range, booleans and repeated evaluation ids", async () => {
    const problems = await problemsOf(
      run(
        "qa",
        csv(
          QA_HEADER,
          "E1,2026-02-01,A1,Phone,100.5,yes,R1,C1",
          "E2,2026-02-01,A1,,-1,true,,",
          "E1,2026-02-02,A2,Phone,80,false,R1,",
          "E3,2026-02-02,A1,Phone,85%,n,R1,",
        ),
      ),
    );
    expect(problems).toEqual([
      "line 2, column score_pct: 100.5 is outside the allowed range 0–100",
      'line 2, column fatal: "yes" is not a yes/no value (use true/false, TRUE/FALSE, 1/0 or Y/N)',
      "line 3, column form: a value is required",
      "line 3, column score_pct: -1 is outside the allowed range 0–100",
      "line 3, column reviewer_code: a value is required",
      'line 4, column evaluation_id: duplicate key: evaluation_id "E1" is already on line 2',
      'line 5, column score_pct: "85%" is not a number (digits with an optional decimal point)',
      'line 5, column fatal: "n" is not a yes/no value (use true/false, TRUE/FALSE, 1/0 or Y/N)',
    ]);
  });

  it("a corrected evaluation replaces the stored one", async () => {
    await run("qa", csv(QA_HEADER, "E1,2026-02-01,A1,Phone,70,false,R1,C1"));
    const fixed = await run("qa", csv(QA_HEADER, "E1,2026-02-01,A1,Phone,75,false,R1,C1", "E2,2026-02-01,A1,Phone,90,false,R1,"));
    expect(fixed).toMatchObject({ added: 1, replaced: 1, unchanged: 0 });
    const e1 = await db.selectFrom("qa_evaluations").selectAll().where("evaluation_id", "=", "E1").executeTakeFirstOrThrow();
    expect(e1).toMatchObject({ score_pct: 75, import_id: fixed.importId });
  });
});

describe("csat.csv", () => {
  beforeEach(importAgents);

  it("imports ratings 1–5 and refuses anything else", async () => {
    expect(await run("csat", csv(CSAT_HEADER, "R1,2026-01-05,A1,chat,1", "R2,2026-01-05,A2,email,5"))).toMatchObject({ added: 2 });
    const problems = await problemsOf(
      run("csat", csv(CSAT_HEADER, "R3,2026-01-05,A1,chat,0", "R4,2026-01-05,A1,Chat,6", "R5,2026-01-05,A1,phone,4.5", "R1,2026-01-06,A1,phone,")),
    );
    expect(problems).toEqual([
      "line 2, column rating: 0 is outside the allowed range 1–5",
      'line 3, column channel: "Chat" is not a channel (phone, chat or email)',
      "line 3, column rating: 6 is outside the allowed range 1–5",
      'line 4, column rating: "4.5" is not a whole number (plain digits only, no separators)',
      "line 5, column rating: a value is required",
    ]);
  });
});

describe("encodings and line endings", () => {
  const chineseAgents = `${AGENTS_HEADER}\r\nC1,王小明,华东一组,,2025-01-01,\r\nC2,"李
雷",华东一组,,2025-02-01,\r\n`;

  it("a UTF-8 BOM and CRLF line endings are understood", async () => {
    const summary = await run("agents", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chineseAgents)]));
    expect(summary).toMatchObject({ encoding: "utf-8", added: 2 });
    expect((await listAgents(db)).map((a) => [a.agent_code, a.name, a.team_name])).toEqual([
      ["C1", "王小明", "华东一组"],
      ["C2", "李\n雷", "华东一组"],
    ]);
  });

  it("a file that is not valid UTF-8 is read as GB18030", async () => {
    const summary = await run("agents", iconv.encode(chineseAgents, "gb18030"));
    expect(summary).toMatchObject({ encoding: "gb18030", added: 2 });
    expect((await listAgents(db)).map((a) => a.team_name)).toEqual(["华东一组", "华东一组"]);
  });

  it("--encoding overrides detection, and undecodable cells are reported where they are", async () => {
    const gb = iconv.encode(`${AGENTS_HEADER}\r\nC1,王小明,North,,2025-01-01,\r\nC2,Lei,华东,,2025-01-01,\r\n`, "gb18030");
    expect(await problemsOf(run("agents", gb, { encoding: "utf-8" }))).toEqual([
      "line 2, column name: contains bytes that are not valid UTF-8; save the file as UTF-8 or pass --encoding",
      "line 3, column team: contains bytes that are not valid UTF-8; save the file as UTF-8 or pass --encoding",
    ]);
    expect(await run("agents", gb, { encoding: "gb18030" })).toMatchObject({ added: 2 });
  });

  it("line numbers count physical lines, including quoted line breaks and blank lines", async () => {
    await importAgents();
    const content = `${CSAT_HEADER}\r\nR1,2026-01-05,A1,chat,5\r\n\r\nR2,2026-01-05,A1,"chat\r\nx",5\r\nR3,2026-01-05,A1,chat,9\r\n`;
    expect(await problemsOf(run("csat", content))).toEqual([
      'line 4, column channel: "chat\r\nx" is not a channel (phone, chat or email)',
      "line 6, column rating: 9 is outside the allowed range 1–5",
    ]);
  });
});

describe("policy and limits", () => {
  it("only HR (or the system) may import", async () => {
    const manager = createContext(db, { userId: null, label: "m@example.com", role: "manager" });
    await expect(importCsv(manager, { kind: "agents", fileName: "a.csv", source: { buffer: Buffer.from(AGENTS_HEADER) } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("a missing file is not_found", async () => {
    await expect(importCsv(ctx, { kind: "agents", fileName: "nope.csv", source: { path: fixture("nope.csv") } })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists the first problems and counts the rest", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `R${i},2026-01-05,A1,chat,9`);
    await importAgents();
    const error = (await importCsv(ctx, { kind: "csat", fileName: "csat.csv", source: { buffer: csv(CSAT_HEADER, ...rows) } }, { maxProblems: 10 }).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error.problems).toHaveLength(11);
    expect(formatImportProblem(error.problems[10]!)).toBe("line 11: 2 more problems not listed; fix these first");
    expect(error.message).toBe("csat.csv was not imported: 12 problems");
  });
});
