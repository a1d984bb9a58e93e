import { describe, expect, it } from "vitest";
import { decide, type PolicyUser } from "../src/index.ts";

const hr: PolicyUser = { role: "hr", agentId: null, teamIds: [] };
const manager: PolicyUser = { role: "manager", agentId: null, teamIds: [1, 2] };
const agent7: PolicyUser = { role: "agent", agentId: 7, teamIds: [] };
const code = (d: ReturnType<typeof decide>) => (d.allowed ? "allow" : d.code);

describe("coaching policy", () => {
  const ownPlan = { agentId: 7, teamId: 1 };
  const otherTeamPlan = { agentId: 9, teamId: 3 };

  it("HR sees every plan, the catalogue and effectiveness, but does not assign or move plans", () => {
    expect(code(decide(hr, "view_coaching_plan", otherTeamPlan))).toBe("allow");
    expect(code(decide(hr, "manage_coaching_catalogue"))).toBe("allow");
    expect(code(decide(hr, "view_coaching_effectiveness"))).toBe("allow");
    expect(code(decide(hr, "assign_coaching_plan", { teamId: 3 }))).toBe("forbidden");
    expect(code(decide(hr, "manage_coaching_plan", { teamId: 3 }))).toBe("forbidden");
  });

  it("a manager assigns, moves and notes plans of their teams only; other teams are not found", () => {
    expect(code(decide(manager, "assign_coaching_plan", { teamId: 1 }))).toBe("allow");
    expect(code(decide(manager, "assign_coaching_plan", { teamId: 3 }))).toBe("not_found");
    expect(code(decide(manager, "view_coaching_plan", otherTeamPlan))).toBe("not_found");
    expect(code(decide(manager, "manage_coaching_plan", { teamId: 2 }))).toBe("allow");
    expect(code(decide(manager, "add_coaching_note", ownPlan))).toBe("allow");
    expect(code(decide(manager, "acknowledge_coaching_plan", ownPlan))).toBe("forbidden");
    expect(code(decide(manager, "manage_coaching_catalogue"))).toBe("forbidden");
    expect(code(decide(manager, "view_coaching_suggestions", { teamId: 3 }))).toBe("not_found");
  });

  it("an agent sees, acknowledges and notes only their own plans", () => {
    expect(code(decide(agent7, "view_coaching_plan", ownPlan))).toBe("allow");
    expect(code(decide(agent7, "acknowledge_coaching_plan", ownPlan))).toBe("allow");
    expect(code(decide(agent7, "add_coaching_note", ownPlan))).toBe("allow");
    expect(code(decide(agent7, "view_coaching_plan", otherTeamPlan))).toBe("not_found");
    expect(code(decide(agent7, "acknowledge_coaching_plan", { agentId: 8, teamId: 1 }))).toBe("not_found");
    expect(code(decide(agent7, "manage_coaching_plan", { teamId: 1 }))).toBe("forbidden");
    expect(code(decide(agent7, "view_coaching_overview"))).toBe("forbidden");
  });
});
