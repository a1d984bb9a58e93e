import { DEMO_HR_EMAIL, createContext, loadDemo, systemActor, updateUser } from "@starboard/core";
import { type Db, findUserByEmail, findUserById, openDatabase, teamIdsForUser } from "@starboard/db";
import { Kysely, PostgresDialect } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveQuarter } from "../app/models/quarters.server.ts";
import { logTeamPageRead } from "../app/models/personalReads.server.ts";
import { getTeamPageData, requireViewableTeam } from "../app/models/teamPage.server.ts";
import { LruCache } from "../app/utils/pageCache/lruCache.ts";
import { type CachedReply, createPageCache, newNonce, type PageCache } from "../app/utils/pageCache/pageCache.server.ts";
import type { SessionUser } from "../app/utils/session.server.ts";

/**
 * The page cache against the demo organisation in a real SQLite database, with a render
 * function that does what the team page does: the real loader data functions (team page
 * data, the viewer's name from the database, the privacy log of the view) and a response
 * carrying a fresh CSP nonce in its header and its scripts.
 */
let dir: string;
let db: Db;
let hr: SessionUser;
let manager: SessionUser;
let renders = 0;

async function sessionUser(email: string): Promise<SessionUser> {
  const row = await findUserByEmail(db, email);
  if (!row) throw new Error(`no ${email}`);
  return { id: row.id, email: row.email, name: row.name, role: row.role, agentId: row.agent_id, teamIds: await teamIdsForUser(db, row.id) };
}

/** Who is asking comes from a test header (the real server uses the session cookie). */
const users = () => new Map<string, SessionUser>([["hr", hr], ["manager", manager]]);

function cacheWith(limits: { maxEntries?: number; maxBytes?: number; maxAgeMs?: number; now?: () => number } = {}): PageCache {
  return createPageCache({
    getDb: async () => db,
    viewerOf: async (request) => {
      const user = users().get(request.headers.get("x-test-user") ?? "");
      return user ? { user, variant: request.headers.get("accept-language") ?? "en" } : null;
    },
    maxEntries: limits.maxEntries ?? 100,
    maxBytes: limits.maxBytes ?? 10 * 1024 * 1024,
    maxAgeMs: limits.maxAgeMs ?? 60_000,
    now: limits.now,
  });
}

async function renderTeamPage(request: Request): Promise<Response> {
  renders++;
  const viewer = users().get(request.headers.get("x-test-user") ?? "")!;
  const url = new URL(request.url);
  const teamId = url.pathname.split("/")[2]!.replace(/\.data$/, "");
  const team = await requireViewableTeam(db, viewer, teamId);
  const { selected, quarters } = await resolveQuarter(db, viewer, url);
  const data = await getTeamPageData(db, team, selected, quarters);
  const me = await findUserById(db, viewer.id);
  await logTeamPageRead(db, viewer, team.id, selected?.id ?? null);
  const nonce = newNonce();
  const body = `<html><body><nav>${me!.name}</nav><main>${JSON.stringify(data)}</main><script nonce="${nonce}">1</script><script nonce="${nonce}">2</script></body></html>`;
  return new Response(body, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": `script-src 'self' 'nonce-${nonce}'` },
  });
}

const get = (path: string, user: string, headers: Record<string, string> = {}) =>
  new Request(`http://starboard.test${path}`, { headers: { "x-test-user": user, ...headers } });

async function read(reply: Response | CachedReply) {
  if (reply instanceof Response) return { status: reply.status, cache: reply.headers.get("X-Page-Cache"), csp: reply.headers.get("Content-Security-Policy") ?? "", body: await reply.text() };
  const header = (name: string) => reply.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const body = Buffer.concat(reply.body);
  expect(body.length).toBe(reply.bodyBytes);
  return { status: reply.status, cache: header("X-Page-Cache"), csp: header("Content-Security-Policy") ?? "", body: body.toString("utf8") };
}

async function teamViews(teamId: number): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", "personal_results.view")
    .where("entity", "=", "team")
    .where("entity_id", "=", String(teamId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-page-cache-"));
  db = await openDatabase(join(dir, "demo.db"));
  await loadDemo(createContext(db, systemActor("test")));
  hr = await sessionUser(DEMO_HR_EMAIL);
  manager = await sessionUser("manager1@starboard.test");
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  renders = 0;
});

