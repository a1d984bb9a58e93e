import { openTestDatabase } from "@starboard/db/testing";
import { describe, expect, it } from "vitest";
import { createContext, getQaSample, loadDemo, qaLockBlockers, systemActor } from "../src/index.ts";

describe("demo QA data", () => {
  it("adds forms, contacts, 2026-Q4 evaluations (one flagged for calibration) and the November plan", async () => {
    const db = await openTestDatabase();
    try {
      const ctx = createContext(db, systemActor("test:demo"), () => new Date("2026-11-23T08:00:00Z"));
      await loadDemo(ctx);
      const forms = await db.selectFrom("qa_forms").select(["form_key", "version"]).orderBy("form_key").execute();
      expect(forms).toEqual([
        { form_key: "call_quality", version: 1 },
        { form_key: "compliance", version: 1 },
      ]);
      const internal = await db
        .selectFrom("qa_evaluations as e")
        .innerJoin("agents as a", "a.id", "e.agent_id")
        .select(["a.agent_code", "e.date", "e.score_pct", "e.fatal"])
        .where("e.evaluation_id", "like", "SB-%")
        .orderBy("e.date")
        .execute();
      expect(internal).toEqual([
        { agent_code: "AG008", date: "2026-10-14", score_pct: 0, fatal: 1 },
        { agent_code: "AG003", date: "2026-10-20", score_pct: 100, fatal: 0 },
        { agent_code: "AG015", date: "2026-11-03", score_pct: 60, fatal: 0 },
        { agent_code: "AG005", date: "2026-11-05", score_pct: 98.5, fatal: 0 },
      ]);
      expect((await qaLockBlockers(db, "2026-Q4")).map((b) => [b.kind, b.agentCode])).toEqual([["calibration", "AG012"]]);
      expect(await qaLockBlockers(db, "2026-Q3")).toEqual([]);
      const plan = await getQaSample(ctx, "2026-11");
      expect(plan?.agents).toHaveLength(20);
      // 22 contacts a day in October (682) → ceil(6.82) = 7 random picks each.
      // AG003 had full marks in September (imported) and October (scored in Starboard): only 5 in November.
      expect(plan!.agents.filter((a) => a.quota !== 7).map((a) => [a.agentCode, a.quota])).toEqual([["AG003", 5]]);
    } finally {
      await db.destroy();
    }
  });
});
