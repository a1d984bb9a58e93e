import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";
import { http, signInHttp } from "./http.ts";

/**
 * The dashboard page cache of the production server (apps/web/server.mjs,
 * docs/decisions/063-dashboard-page-cache.md), end to end: never stale after a write through
 * a real operation (web or CLI), never one user's page for another, a fresh nonce on every
 * response, the privacy log written for every view, sessions checked on every request.
 */
const PASSWORD = DEMO_PASSWORD;
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const STARBOARD_CLI = join(ROOT, "node_modules/.bin/starboard");

interface Manager {
  id: number;
  email: string;
  name: string;
  teamIds: number[];
}

async function managerByEmail(email: string): Promise<Manager> {
  return withE2eDatabase(async (db) => {
    const user = await db.selectFrom("users").select(["id", "email", "name"]).where("email", "=", email).executeTakeFirstOrThrow();
    const teams = await db.selectFrom("user_teams").select("team_id").where("user_id", "=", user.id).orderBy("team_id").execute();
    return { id: user.id, email: user.email, name: user.name, teamIds: teams.map((t) => t.team_id) };
  });
}

const teamViews = (teamId: number) =>
  withE2eDatabase(async (db) => {
    const row = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "personal_results.view")
      .where("entity", "=", "team")
      .where("entity_id", "=", String(teamId))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });

const cacheStatus = (result: { headers: Headers }) => result.headers.get("X-Page-Cache");
const nonceOf = (result: { headers: Headers }) => /'nonce-([^']+)'/.exec(result.headers.get("Content-Security-Policy") ?? "")?.[1];

function cli(...args: string[]) {
  const result = spawnSync(STARBOARD_CLI, args, { cwd: ROOT, env: { ...process.env, STARBOARD_DB: inject("dbPath") }, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`starboard ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

let manager: Manager;
let hrCookie: string;

beforeAll(async () => {
  manager = await managerByEmail("manager1@starboard.test");
  hrCookie = await signInHttp("hr@starboard.test", PASSWORD);
});

describe("dashboard page cache over HTTP", () => {
  it("serves a repeated page from the cache with a fresh nonce, and logs every view", async () => {
    const cookie = await signInHttp(manager.email, PASSWORD);
    const teamId = manager.teamIds[0]!;
    const viewsBefore = await teamViews(teamId);
    const first = await http("GET", `/teams/${teamId}`, { cookie });
    const second = await http("GET", `/teams/${teamId}`, { cookie });
    const third = await http("GET", `/teams/${teamId}`, { cookie });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(cacheStatus(second)).toBe("hit");
    expect(cacheStatus(third)).toBe("hit");
    // Every response carries its own nonce, in the CSP header and in each of its scripts.
    const nonces = [first, second, third].map(nonceOf);
    expect(new Set(nonces).size).toBe(3);
    for (const [i, page] of [first, second, third].entries()) {
      const inBody = [...page.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(inBody.length).toBeGreaterThan(0);
      expect(new Set(inBody)).toEqual(new Set([nonces[i]]));
    }
    // A cached page is still a view of personal results: all three are in the privacy log.
    expect(await teamViews(teamId)).toBe(viewsBefore + 3);
  });

  it("never gives one user's cached page to another", async () => {
    const managerCookie = await signInHttp(manager.email, PASSWORD);
    const teamId = manager.teamIds[0]!;
    for (let round = 0; round < 2; round++) {
      const asManager = await http("GET", `/teams/${teamId}`, { cookie: managerCookie });
      const asHr = await http("GET", `/teams/${teamId}`, { cookie: hrCookie });
      expect(asManager.body).toContain(manager.name);
      expect(asHr.body).not.toContain(manager.name);
      expect(asManager.body).toContain(manager.email);
      expect(asHr.body).not.toContain(manager.email);
      expect(asHr.body).toContain("hr@starboard.test");
      expect(asManager.body).not.toContain("hr@starboard.test");
      if (round === 1) expect([cacheStatus(asManager), cacheStatus(asHr)]).toEqual(["hit", "hit"]);
    }
  });

  it("is never stale: HR renaming the manager (web operation) changes the manager's next page", async () => {
    const cookie = await signInHttp(manager.email, PASSWORD);
    const teamId = manager.teamIds[0]!;
    await http("GET", `/teams/${teamId}`, { cookie });
    expect(cacheStatus(await http("GET", `/teams/${teamId}`, { cookie }))).toBe("hit");

    const rename = (name: string) =>
      http("POST", `/hr/users/${manager.id}`, {
        cookie: hrCookie,
        form: { intent: "update", name, role: "manager", agentCode: "", teamIds: manager.teamIds.map(String) },
      });
    expect((await rename("Renamed For Cache Test")).status).toBe(200);
    try {
      const after = await http("GET", `/teams/${teamId}`, { cookie });
      expect(cacheStatus(after)).toBe("miss");
      expect(after.body).toContain("Renamed For Cache Test");
      expect(after.body).not.toContain(manager.name);
      // The single-fetch data of the page (client-side navigation) is fresh too.
      const data = await http("GET", `/teams/${teamId}.data`, { cookie });
      expect(data.status).toBe(200);
      expect(data.body).toContain("Renamed For Cache Test");
    } finally {
      expect((await rename(manager.name)).status).toBe(200);
    }
  });

  it("is never stale: a write by another process (the CLI) changes the next page", async () => {
    const teamId = manager.teamIds[0]!;
    await http("GET", `/teams/${teamId}`, { cookie: hrCookie });
    expect(cacheStatus(await http("GET", `/teams/${teamId}`, { cookie: hrCookie }))).toBe("hit");
    // `starboard users deactivate` ends the manager's sessions and removes them from the nav of
    // no page — but the users table changed, so HR's next page is rendered afresh, not served.
    const managerCookie = await signInHttp(manager.email, PASSWORD);
    await http("GET", `/teams/${teamId}`, { cookie: managerCookie });
    cli("users", "deactivate", manager.email);
    try {
      expect(cacheStatus(await http("GET", `/teams/${teamId}`, { cookie: hrCookie }))).toBe("miss");
      // The deactivated manager's cached page is not served to their old session.
      const refused = await http("GET", `/teams/${teamId}`, { cookie: managerCookie });
      expect(refused.status).toBe(302);
      expect(refused.location).toMatch(/^\/login/);
    } finally {
      cli("users", "reactivate", manager.email);
    }
  });

  it("checks the session on every request: after sign-out the cached page is gone for that cookie", async () => {
    const cookie = await signInHttp(manager.email, PASSWORD);
    const teamId = manager.teamIds[0]!;
    await http("GET", `/teams/${teamId}`, { cookie });
    expect(cacheStatus(await http("GET", `/teams/${teamId}`, { cookie }))).toBe("hit");
    await http("POST", "/logout", { cookie });
    const after = await http("GET", `/teams/${teamId}`, { cookie });
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
  });
});

describe("dashboard page cache in the browser", () => {
  const browser = useBrowser();

  it("a page served from the cache runs its scripts under the CSP and hydrates", async () => {
    const page = await browser.signedIn(manager.email); // lands on the first team page
    const teamId = manager.teamIds[0]!;
    const response = await page.goto(`/teams/${teamId}`);
    expect(response?.headers()["x-page-cache"]).toBe("hit");
    await waitForHydration(page);
    await page.getByTestId("team-ranking").waitFor();
    // Client-side navigation (single-fetch data) from the cached page works.
    const link = page.getByTestId("team-ranking").locator("tbody tr").first().getByRole("link");
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith("/agents/")), link.click()]);
    await page.getByTestId("page-title").waitFor();
  });
});