describe("page cache", () => {
  it("serves the second request for the same viewer and page from the cache, with the same body", async () => {
    const cache = cacheWith();
    const first = await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage));
    const second = await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage));
    expect(first.cache).toBe("miss");
    expect(second.cache).toBe("hit");
    expect(renders).toBe(1);
    const withoutNonce = (s: string) => s.replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(withoutNonce(second.body)).toBe(withoutNonce(first.body));
    expect(second.body).toContain("Phone Support North");
  });

  it("is never stale: a user update through the real operation changes what the next request returns", async () => {
    const cache = cacheWith();
    const before = await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage));
    expect(before.body).toContain(`<nav>${manager.name}</nav>`);
    expect((await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage))).cache).toBe("hit");

    const ctx = createContext(db, { userId: hr.id, label: hr.email, role: "hr" });
    await updateUser(ctx, manager.id, { name: "Renamed Manager", role: "manager", teamIds: manager.teamIds as number[] });
    try {
      const after = await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage));
      expect(after.cache).toBe("miss");
      expect(after.body).toContain("<nav>Renamed Manager</nav>");
    } finally {
      await updateUser(ctx, manager.id, { name: manager.name, role: "manager", teamIds: manager.teamIds as number[] });
    }
  });

  it("is never stale after a commit by another connection (e.g. the CLI)", async () => {
    const cache = cacheWith();
    await cache.handle(get("/teams/1", "hr"), renderTeamPage);
    const other = await openDatabase(join(dir, "demo.db"));
    const original = (await other.selectFrom("teams").select("name").where("id", "=", 1).executeTakeFirstOrThrow()).name;
    try {
      await other.updateTable("teams").set({ name: "Renamed By CLI" }).where("id", "=", 1).execute();
      const after = await read(await cache.handle(get("/teams/1", "hr"), renderTeamPage));
      expect(after.cache).toBe("miss");
      expect(after.body).toContain("Renamed By CLI");
    } finally {
      await other.updateTable("teams").set({ name: original }).where("id", "=", 1).execute();
      await other.destroy();
    }
  });

  it("never gives one user's cached page to another, nor one language's to another", async () => {
    const cache = cacheWith();
    const asManager = await read(await cache.handle(get("/teams/1", "manager"), renderTeamPage));
    const asHr = await read(await cache.handle(get("/teams/1", "hr"), renderTeamPage));
    expect(asHr.cache).toBe("miss");
    expect(asManager.body).toContain(`<nav>${manager.name}</nav>`);
    expect(asHr.body).toContain(`<nav>${hr.name}</nav>`);
    expect(asHr.body).not.toContain(manager.name);
    const zh = await read(await cache.handle(get("/teams/1", "hr", { "accept-language": "zh-CN" }), renderTeamPage));
    expect(zh.cache).toBe("miss");
    expect(renders).toBe(3);
  });

  it("gives every response its own nonce, the same in the CSP header and every script", async () => {
    const cache = cacheWith();
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const page = await read(await cache.handle(get("/teams/2", "hr"), renderTeamPage));
      const nonce = /'nonce-([^']+)'/.exec(page.csp)?.[1];
      expect(nonce).toBeDefined();
      expect([...page.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1])).toEqual([nonce, nonce]);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(3);
    expect(renders).toBe(1);
  });

  it("records the view in the privacy log on every request, cached or not", async () => {
    const cache = cacheWith();
    const before = await teamViews(3);
    for (let i = 0; i < 3; i++) await cache.handle(get("/teams/3", "hr"), renderTeamPage);
    expect(renders).toBe(1);
    expect(await teamViews(3)).toBe(before + 3);
  });

  it("does not store a page whose render wrote a view-audit row it cannot repeat", async () => {
    const cache = cacheWith();
    const unrepeatable = async (request: Request) => {
      const response = await renderTeamPage(request);
      // A view logged directly (not through personalReads): a hit would silently skip it.
      await db
        .insertInto("audit_log")
        .values({ at: new Date().toISOString(), actor_user_id: hr.id, actor_label: hr.email, action: "personal_results.view", entity: "agent", entity_id: "AG001", before: null, after: null })
        .execute();
      return response;
    };
    await cache.handle(get("/teams/4", "hr"), unrepeatable);
    await cache.handle(get("/teams/4", "hr"), unrepeatable);
    expect(renders).toBe(2);
  });

  it("stores only signed-in GET 200 HTML without Set-Cookie, and only the dashboard paths", async () => {
    const cache = cacheWith();
    const twice = async (request: () => Request, render: (r: Request) => Promise<Response>) => {
      await cache.handle(request(), render);
      await cache.handle(request(), render);
    };
    const anonymousRender = async () => {
      renders++;
      return new Response("<html>sign in</html>", { headers: { "Content-Type": "text/html" } });
    };
    await twice(() => get("/teams/1", "nobody"), anonymousRender); // not signed in
    await twice(() => get("/teams/1/report", "hr"), renderTeamPage); // not a cached path
    await twice(() => new Request("http://starboard.test/teams/1", { method: "POST", headers: { "x-test-user": "hr" } }), renderTeamPage);
    await twice(() => get("/teams/5", "hr"), async (r) => {
      const page = await renderTeamPage(r);
      page.headers.append("Set-Cookie", "starboard_lng=en; Path=/");
      return page;
    });
    await twice(() => get("/teams/999", "hr"), async () => {
      renders++;
      return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/html" } });
    });
    expect(renders).toBe(10);
    expect(cache.stats().stored).toBe(0);
  });

  it("serves nothing and stores nothing while a transaction is open on the connection", async () => {
    const cache = cacheWith();
    await cache.handle(get("/teams/6", "hr"), renderTeamPage);
    let inside: Awaited<ReturnType<typeof read>> | undefined;
    await db.transaction().execute(async () => {
      // A request arriving while another request's transaction is open (same connection).
      inside = await read(await cache.handle(get("/teams/6", "hr"), async () => new Response("rendered afresh", { headers: { "Content-Type": "text/html" } })));
    });
    expect(inside?.body).toBe("rendered afresh");
    expect(inside?.cache).toBeNull();
  });

  it("expires entries after maxAgeMs", async () => {
    let clock = 1_000_000;
    const cache = cacheWith({ maxAgeMs: 60_000, now: () => clock });
    await cache.handle(get("/teams/2", "manager"), renderTeamPage);
    clock += 59_000;
    expect((await read(await cache.handle(get("/teams/2", "manager"), renderTeamPage))).cache).toBe("hit");
    clock += 2_000;
    expect((await read(await cache.handle(get("/teams/2", "manager"), renderTeamPage))).cache).toBe("miss");
  });

  it("is bounded: never more entries or bytes than its limits", async () => {
    const cache = cacheWith({ maxEntries: 3, maxBytes: 1024 * 1024 });
    for (const team of [1, 2, 3, 4, 5, 6]) await cache.handle(get(`/teams/${team}`, "hr"), renderTeamPage);
    expect(cache.stats().entries).toBe(3);
    // The oldest pages were evicted, the newest are served.
    expect((await read(await cache.handle(get("/teams/6", "hr"), renderTeamPage))).cache).toBe("hit");
    expect((await read(await cache.handle(get("/teams/1", "hr"), renderTeamPage))).cache).toBe("miss");

    const one = cacheWith();
    await one.handle(get("/teams/1", "hr"), renderTeamPage);
    const pageBytes = one.stats().bytes;
    const small = cacheWith({ maxEntries: 100, maxBytes: Math.floor(pageBytes * 2.5) });
    for (const team of [1, 2, 3, 4, 5, 6]) await small.handle(get(`/teams/${team}`, "hr"), renderTeamPage);
    expect(small.stats().bytes).toBeLessThanOrEqual(Math.floor(pageBytes * 2.5));
    expect(small.stats().entries).toBeGreaterThan(0);
    expect(small.stats().entries).toBeLessThan(6);
  });

  it("is off on an engine other than SQLite (Postgres): every request renders", async () => {
    const postgres = new Kysely<any>({ dialect: new PostgresDialect({ pool: async () => { throw new Error("never connects"); } }) });
    const cache = createPageCache({
      getDb: async () => postgres as unknown as Db,
      viewerOf: async () => ({ user: hr, variant: "en" }),
      maxEntries: 100,
      maxBytes: 1024 * 1024,
      maxAgeMs: 60_000,
    });
    const render = async () => {
      renders++;
      return new Response("<html></html>", { headers: { "Content-Type": "text/html" } });
    };
    await cache.handle(get("/hr", "hr"), render);
    await cache.handle(get("/hr", "hr"), render);
    expect(renders).toBe(2);
  });
});

describe("LruCache", () => {
  it("evicts the least recently used entry first, by count and by bytes", () => {
    const lru = new LruCache<string>({ maxEntries: 2, maxBytes: 100 });
    lru.set("a", "A", 10);
    lru.set("b", "B", 10);
    lru.get("a"); // a is now the most recently used
    lru.set("c", "C", 10);
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual(["A", undefined, "C"]);
    lru.set("d", "D", 95); // pushes out everything else to stay within 100 bytes
    expect(lru.size).toBe(1);
    expect(lru.bytes).toBe(95);
    expect(lru.set("e", "E", 101)).toBe(false); // larger than the whole cache: not stored
    expect(lru.get("e")).toBeUndefined();
  });
});
