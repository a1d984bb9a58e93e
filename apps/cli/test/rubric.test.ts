import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "../../../node_modules/.bin/starboard");
const run = promisify(execFile);

let dir: string;
let database: CliTestDatabase;

async function starboard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: database.childEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-rubric-"));
  database = await createCliTestDatabase();
  const demo = await starboard("demo");
  expect(demo.code).toBe(0);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  database.cleanup();
});

interface Standing { composite: number | null; grade: string | null; status: string }
interface WhatIf { quarters: Array<{ quarter: string; agents: Array<{ agentCode: string; before: Standing; after: Standing }> }> }

describe("starboard rubric", () => {
  it("list marks the version in effect; show --json prints what validate accepts", async () => {
    const list = await starboard("rubric", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\*\s+v1\s+approved\s+2000-Q1\s+Contact centre 10-point$/m);
    const shown = await starboard("rubric", "show", "--json");
    expect(shown.code).toBe(0);
    const rubric = JSON.parse(shown.stdout);
    expect(rubric).toMatchObject({ name: "Contact centre 10-point", scale: 10 });
    const file = join(dir, "active.json");
    writeFileSync(file, shown.stdout);
    const valid = await starboard("rubric", "validate", file);
    expect(valid).toMatchObject({ code: 0 });
    expect(valid.stdout).toContain("valid");
  });

  it("validate exits 1 and lists every problem with its path", async () => {
    const rubric = JSON.parse((await starboard("rubric", "show", "--json")).stdout);
    rubric.dimensions[1].metrics[0].weightBp = 3000; // total 105 %
    rubric.dimensions[1].metrics[0].rule.bands[2].upper = 89; // gap 89..90
    rubric.dimensions[3].metrics[0].rule.bands[0].points = 12; // above the 10-point scale
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(rubric));
    const result = await starboard("rubric", "validate", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("3 problems");
    expect(result.stderr).toContain("dimensions[1].metrics[0].rule.bands[2]: gap between 90 and 89 — bands must be contiguous");
    expect(result.stderr).toContain("dimensions[3].metrics[0].rule.bands[0]: 12 points is above the rubric's scale of 10");
    expect(result.stderr).toContain("dimensions: weights total 105%, they must total 100%");

    writeFileSync(join(dir, "broken.json"), "{ not json");
    const broken = await starboard("rubric", "validate", join(dir, "broken.json"));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("is not valid JSON");
  });

  it("whatif <draft.json> prints the documented JSON; the unchanged rubric reproduces the stored results", async () => {
    const file = join(dir, "same.json");
    writeFileSync(file, (await starboard("rubric", "show", "--json")).stdout);
    const result = await starboard("rubric", "whatif", file, "2026-Q2", "2026-Q3", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as WhatIf;
    expect(json.quarters.map((q) => q.quarter)).toEqual(["2026-Q2", "2026-Q3"]);
    for (const q of json.quarters) {
      expect(q.agents.length).toBeGreaterThan(50);
      for (const a of q.agents) {
        expect(Object.keys(a)).toEqual(["agentCode", "before", "after"]);
        expect(Object.keys(a.before)).toEqual(["composite", "grade", "status"]);
        expect(a.after).toEqual(a.before);
      }
    }
  });

  it("whatif --weights re-weights the active rubric and must total 100", async () => {
    const result = await starboard("rubric", "whatif", "--weights", "first_contact_resolution=45,csat=20", "2026-Q3", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as WhatIf;
    const moved = json.quarters[0]!.agents.filter((a) => a.before.composite !== a.after.composite);
    expect(moved.length).toBeGreaterThan(0);

    const bad = await starboard("rubric", "whatif", "--weights", "csat=50", "2026-Q3", "--json");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("weights total 110%, they must total 100%");
    const unknown = await starboard("rubric", "whatif", "--weights", "nps=40,csat=x", "2026-Q3");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"nps" is not a metric[\s\S]*"x" is not a percentage/);
    const notCalculated = await starboard("rubric", "whatif", "--weights", "csat=40", "2030-Q1", "--json");
    expect(notCalculated.code).toBe(1);
    expect(notCalculated.stderr).toContain("quarter 2030-Q1 has no calculated results");
  });
});
