import { openTestDatabase } from "@starboard/db/testing";
import { describe, expect, it } from "vitest";
import { createContext, systemActor } from "../src/context.ts";
import { loadSizedDemo } from "../src/demo/loadSizedDemo.ts";
import { SIZE_SPECS, generateSizedDemo } from "../src/demo/sizes.ts";

describe("sized datasets (starboard demo --size)", () => {
  it("are deterministic from the seed", { timeout: 20_000 }, () => {
    const a = generateSizedDemo("S", 7).quarterFiles("2026-Q1");
    const b = generateSizedDemo("S", 7).quarterFiles("2026-Q1");
    const c = generateSizedDemo("S", 8).quarterFiles("2026-Q1");
    expect(a.interactions).toBe(b.interactions);
    expect(a.csat).toBe(b.csat);
    expect(c.interactions).not.toBe(a.interactions);
  });

  it("M: every calendar day on three channels per agent, ≈ 100 QA and ≈ 150 CSAT per agent, skewed volumes, a few agents missing", () => {
    const demo = generateSizedDemo("M", 20260101);
    expect(demo.agents).toHaveLength(SIZE_SPECS.M.agents);
    expect(demo.teams).toHaveLength(SIZE_SPECS.M.teams);
    const files = demo.quarterFiles("2026-Q3"); // 92 days
    const absent = demo.agents.filter((a) => a.absentQuarter === "2026-Q3").length;
    expect(files.counts.interactionRows).toBe((500 - absent) * 3 * 92);
    expect(files.counts.qaEvaluations / (500 - absent)).toBeGreaterThan(90);
    expect(files.counts.qaEvaluations / (500 - absent)).toBeLessThan(110);
    expect(files.counts.csatResponses / (500 - absent)).toBeGreaterThan(120);
    expect(files.counts.csatResponses / (500 - absent)).toBeLessThan(180);

    const volumes = demo.agents.map((a) => a.volume).sort((x, y) => x - y);
    const median = volumes[Math.floor(volumes.length / 2)]!;
    expect(volumes.at(-1)! / median).toBeGreaterThan(2); // a long right tail
    const missing = demo.agents.filter((a) => a.absentQuarter !== null || a.frtOutageQuarter !== null).length;
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(30);
    // An agent with an FRT outage has empty first_response_sec_sum cells in that quarter.
    const outage = demo.agents.find((a) => a.frtOutageQuarter !== null)!;
    const rows = demo.quarterFiles(outage.frtOutageQuarter!).interactions.split("\n").filter((l) => l.includes(`,${outage.code},`));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => l.split(",")[4] === "")).toBe(true);
  }, 30_000);

  it("L is contact-centre scale: 2,000 agents in 100 teams", () => {
    expect(SIZE_SPECS.L).toEqual({ agents: 2000, teams: 100 });
    const demo = generateSizedDemo("L", 1);
    expect(new Set(demo.agents.map((a) => a.team)).size).toBe(100);
  });

  it("loadSizedDemo imports, scores and publishes through the real pipeline and creates the users", async () => {
    const db = await openTestDatabase();
    const ctx = createContext(db, systemActor("test"));
    const result = await loadSizedDemo(ctx, { size: "S", seed: 3, quarters: ["2026-Q3"] });
    expect(result).toMatchObject({ status: "loaded", size: "S", teams: 5, agents: 100, users: 1 + 3 + 100, quarters: ["2026-Q3"] });
    const scored = await db.selectFrom("quarter_results").select((eb) => eb.fn.countAll<number>().as("n")).where("quarter_id", "=", "2026-Q3").executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(100);
    const quarter = await db.selectFrom("quarters").select("state").where("id", "=", "2026-Q3").executeTakeFirstOrThrow();
    expect(quarter.state).toBe("published");
    await expect(loadSizedDemo(ctx, { size: "S", seed: 3, quarters: ["2026-Q3"] })).rejects.toMatchObject({ code: "invalid_input" });
    await db.destroy();
  }, 60_000);
});
