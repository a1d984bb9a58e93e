import { describe, expect, inject, it } from "vitest";
import { type BrowserSession, DEMO_PASSWORD, signIn, useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";
import { http, signInHttp } from "./http.ts";

const PASSWORD = DEMO_PASSWORD;
const HR = "hr@starboard.test";

const browser = useBrowser();
const open = (locale?: string): Promise<BrowserSession> => browser.open(locale ? { locale } : {});
const query = withE2eDatabase;

const path = (s: BrowserSession) => new URL(s.page.url()).pathname;

describe("HR user administration", () => {
  it("invite → one-time link → the new manager sets a password and signs in → HR deactivates → their session ends", async () => {
    const hr = await open();
    await signIn(hr.page, HR, PASSWORD);
    await hr.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await hr.page.getByTestId("page-title").filter({ hasText: "Users" }).waitFor();
    await waitForHydration(hr.page);

    const team = await query((db) => db.selectFrom("teams").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow());
    await hr.page.getByLabel("Email", { exact: true }).fill("new.lead@starboard.test");
    await hr.page.getByLabel("Name", { exact: true }).fill("Nova Lead");
    await hr.page.getByLabel("Role").selectOption("manager");
    await hr.page.getByLabel(team.name).check();
    await hr.page.getByRole("button", { name: "Invite" }).click();
    const link = await hr.page.getByTestId("invite-done").getByTestId("one-time-link").innerText();
    expect(link).toMatch(new RegExp(`^${inject("baseURL")}/reset-password/[A-Za-z0-9_-]{43}$`));
    await hr.page.locator('tr[data-email="new.lead@starboard.test"]').waitFor();

    // The new manager, in their own browser.
    const lead = await open();
    await lead.page.goto(link);
    await waitForHydration(lead.page);
    await lead.page.getByLabel("New password").fill("a lead's long passphrase");
    await lead.page.getByLabel("Repeat the password").fill("a lead's long passphrase");
    await lead.page.getByRole("button", { name: "Set password" }).click();
    await lead.page.getByTestId("reset-done").waitFor();
    // The link is used up.
    await lead.page.goto(link);
    await lead.page.getByTestId("reset-invalid").waitFor();
    await signIn(lead.page, "new.lead@starboard.test", "a lead's long passphrase");
    expect(path(lead)).toBe(`/teams/${team.id}`);

    // HR deactivates the account: every session of it ends at once.
    await hr.page.locator('tr[data-email="new.lead@starboard.test"]').getByRole("link", { name: /Edit/ }).click();
    await hr.page.getByTestId("page-title").filter({ hasText: "new.lead@starboard.test" }).waitFor();
    await waitForHydration(hr.page);
    await hr.page.getByRole("button", { name: "Deactivate" }).click();
    await hr.page.getByTestId("done-deactivate").waitFor();
    await expect(hr.page.getByTestId("user-status").innerText()).resolves.toBe("Deactivated");

    await lead.page.goto(`/teams/${team.id}`);
    await waitForHydration(lead.page);
    expect(path(lead)).toBe("/login");

    // The audit log shows who did it, filtered by action.
    await hr.page.goto("/hr/audit");
    await waitForHydration(hr.page);
    await hr.page.getByLabel("Action").selectOption("user.deactivate");
    await hr.page.getByRole("button", { name: "Filter" }).click();
    await hr.page.waitForURL((url) => url.searchParams.get("action") === "user.deactivate");
    const row = hr.page.locator('tr[data-action="user.deactivate"]').first();
    await expect(row.innerText()).resolves.toContain("new.lead@starboard.test");
    await expect(row.innerText()).resolves.toContain(HR);
    await hr.page.getByLabel("Actor").fill("nobody-at-all");
    await hr.page.getByRole("button", { name: "Filter" }).click();
    await hr.page.getByText("No entries match these filters.").waitFor();
  });

  it("a form error is shown translated, and nothing is created", async () => {
    const hr = await open("zh-CN");
    await signIn(hr.page, HR, PASSWORD);
    await hr.page.goto("/hr/users");
    await waitForHydration(hr.page);
    await hr.page.getByLabel("邮箱").fill(HR);
    await hr.page.getByLabel("姓名", { exact: true }).fill("Dup");
    await hr.page.getByLabel("角色").selectOption("hr");
    await hr.page.getByRole("button", { name: "邀请" }).click();
    await hr.page.getByTestId("admin-error").filter({ hasText: `${HR} 已有账户。` }).waitFor();
  });
});

describe("sessions", () => {
  it("sign out everywhere ends the sessions in every browser", async () => {
    const email = await query(async (db) =>
      (await db.selectFrom("users").select("email").where("role", "=", "agent").where("active", "=", 1).orderBy("email", "desc").executeTakeFirstOrThrow()).email,
    );
    const first = await open();
    const second = await open();
    await signIn(first.page, email, PASSWORD);
    await signIn(second.page, email, PASSWORD);
    await first.page.getByTestId("current-user").click();
    await first.page.getByTestId("page-title").filter({ hasText: "Your account" }).waitFor();
    await waitForHydration(first.page);
    await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await first.page.waitForURL((url) => url.pathname === "/login");
    await second.page.goto("/me");
    await waitForHydration(second.page);
    expect(path(second)).toBe("/login");
  });

  it("after 10 failed sign-ins the account is throttled, even with the right password, with a generic message", async () => {
    const email = await query(async (db) =>
      (await db.selectFrom("users").select("email").where("role", "=", "agent").where("active", "=", 1).orderBy("email", "desc").limit(1).offset(1).executeTakeFirstOrThrow()).email,
    );
    for (let i = 0; i < 10; i++) {
      const r = await http("POST", "/login", { form: { email, password: `wrong-${i}` } });
      expect(r.status).toBe(200);
    }
    const s = await open();
    await s.page.goto("/login");
    await waitForHydration(s.page);
    await s.page.getByLabel("Email").fill(email);
    await s.page.getByLabel("Password").fill(PASSWORD);
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await s.page.getByTestId("login-error").filter({ hasText: "Too many failed attempts" }).waitFor();
    expect(path(s)).toBe("/login");
    const counted = await query((db) => db.selectFrom("auth_failures").select("id").where("scope", "=", "account").where("subject", "=", email).execute());
    expect(counted).toHaveLength(10);
  });
});

describe("privacy", () => {
  it("HR viewing an agent's page is logged, the agent viewing their own is not (managers: core tests); HR exports the person's data", async () => {
    const agent = await query(async (db) =>
      db
        .selectFrom("agents")
        .innerJoin("users", "users.agent_id", "agents.id")
        .select(["agents.agent_code", "users.email"])
        .where("users.active", "=", 1)
        .orderBy("agents.agent_code")
        .limit(1)
        .offset(4)
        .executeTakeFirstOrThrow(),
    );
    const countViews = () =>
      query(async (db) =>
        (await db.selectFrom("audit_log").select(["actor_label"]).where("action", "=", "personal_results.view").where("entity", "=", "agent").where("entity_id", "=", agent.agent_code).execute()).map((r) => r.actor_label),
      );
    const before = await countViews();
    const own = await signInHttp(agent.email, PASSWORD);
    expect((await http("GET", `/agents/${agent.agent_code}`, { cookie: own })).status).toBe(200);
    expect((await http("GET", "/me", { cookie: own })).status).toBe(200);
    expect(await countViews()).toEqual(before);

    const hr = await open();
    await signIn(hr.page, HR, PASSWORD);
    await hr.page.goto(`/agents/${agent.agent_code}`);
    await waitForHydration(hr.page);
    expect(await countViews()).toEqual([...before, HR]);

    await hr.page.goto("/hr/privacy");
    await waitForHydration(hr.page);
    await hr.page.getByLabel("Agent code").fill(agent.agent_code);
    const [download] = await Promise.all([hr.page.waitForEvent("download"), hr.page.getByRole("button", { name: "Download JSON" }).click()]);
    expect(download.suggestedFilename()).toBe(`starboard-personal-data-${agent.agent_code}.json`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const data = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { agent: { agent_code: string }; results: unknown[]; users: { email: string }[] };
    expect(data.agent.agent_code).toBe(agent.agent_code);
    expect(data.users.map((u) => u.email)).toEqual([agent.email]);
    expect(data.results.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain("password_hash");
  });
});
