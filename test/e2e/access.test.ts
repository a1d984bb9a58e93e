import { openSqlite } from "@starboard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser, openSession, signIn, waitForHydration } from "./browser.ts";

const PASSWORD = "starboard-demo";

interface Cast {
  agentA: { email: string; code: string };
  agentB: { code: string };
  manager: { email: string };
  /** A team the manager does not look after. */
  otherTeamId: number;
  ownTeamId: number;
}

async function cast(): Promise<Cast> {
  const db = openSqlite({ file: inject("dbPath") });
  try {
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
  } finally {
    await db.destroy();
  }
}

let browser: Browser;
let users: Cast;
let session: BrowserSession;

beforeAll(async () => {
  [browser, users] = await Promise.all([launchBrowser(), cast()]);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  const current = session;
  await current.close();
  // The browser logs the expected 404/403 document responses; anything else is a defect.
  current.errors.splice(0, current.errors.length, ...current.errors.filter((e) => !/status of 40[34]/.test(e)));
  current.assertNoErrors();
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
    session = await openSession(browser);
    const { page } = session;
    await signIn(page, users.agentA.email, PASSWORD);
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
    session = await openSession(browser);
    const { page } = session;
    await signIn(page, users.agentA.email, PASSWORD);
    expect((await page.goto("/hr"))?.status()).toBe(403);
    expect((await page.goto("/hr/imports"))?.status()).toBe(403);
    expect((await page.goto(`/teams/${users.ownTeamId}`))?.status()).toBe(403);
  });

  it("a manager opening a team that isn't theirs gets 404, the same as a team that doesn't exist", async () => {
    session = await openSession(browser);
    const { page } = session;
    await signIn(page, users.manager.email, PASSWORD);
    const other = await expectNotFound(page, `/teams/${users.otherTeamId}`);
    const missing = await expectNotFound(page, "/teams/999999");
    expect(other).toBe(missing);
    expect((await page.goto(`/teams/${users.ownTeamId}`))?.status()).toBe(200);
    expect((await page.goto("/hr"))?.status()).toBe(403);
  });
});

describe("anonymous visitors", () => {
  it.each(["/hr", "/hr/imports", "/me", "/teams/1", "/agents/AG001"])("%s redirects to /login", async (path) => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto(path);
    await waitForHydration(page);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("redirectTo")).toBe(path);
  });
});
