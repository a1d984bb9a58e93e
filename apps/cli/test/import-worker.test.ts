import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, runStarboard } from "./helpers/runStarboard.ts";

/**
 * `starboard import` prints exactly the same (stdout, stderr, exit status) whether the
 * import's parse stage runs on a worker thread or in the main thread (decision 065): the
 * CLI runs TypeScript through tsx, and the worker loads through tsx's CommonJS hook.
 */
const dir = mkdtempSync(join(tmpdir(), "starboard-cli-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

function starboard(db: string, parseOn: "worker" | "main", ...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env: { ...process.env, STARBOARD_DB: join(dir, db), STARBOARD_IMPORT_PARSE_ON: parseOn } });
}

describe("starboard import with the parse stage on a worker thread", () => {
  it("prints the same summary, progress and problems as in-thread", async () => {
    writeFileSync(join(dir, "agents.csv"), "agent_code,name,team,email,hire_date,leave_date\nA1,Ann,North,,2025-01-01,\n");
    const days = Array.from({ length: 1200 }, (_, i) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    writeFileSync(join(dir, "good.csv"), [HEADER, ...days.map((d) => `${d},A1,phone,10,300,9,9,8,1,0`)].join("\n") + "\n");
    writeFileSync(join(dir, "bad.csv"), [HEADER, `${days[0]},A1,phone,10,300,9,9,8,1,0`, `${days[0]},A1,phone,x,300,9,9,8,1,0`, `2026-02-30,B7,fax,10,300,90,9,8,1,0`].join("\n") + "\n");

    const runs: Record<string, CliRun[]> = {};
    for (const parseOn of ["worker", "main"] as const) {
      const db = `${parseOn}.db`;
      expect((await starboard(db, parseOn, "import", "agents", "agents.csv")).status).toBe(0);
      runs[parseOn] = [
        await starboard(db, parseOn, "import", "interactions", "good.csv", "--progress"),
        await starboard(db, parseOn, "import", "interactions", "good.csv"),
        await starboard(db, parseOn, "import", "interactions", "bad.csv"),
      ];
    }
    const [first, again, bad] = runs.worker!;
    expect(first).toMatchObject({ status: 0, stdout: "good.csv: 1200 rows — 1200 added, 0 replaced, 0 unchanged\n" });
    expect(first!.stderr).toMatch(/^good\.csv: \d+ rows read…\n/);
    expect(again).toEqual({ status: 0, stdout: "good.csv: 1200 rows — 0 added, 0 replaced, 1200 unchanged\n", stderr: "" });
    expect(bad!.status).not.toBe(0);
    expect(bad!.stderr).toContain("line 3, column contacts:");
    expect(bad!.stderr).toContain("line 4, column date:");
    expect(runs.worker).toEqual(runs.main);
  }, 180_000);
});
