import { beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, DEMO_PASSWORD, signIn, useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

const PASSWORD = DEMO_PASSWORD;

interface DemoUsers {
  hr: string;
  manager: { email: string; firstTeamId: number };
  agent: string;
}

/** Picks one user per role from the E2E database (the demo data decides who exists). */
async function demoUsers(): Promise<DemoUsers> {
  return withE2eDatabase(async (db) => {
    const hr = await db.selectFrom("users").select("email").where("role", "=", "hr").where("active", "=", 1).orderBy("id").executeTakeFirstOrThrow();
    const manager = await db
      .selectFrom("users")
      .innerJoin("user_teams", "user_teams.user_id", "users.id")
      .select(["users.email", (eb) => eb.fn.min("user_teams.team_id").as("firstTeamId")])
      .where("users.role", "=", "manager")
      .where("users.active", "=", 1)
      .groupBy("users.id")
      .orderBy("users.id")
      .executeTakeFirstOrThrow();
    const agent = await db
      .selectFrom("users")
      .select("email")
      .where("role", "=", "agent")
      .where("active", "=", 1)
      .where("agent_id", "is not", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    return { hr: hr.email, manager: { email: manager.email, firstTeamId: Number(manager.firstTeamId) }, agent: agent.email };
  });
}

const browser = useBrowser();
let users: DemoUsers;

beforeAll(async () => {
  users = await demoUsers();
});

const path = (s: BrowserSession) => new URL(s.page.url()).pathname;

describe("signing in", () => {
  it("an anonymous visitor is sent to the sign-in page", async () => {
    const session = await browser.open();
    await session.page.goto("/");
    await waitForHydration(session.page);
    expect(path(session)).toBe("/login");
    await expect(session.page.getByRole("heading", { name: "Sign in" }).isVisible()).resolves.toBe(true);
  });

  it("HR lands on the organisation overview", async () => {
    const session = await browser.open();
    await signIn(session.page, users.hr, PASSWORD);
    expect(path(session)).toBe("/hr");
    const nav = session.page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Overview" }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole("link", { name: "Imports" }).isVisible()).resolves.toBe(true);
  });

  it("a manager lands on their first team's page", async () => {
    const session = await browser.open();
    await signIn(session.page, users.manager.email, PASSWORD);
    expect(path(session)).toBe(`/teams/${users.manager.firstTeamId}`);
    const nav = session.page.getByRole("navigation", { name: "Main" });
    await expect(nav.locator(`a[href="/teams/${users.manager.firstTeamId}"]`).count()).resolves.toBe(1);
    await expect(nav.getByRole("link", { name: "Imports" }).count()).resolves.toBe(0);
  });

  it("an agent lands on their own standing", async () => {
    const session = await browser.open();
    await signIn(session.page, users.agent, PASSWORD);
    expect(path(session)).toBe("/me");
    const nav = session.page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My standing" }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole("link", { name: "Overview" }).count()).resolves.toBe(0);
  });

  it("a wrong password shows only the generic error, and an unknown email the same one", async () => {
    const session = await browser.open();
    const { page } = session;
    for (const email of [users.hr, "nobody@starboard.test"]) {
      await page.goto("/login");
      await waitForHydration(page);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("login-error").filter({ hasText: "Email or password is incorrect." }).waitFor();
      expect(path(session)).toBe("/login");
    }
  });

  it("returns to the page asked for after signing in, but never to another site", async () => {
    const session = await browser.open();
    const { page } = session;
    await page.goto("/login?redirectTo=//evil.example/steal");
    await waitForHydration(page);
    await page.getByLabel("Email").fill(users.hr);
    await page.getByLabel("Password").fill(PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Sign in" }).click()]);
    expect(new URL(page.url()).host).toBe(new URL(inject("baseURL")).host);
    expect(path(session)).toBe("/hr");
  });
});

describe("session cookie and sign-out", () => {
  it("uses an HttpOnly SameSite=Lax cookie, and signing out ends the session", async () => {
    const session = await browser.open();
    const { page, context } = session;
    await signIn(page, users.hr, PASSWORD);
    const cookie = (await context.cookies()).find((c) => c.name === "starboard_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await waitForHydration(page);
    expect((await context.cookies()).some((c) => c.name === "starboard_session")).toBe(false);

    // The old session id is dead server-side too: replaying it doesn't sign anyone in.
    await context.addCookies([{ ...cookie!, expires: -1 }]);
    await page.goto("/hr");
    expect(path(session)).toBe("/login");
  });

  it("refuses a cross-site POST (CSRF) even with a valid session", async () => {
    const session = await browser.open();
    const { page, context } = session;
    await signIn(page, users.hr, PASSWORD);
    const response = await context.request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    await page.goto("/");
    expect(path(session)).toBe("/hr"); // still signed in
  });
});

describe("language", () => {
  it("switching to 简体中文 translates the interface and is remembered", async () => {
    const session = await browser.open();
    const { page } = session;
    await page.goto("/login");
    await waitForHydration(page);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");

    await page.getByRole("button", { name: "简体中文" }).click();
    await page.getByRole("heading", { name: "登录" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    expect(path(session)).toBe("/login");

    await page.reload();
    await waitForHydration(page);
    await page.getByRole("heading", { name: "登录" }).waitFor();
    await page.getByLabel("邮箱").fill(users.hr);
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("login-error").filter({ hasText: "邮箱或密码不正确。" }).waitFor();

    await page.getByRole("button", { name: "EN" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });

  it("follows the browser's Accept-Language when no language was chosen", async () => {
    const session = await browser.open({ locale: "zh-CN" });
    await session.page.goto("/login");
    await waitForHydration(session.page);
    await expect(session.page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
  });
});
