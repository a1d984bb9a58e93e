import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

interface Cast {
  agentA: { email: string; code: string };
  agentB: { code: string };
  manager: { email: string };
  /** A team the manager does not look after. */
  otherTeamId: number;
  ownTeamId: number;
}

async function cast(): Promise<Cast> {
  return withE2eDatabase(async (db) => {
    const agents = await db
      .selectFrom("users")
      .innerJoin("agents", "agents.id", "users.agent_id")
      .select(["users.email", "agents.agent_code"])
      .where("users.role", "=", "agent")
      .where("users.active", "=", 1)
      .orderBy("agents.agent_code")
      .limit(2)
      .execute();
    const manager = await db.selectFrom("users").select(["id", "email"]).where("role", "=", "manager").orderBy("id").executeTakeFirstOrThrow();
    const own = await db.selectFrom("user_teams").select("team_id").where("user_id", "=", manager.id).execute();
    const ownIds = own.map((t) => t.team_id);
    const other = await db.selectFrom("teams").select("id").where("id", "not in", ownIds).orderBy("id").executeTakeFirstOrThrow();
    return {
      agentA: { email: agents[0]!.email, code: agents[0]!.agent_code },
      agentB: { code: agents[1]!.agent_code },
      manager: { email: manager.email },
      otherTeamId: other.id,
      ownTeamId: ownIds[0]!,
    };
  });
}

const browser = useBrowser({ expectedErrors: /status of 40[34]/ });
let users: Cast;

beforeAll(async () => {
  users = await cast();
});

async function expectNotFound(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await waitForHydration(page);
  await expect(page.getByTestId("error-page").getAttribute("data-status")).resolves.toBe("404");
  return page.getByTestId("error-message").innerText();
}

describe("access to personal results", () => {
  it("agent A opening agent B's page gets the same 404 as for a code that doesn't exist", async () => {
    const page = await browser.signedIn(users.agentA.email);
    const other = await expectNotFound(page, `/agents/${users.agentB.code}`);
    const missing = await expectNotFound(page, "/agents/NO-SUCH-AGENT");
    expect(other).toBe(missing);
    // …but their own page opens.
    const own = await page.goto(`/agents/${users.agentA.code}`);
    expect(own?.status()).toBe(200);
    await waitForHydration(page);
    await page.getByTestId("page-title").filter({ hasText: users.agentA.code }).waitFor();
  });

  it("an agent cannot open HR pages or team pages", async () => {
    const page = await browser.signedIn(users.agentA.email);
    expect((await page.goto("/hr"))?.status()).toBe(403);
    expect((await page.goto("/hr/imports"))?.status()).toBe(403);
    expect((await page.goto(`/teams/${users.ownTeamId}`))?.status()).toBe(403);
  });

  it("a manager opening a team that isn't theirs gets 404, the same as a team that doesn't exist", async () => {
    const page = await browser.signedIn(users.manager.email);
    const other = await expectNotFound(page, `/teams/${users.otherTeamId}`);
    const missing = await expectNotFound(page, "/teams/999999");
    expect(other).toBe(missing);
    expect((await page.goto(`/teams/${users.ownTeamId}`))?.status()).toBe(200);
    expect((await page.goto("/hr"))?.status()).toBe(403);
  });
});

describe("anonymous visitors", () => {
  it.each(["/hr", "/hr/imports", "/me", "/teams/1", "/agents/AG001"])("%s redirects to /login", async (path) => {
    const session = await browser.open();
    const { page } = session;
    await page.goto(path);
    await waitForHydration(page);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("redirectTo")).toBe(path);
  });
});
