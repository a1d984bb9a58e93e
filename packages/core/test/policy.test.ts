import { describe, expect, it } from "vitest";
import { assertCan, can, decide, type PolicyUser } from "../src/policy/index.ts";
import { DomainError } from "../src/errors.ts";
import { QUARTER_STATES } from "@starboard/db";

const hr: PolicyUser = { role: "hr", agentId: null, teamIds: [] };
const manager: PolicyUser = { role: "manager", agentId: null, teamIds: [1, 2] };
const agent: PolicyUser = { role: "agent", agentId: 7, teamIds: [] };

describe("org-level actions", () => {
  for (const action of ["view_org_overview", "import_data", "calculate_quarter"] as const) {
    it(`${action}: HR only; others are forbidden (not hidden)`, () => {
      expect(can(hr, action)).toBe(true);
      expect(decide(manager, action)).toEqual({ allowed: false, code: "forbidden" });
      expect(decide(agent, action)).toEqual({ allowed: false, code: "forbidden" });
    });
  }
});

describe("view_team", () => {
  it("HR sees any team", () => {
    expect(can(hr, "view_team", { teamId: 99 })).toBe(true);
  });
  it("a manager sees their own teams only; another team looks like it doesn't exist", () => {
    expect(can(manager, "view_team", { teamId: 1 })).toBe(true);
    expect(can(manager, "view_team", { teamId: 2 })).toBe(true);
    expect(decide(manager, "view_team", { teamId: 3 })).toEqual({ allowed: false, code: "not_found" });
  });
  it("an agent has no team page", () => {
    expect(decide(agent, "view_team", { teamId: 1 })).toEqual({ allowed: false, code: "forbidden" });
  });
});

describe("view_agent", () => {
  it("HR sees every agent", () => {
    expect(can(hr, "view_agent", { agentId: 1, teamId: 5 })).toBe(true);
  });
  it("a manager sees agents of their teams only", () => {
    expect(can(manager, "view_agent", { agentId: 1, teamId: 2 })).toBe(true);
    expect(decide(manager, "view_agent", { agentId: 1, teamId: 3 })).toEqual({ allowed: false, code: "not_found" });
  });
  it("an agent sees only themself — another agent, even in the same team, is not found", () => {
    expect(can(agent, "view_agent", { agentId: 7, teamId: 1 })).toBe(true);
    expect(decide(agent, "view_agent", { agentId: 8, teamId: 1 })).toEqual({ allowed: false, code: "not_found" });
  });
  it("an agent user without an agent record sees nobody", () => {
    const orphan: PolicyUser = { role: "agent", agentId: null, teamIds: [] };
    expect(can(orphan, "view_agent", { agentId: 7, teamId: 1 })).toBe(false);
  });
});

describe("view_quarter", () => {
  it.each(QUARTER_STATES)("HR sees a quarter in state %s", (state) => {
    expect(can(hr, "view_quarter", { state })).toBe(true);
  });
  it.each(QUARTER_STATES)("managers and agents see state %s only when published", (state) => {
    expect(can(manager, "view_quarter", { state })).toBe(["in_review", "locked", "published"].includes(state));
    expect(can(agent, "view_quarter", { state })).toBe(state === "published");
  });
});

describe("assertCan", () => {
  it("passes silently when allowed", () => {
    expect(() => assertCan(hr, "import_data")).not.toThrow();
  });
  it("throws forbidden for a role error", () => {
    const error = catchError(() => assertCan(agent, "import_data"));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("forbidden");
  });
  it("throws not_found for someone else's personal data", () => {
    const error = catchError(() => assertCan(agent, "view_agent", { agentId: 8, teamId: 1 }));
    expect((error as DomainError).code).toBe("not_found");
  });
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
