import { type CliRun, runStarboard } from "./helpers/runStarboard.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";

const CONTACTS_HEADER = "contact_id,started_at,agent_code,channel,duration_sec,sla_missed,complaint";

let dir: string;
let database: CliTestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-qa-"));
  database = await createCliTestDatabase();
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  database.cleanup();
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
function starboard(...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env: database.childEnv() });
}

function contacts(): string {
  const lines = [CONTACTS_HEADER];
  // A1: 600 contacts in September → October quota ceil(6) = 6.
  for (let i = 0; i < 600; i++) lines.push(`S${i},2026-09-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z,A1,email,300,false,false`);
  for (let i = 1; i <= 20; i++) lines.push(`O${i},2026-10-${String(i).padStart(2, "0")}T09:30:00Z,A1,phone,150,false,false`);
  lines.push("O-LONG,2026-10-21T09:30:00Z,A1,phone,201,true,false", "O-SHORT,2026-10-22T09:30:00Z,A1,phone,19,false,false");
  lines.push("P1,2026-10-02T09:30:00Z,A2,chat,80,false,false");
  return `${lines.join("\n")}\n`;
}

describe("starboard import contacts / qa sample", () => {
  it("imports contacts idempotently and prints the month's plan as JSON, the same again until regenerated", async () => {
    expect((await starboard("import", "agents", file("agents.csv", "agent_code,name,team,email,hire_date\nA1,Ann,North,,2025-01-01\nA2,Bo,North,,2025-01-01\n"))).status).toBe(0);
    const path = file("contacts.csv", contacts());
    expect(await starboard("import", "contacts", path)).toEqual({ status: 0, stdout: "contacts.csv: 623 rows — 623 added, 0 replaced, 0 unchanged\n", stderr: "" });
    expect((await starboard("import", "contacts", path)).stdout).toBe("contacts.csv: 623 rows — 0 added, 0 replaced, 623 unchanged\n");

    const first = await starboard("qa", "sample", "2026-10", "--json");
    expect(first.status).toBe(0);
    const plan = JSON.parse(first.stdout);
    expect(Object.keys(plan)).toEqual(["month", "agents"]);
    expect(plan.month).toBe("2026-10");
    expect(plan.agents.map((a: { agentCode: string }) => a.agentCode)).toEqual(["A1", "A2"]);
    const [a1, a2] = plan.agents;
    expect(Object.keys(a1)).toEqual(["agentCode", "quota", "random", "targeted"]);
    expect(a1.quota).toBe(6);
    expect(a1.random).toHaveLength(6);
    for (const id of a1.random) expect(id).toMatch(/^O\d+$/);
    expect(a1.targeted).toEqual([
      { contactId: "O-LONG", reason: "long_call_sla_missed" },
      { contactId: "O-SHORT", reason: "short_call" },
    ]);
    expect(a2).toEqual({ agentCode: "A2", quota: 1, random: ["P1"], targeted: [] });

    expect((await starboard("qa", "sample", "2026-10", "--json")).stdout).toBe(first.stdout);
    const regenerated = JSON.parse((await starboard("qa", "sample", "2026-10", "--json", "--regenerate")).stdout);
    expect(regenerated.agents[0].random).not.toEqual(a1.random);

    const actions = await database.use((db) => db.selectFrom("audit_log").select("action").where("entity", "=", "qa_sample_plan").orderBy("id").execute());
    expect(actions).toEqual([{ action: "qa_sample_generate" }, { action: "qa_sample_regenerate" }]);
  });

  it("refuses a bad month and a bad contacts file with every problem, writing nothing", async () => {
    expect(await starboard("qa", "sample", "2026-13")).toEqual({ status: 1, stdout: "", stderr: 'starboard qa sample: "2026-13" is not a month written YYYY-MM\n' });
    await starboard("import", "agents", file("agents.csv", "agent_code,name,team,email,hire_date\nA1,Ann,North,,2025-01-01\n"));
    const bad = await starboard("import", "contacts", file("contacts.csv", `${CONTACTS_HEADER}\nC1,yesterday,A1,phone,10,false,false\nC1,2026-10-01T09:00:00Z,A1,phone,10,no,false\n`));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'line 2, column started_at: "yesterday" is not a date-time written YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]\n' +
        "line 3, column contact_id: duplicate key: contact_id \"C1\" is already on line 2\n" +
        'line 3, column sla_missed: "no" is not a yes/no value (use true/false, TRUE/FALSE, 1/0 or Y/N)\n' +
        "contacts.csv was not imported: 3 problems; nothing was imported\n",
    );
  });
});
