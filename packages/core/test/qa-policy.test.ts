import { describe, expect, it } from "vitest";
import { can, decide, type PolicyUser } from "../src/policy/index.ts";

const hr: PolicyUser = { role: "hr", agentId: null, teamIds: [] };
const lead: PolicyUser = { role: "manager", agentId: null, teamIds: [1] };
const agent: PolicyUser = { role: "agent", agentId: 7, teamIds: [] };

describe("QA policy", () => {
  it("HR and leads manage forms and see reports; only HR (re)generates the sampling plan", () => {
    for (const action of ["qa_manage_forms", "qa_view_reports", "qa_view_sample"] as const) {
      expect([can(hr, action), can(lead, action), decide(agent, action)]).toEqual([true, true, { allowed: false, code: "forbidden" }]);
    }
    expect([can(hr, "qa_generate_sample"), decide(lead, "qa_generate_sample")]).toEqual([true, { allowed: false, code: "forbidden" }]);
  });
  it("leads evaluate agents of their own teams only", () => {
    expect(can(hr, "qa_evaluate_agent", { teamId: 9 })).toBe(true);
    expect(can(lead, "qa_evaluate_agent", { teamId: 1 })).toBe(true);
    expect(decide(lead, "qa_evaluate_agent", { teamId: 2 })).toEqual({ allowed: false, code: "not_found" });
    expect(decide(agent, "qa_evaluate_agent", { teamId: 1 })).toEqual({ allowed: false, code: "forbidden" });
  });
  it("agents see their own evaluations once final, and may dispute only their own", () => {
    expect(can(agent, "qa_view_evaluation", { agentId: 7, teamId: 1, final: true })).toBe(true);
    expect(decide(agent, "qa_view_evaluation", { agentId: 7, teamId: 1, final: false })).toEqual({ allowed: false, code: "not_found" });
    expect(decide(agent, "qa_view_evaluation", { agentId: 8, teamId: 1, final: true })).toEqual({ allowed: false, code: "not_found" });
    expect(can(agent, "qa_dispute", { agentId: 7 })).toBe(true);
    expect(decide(agent, "qa_dispute", { agentId: 8 })).toEqual({ allowed: false, code: "not_found" });
    expect(decide(lead, "qa_dispute", { agentId: 7 })).toEqual({ allowed: false, code: "not_found" });
  });
});
