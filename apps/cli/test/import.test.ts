import { type CliRun, runStarboard } from "./helpers/runStarboard.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";

const INTERACTIONS_HEADER =
  "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

let dir: string;
let database: CliTestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-import-"));
  database = await createCliTestDatabase();
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  database.cleanup();
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function starboard(...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env: database.childEnv() });
}

async function tableRows(): Promise<Record<string, string[]>> {
  const all = await database.snapshot();
  const tables = ["teams", "agents", "imports", "interaction_daily", "qa_evaluations", "csat_responses", "audit_log"];
  for (const t of tables) expect(all[t], t).toBeDefined();
  return Object.fromEntries(tables.map((t) => [t, all[t]!]));
}

describe("starboard import", () => {
  it("imports, prints a one-line summary, and is idempotent", async () => {
    const agents = file("agents.csv", "agent_code,name,team,email,hire_date\nA1,Ann,North,,2025-01-01\nA2,Bo,South,,2025-01-01\n");
    expect(await starboard("import", "agents", agents)).toEqual({ status: 0, stdout: "agents.csv: 2 rows — 2 added, 0 replaced, 0 unchanged\n", stderr: "" });

    const interactions = file("interactions.csv", `${INTERACTIONS_HEADER}\r\n2026-01-05,A1,phone,10,300,9,8,7,,\r\n2026-01-05,A2,chat,4,,,,,,\r\n`);
    expect((await starboard("import", "interactions", interactions)).stdout).toBe("interactions.csv: 2 rows — 2 added, 0 replaced, 0 unchanged\n");
    expect(await starboard("import", "interactions", interactions)).toEqual({
      status: 0,
      stdout: "interactions.csv: 2 rows — 0 added, 0 replaced, 2 unchanged\n",
      stderr: "",
    });
  });

  it("a rejected file: every problem on stderr, exit 1, nothing written", async () => {
    file("agents.csv", "agent_code,name,team,email,hire_date\nA1,Ann,North,,2025-01-01\n");
    expect((await starboard("import", "agents", "agents.csv")).status).toBe(0);
    const before = await tableRows();
    const bad = file("bad.csv", `${INTERACTIONS_HEADER}\n2026-01-05,A1,phone,10,300,9,8,7,,\n2026-01-06,A1,phone,ten,,,8,,,\n2026-01-07,A7,chat,1,,,,,,\n`);
    const result = await starboard("import", "interactions", bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        'line 3, column contacts: "ten" is not a whole number (plain digits only, no separators)',
        "line 3, column resolved_first_contact: resolved_first_contact and resolved go together: give both or neither",
        'line 4, column agent_code: agent "A7" is not known; import agents first',
        "bad.csv was not imported: 3 problems; nothing was imported",
        "",
      ].join("\n"),
    );
    expect(await tableRows()).toEqual(before);
  });

  it("reads GB18030 by detection and honours --encoding", async () => {
    const gb = file("agents.csv", iconv.encode("agent_code,name,team,email,hire_date\nC1,王小明,华东一组,,2025-01-01\n", "gb18030"));
    const forced = await starboard("import", "agents", gb, "--encoding", "utf-8");
    expect(forced.status).toBe(1);
    expect(forced.stderr).toContain("line 2, column name: contains bytes that are not valid UTF-8");
    expect((await starboard("import", "agents", gb)).status).toBe(0);
    expect(await database.use((db) => db.selectFrom("teams").select("name").execute())).toEqual([{ name: "华东一组" }]);
  });

  it("usage errors exit 2, a missing file exits 1, never with a stack trace", async () => {
    const unknownKind = await starboard("import", "payroll", "x.csv");
    expect(unknownKind.status).toBe(2);
    expect(unknownKind.stderr).toContain("Allowed choices are agents, interactions, qa, csat");

    const badEncoding = await starboard("import", "agents", "x.csv", "--encoding", "latin1");
    expect(badEncoding.status).toBe(2);

    const missing = await starboard("import", "qa", "missing.csv");
    expect(missing).toEqual({ status: 1, stdout: "", stderr: "starboard import: cannot read missing.csv: no such file\n" });
    for (const r of [unknownKind, badEncoding, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a locked quarter refuses the file", async () => {
    file("agents.csv", "agent_code,name,team,email,hire_date\nA1,Ann,North,,2025-01-01\n");
    expect((await starboard("import", "agents", "agents.csv")).status).toBe(0);
    await database.use((db) =>
      db.insertInto("quarters").values({ id: "2026-Q1", state: "locked", rubric_version_id: null, calculated_at: null, updated_at: "2026-04-01T00:00:00Z" }).execute(),
    );
    file("i.csv", `${INTERACTIONS_HEADER}\n2026-02-01,A1,chat,3,,,,,,\n`);
    const result = await starboard("import", "interactions", "i.csv");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "line 2, column date: 2026-Q1 is locked; its data can no longer change (HR must reopen it first)\n" +
        "i.csv was not imported: it has data for 2026-Q1, which can no longer change; nothing was imported\n",
    );
  });
});
