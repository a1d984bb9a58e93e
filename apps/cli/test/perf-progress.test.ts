import { type CliRun, runStarboard } from "./helpers/runStarboard.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";
import { progressReporter } from "../src/perf/progress.ts";

const dir = mkdtempSync(join(tmpdir(), "starboard-progress-"));
let database: CliTestDatabase;
beforeAll(async () => {
  database = await createCliTestDatabase();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  database.cleanup();
});

function starboard(...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env: database.childEnv() });
}

describe("progressReporter", () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { stream: { isTTY, write: (t: string) => written.push(t) }, written };
  };

  it("is silent when stderr is not a terminal and --progress was not given", async () => {
    const { stream, written } = sink(false);
    const p = progressReporter(false, stream, () => 0);
    p.update("1000 rows");
    p.done();
    expect(written).toEqual([]);
  });

  it("with --progress off a terminal: plain lines, at most one a second", async () => {
    const { stream, written } = sink(false);
    let t = 0;
    const p = progressReporter(true, stream, () => t);
    p.update("500 rows");
    t = 400;
    p.update("1000 rows"); // throttled
    t = 1000;
    p.update("1500 rows");
    p.done();
    expect(written).toEqual(["500 rows\n", "1500 rows\n"]);
  });

  it("on a terminal: one line redrawn in place and cleared at the end", async () => {
    const { stream, written } = sink(true);
    let t = 0;
    const p = progressReporter(false, stream, () => t);
    p.update("500 rows");
    t = 250;
    p.update("1000 rows");
    p.done();
    expect(written).toEqual(["\r\u001b[K500 rows", "\r\u001b[K1000 rows", "\r\u001b[K"]);
  });
});

describe("starboard import --progress", () => {
  it("reports rows read on stderr only with the flag; stdout keeps its exact summary line", async () => {
    writeFileSync(join(dir, "agents.csv"), "agent_code,name,team,email,hire_date,leave_date\nA1,Ann,North,,2025-01-01,\n");
    const header = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";
    const days = Array.from({ length: 600 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    writeFileSync(join(dir, "interactions.csv"), [header, ...days.map((d) => `${d},A1,phone,10,300,9,9,8,1,0`)].join("\n") + "\n");
    expect((await starboard("import", "agents", "agents.csv")).status).toBe(0);

    const withFlag = await starboard("import", "interactions", "interactions.csv", "--progress");
    expect(withFlag.status).toBe(0);
    expect(withFlag.stdout).toBe("interactions.csv: 600 rows — 600 added, 0 replaced, 0 unchanged\n");
    expect(withFlag.stderr).toMatch(/^interactions\.csv: \d+ rows read…\n/);

    const without = await starboard("import", "interactions", "interactions.csv");
    expect(without.status).toBe(0);
    expect(without.stdout).toBe("interactions.csv: 600 rows — 0 added, 0 replaced, 600 unchanged\n");
    expect(without.stderr).toBe("");
  });

  it("starboard demo rejects an unknown --size", async () => {
    const result = await starboard("demo", "--size", "XL");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Allowed choices are S, M, L");
  });
});
