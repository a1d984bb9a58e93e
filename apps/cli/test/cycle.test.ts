import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "../../../node_modules/.bin/starboard");
const run = promisify(execFile);

async function starboard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: database.childEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let database: CliTestDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-cycle-"));
  database = await createCliTestDatabase();
  const demo = await starboard("demo");
  expect(demo.code).toBe(0);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  database.cleanup();
});

describe("starboard cycle / awards / export", () => {
  it("refuses a step not allowed from the current state with a clear message", async () => {
    const r = await starboard("cycle", "2026-Q3", "calculate");
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "starboard cycle: cannot calculate 2026-Q3: it is published (calculate is allowed only when draft or collecting or calculated or in review)",
    );
    const unknown = await starboard("cycle", "2026-Q3", "finish");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown step "finish"');
  });

  it("awards --json prints {quarter, nominations:[{agentCode, award, status, reason}]}", async () => {
    const r = await starboard("awards", "2026-Q3", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { quarter: string; nominations: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(["quarter", "nominations"]);
    expect(json.quarter).toBe("2026-Q3");
    for (const n of json.nominations) expect(Object.keys(n)).toEqual(["agentCode", "award", "status", "reason"]);
    const codes = json.nominations.map((n) => n.agentCode);
    expect(codes).toEqual(expect.arrayContaining(["AG003", "AG024", "AG047"]));
    expect(json.nominations.find((n) => n.agentCode === "AG003")).toEqual({
      agentCode: "AG003",
      award: "Service Star",
      status: "approved",
      reason: "Outstanding in two consecutive quarters (demo data)",
    });
  });

  it("reopens with a reason, re-locks, rejects with a reason, and exports the payout as CSV and XLSX", async () => {
    expect((await starboard("cycle", "2026-Q3", "reopen")).stderr).toContain("reopening a quarter needs a reason");
    const reopened = await starboard("cycle", "2026-Q3", "reopen", "--reason", "late CSAT file");
    expect(reopened.stdout.trim()).toBe("2026-Q3: published → in review");
    expect((await starboard("cycle", "2026-Q3", "lock")).stdout.trim()).toMatch(/^2026-Q3: in review → locked \(\d+ award nominations\)$/);

    const noReason = await starboard("awards", "2026-Q3", "reject", "AG007");
    expect(noReason.code).toBe(1);
    expect(noReason.stderr.trim()).toBe("starboard awards: rejecting a nomination needs a reason (--reason)");
    const rejected = await starboard("awards", "2026-Q3", "reject", "AG007", "--reason", "open complaint");
    expect(rejected.stdout.trim()).toBe("2026-Q3: Service Star for AG007 rejected (open complaint)");
    const listed = JSON.parse((await starboard("awards", "2026-Q3", "--json")).stdout) as { nominations: Array<{ agentCode: string; status: string; reason: string }> };
    expect(listed.nominations.find((n) => n.agentCode === "AG007")).toMatchObject({ status: "rejected", reason: "open complaint" });

    const csvFile = join(dir, "incentives.csv");
    const csv = await starboard("export", "incentives", "2026-Q3", "--format", "csv", "--out", csvFile);
    expect(csv.code).toBe(0);
    const text = readFileSync(csvFile, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    const ag003 = lines.find((l) => l.startsWith("AG003,"))!;
    // Grade A: 1000 × 1.5 + Service Star 500 = 2000.
    expect(ag003.split(",").slice(-4)).toEqual(["Service Star", "500", "2000", "CNY"]);
    const ag007 = lines.find((l) => l.startsWith("AG007,"))!;
    expect(ag007.split(",").slice(-4, -2)).toEqual(["", "0"]);
    const total = lines.at(-1)!.split(",");
    expect(total[0]).toBe("Total");
    const teamTotals = lines.filter((l) => l.startsWith("Total ")).map((l) => Number(l.split(",")[8]));
    expect(teamTotals).toHaveLength(6);
    expect(Math.round(teamTotals.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(Number(total[8]) * 100));

    const xlsxFile = join(dir, "incentives.xlsx");
    expect((await starboard("export", "incentives", "2026-Q3", "--format", "xlsx", "--out", xlsxFile)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const values = book.worksheets[0]!.getColumn(9).values.filter((v) => typeof v === "number");
    expect(values.length).toBe(lines.length - 1);

    const bad = await starboard("export", "incentives", "2026-Q3", "--format", "pdf", "--out", join(dir, "x"));
    expect(bad.code).toBe(2);
  });

  it("opens a new quarter for collection", async () => {
    expect((await starboard("cycle", "2026-Q4", "collect")).stdout.trim()).toBe("2026-Q4: draft → collecting");
    const early = await starboard("export", "incentives", "2026-Q4", "--format", "csv", "--out", join(dir, "q4.csv"));
    expect(early.stderr.trim()).toBe("starboard export: 2026-Q4 is collecting: incentives are exported once it is locked");
  });
});
