import { openSqlite } from "@starboard/db";
import fc from "fast-check";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { http, signInHttp } from "./http.ts";

/**
 * The authorization matrix: EVERY route module under apps/web/app/routes, visited with every
 * method it handles, as each persona, against the production build. Expected outcomes:
 * a status code, or "login" (302 to /login). A guard below fails when a route module has no
 * entry here — routes added later must be added to this table.
 */
const PASSWORD = "starboard-demo";
const PERSONAS = ["hr", "managerX", "managerY", "agentA", "agentB", "anonymous"] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = number | "login";
type Expect = Record<Persona, Outcome>;

interface Cast {
  teamX: number;
  teamY: number;
  agentA: string;
  agentB: string;
  /** Users' ids, for guessed IDs in URLs and forms. */
  hrUserId: number;
  agentBUserId: number;
}

interface Row {
  name: string;
  method: "GET" | "POST";
  path: (c: Cast) => string;
  form?: (c: Cast) => Record<string, string | string[]>;
  expect: Expect;
}

const all = (o: Outcome, anonymous: Outcome = "login"): Expect => ({ hr: o, managerX: o, managerY: o, agentA: o, agentB: o, anonymous });
const hrOnly = (hr: Outcome = 200): Expect => ({ hr, managerX: 403, managerY: 403, agentA: 403, agentB: 403, anonymous: "login" });

/** Route module → the requests that exercise it. */
const MATRIX: Record<string, Row[]> = {
  "_index.tsx": [{ name: "start page redirects by role", method: "GET", path: () => "/", expect: all(302) }],
  "login.tsx": [
    { name: "sign-in page", method: "GET", path: () => "/login", expect: all(302, 200) },
    // Signed-in users are sent on (the page's loader redirects after the action answered).
    { name: "wrong password", method: "POST", path: () => "/login", form: () => ({ email: "nobody@starboard.test", password: "x" }), expect: all(302, 200) },
  ],
  "logout.tsx": [{ name: "GET never signs out", method: "GET", path: () => "/logout", expect: all(302, 302) }],
  "settings.locale.tsx": [
    { name: "choose language", method: "POST", path: () => "/settings/locale", form: () => ({ locale: "en", redirectTo: "/" }), expect: all(302, 302) },
    { name: "bad language", method: "POST", path: () => "/settings/locale", form: () => ({ locale: "xx" }), expect: all(400, 400) },
  ],
  "hr._index.tsx": [{ name: "HR overview", method: "GET", path: () => "/hr", expect: hrOnly() }],
  "hr.imports.tsx": [
    { name: "imports page", method: "GET", path: () => "/hr/imports", expect: hrOnly() },
    { name: "calculate a malformed quarter", method: "POST", path: () => "/hr/imports", form: () => ({ intent: "calculate", quarter: "2026-Q9" }), expect: hrOnly(200) },
  ],
  "teams.$teamId.tsx": [
    { name: "team X", method: "GET", path: (c) => `/teams/${c.teamX}`, expect: { hr: 200, managerX: 200, managerY: 404, agentA: 403, agentB: 403, anonymous: "login" } },
    { name: "team Y", method: "GET", path: (c) => `/teams/${c.teamY}`, expect: { hr: 200, managerX: 404, managerY: 200, agentA: 403, agentB: 403, anonymous: "login" } },
    { name: "guessed team id", method: "GET", path: () => "/teams/999999", expect: { hr: 404, managerX: 404, managerY: 404, agentA: 403, agentB: 403, anonymous: "login" } },
    { name: "malformed team id", method: "GET", path: () => "/teams/1%27%20OR%201=1", expect: { hr: 404, managerX: 404, managerY: 404, agentA: 404, agentB: 404, anonymous: "login" } },
  ],
  "agents.$code.tsx": [
    { name: "agent A", method: "GET", path: (c) => `/agents/${c.agentA}`, expect: { hr: 200, managerX: 200, managerY: 404, agentA: 200, agentB: 404, anonymous: "login" } },
    { name: "agent B", method: "GET", path: (c) => `/agents/${c.agentB}`, expect: { hr: 200, managerX: 404, managerY: 200, agentA: 404, agentB: 200, anonymous: "login" } },
    { name: "guessed agent code", method: "GET", path: () => "/agents/AG999", expect: { hr: 404, managerX: 404, managerY: 404, agentA: 404, agentB: 404, anonymous: "login" } },
  ],
  "me._index.tsx": [{ name: "own standing", method: "GET", path: () => "/me", expect: { hr: 403, managerX: 403, managerY: 403, agentA: 200, agentB: 200, anonymous: "login" } }],
  "hr.users._index.tsx": [
    { name: "users page", method: "GET", path: () => "/hr/users", expect: hrOnly() },
    { name: "invite with a malformed form", method: "POST", path: () => "/hr/users", form: () => ({ intent: "invite", email: "not-an-email" }), expect: hrOnly(200) },
  ],
  "hr.users.$userId.tsx": [
    { name: "edit agent B's account", method: "GET", path: (c) => `/hr/users/${c.agentBUserId}`, expect: hrOnly() },
    { name: "guessed user id", method: "GET", path: () => "/hr/users/999999", expect: hrOnly(404) },
    { name: "malformed user id", method: "GET", path: () => "/hr/users/abc", expect: hrOnly(404) },
    // Guessed IDs in the URL with a real intent: only HR passes the policy (and HR gets a form error for the unknown intent).
    { name: "deactivate HR (guessed id)", method: "POST", path: (c) => `/hr/users/${c.hrUserId}`, form: () => ({ intent: "deactivate" }), expect: { ...hrOnly(200) } },
    { name: "update with an unknown intent", method: "POST", path: (c) => `/hr/users/${c.agentBUserId}`, form: () => ({ intent: "promote" }), expect: hrOnly(200) },
    { name: "post to a guessed user id", method: "POST", path: () => "/hr/users/999999", form: () => ({ intent: "resetLink" }), expect: hrOnly(404) },
  ],
  "hr.audit.tsx": [
    { name: "audit log", method: "GET", path: () => "/hr/audit?action=user.invite", expect: hrOnly() },
    { name: "audit log with a malformed date", method: "GET", path: () => "/hr/audit?from=2026-13-45", expect: hrOnly(400) },
  ],
  "hr.privacy._index.tsx": [
    { name: "privacy page", method: "GET", path: () => "/hr/privacy", expect: hrOnly() },
    { name: "retention out of range", method: "POST", path: () => "/hr/privacy", form: () => ({ intent: "retention", days: "-5" }), expect: hrOnly(200) },
  ],
  "hr.privacy.export.tsx": [
    { name: "export agent A", method: "GET", path: (c) => `/hr/privacy/export?code=${c.agentA}`, expect: hrOnly() },
    { name: "export a guessed code", method: "GET", path: () => "/hr/privacy/export?code=AG999", expect: hrOnly(404) },
  ],
  "reset-password.$token.tsx": [
    { name: "invalid link page (public)", method: "GET", path: () => `/reset-password/${"x".repeat(43)}`, expect: all(200, 200) },
    { name: "set password with a guessed token", method: "POST", path: () => `/reset-password/${"A".repeat(43)}`, form: () => ({ password: "a long enough password", confirm: "a long enough password" }), expect: all(200, 200) },
  ],
  "account.tsx": [{ name: "account page", method: "GET", path: () => "/account", expect: all(200) }],
};

/** Mutations whose success ends the persona's session: run after everything else. */
const SESSION_ENDING: Row[] = [
  // Both end at /login.
  { name: "sign out everywhere", method: "POST", path: () => "/account", expect: all("login") },
  { name: "sign out", method: "POST", path: () => "/logout", expect: all("login") },
];
const SESSION_ENDING_ROUTES = ["account.tsx", "logout.tsx"];

let cast: Cast;
const cookies = new Map<Persona, string | null>();

async function loadCast(): Promise<Cast> {
  const db = openSqlite({ file: inject("dbPath") });
  try {
    const teamOf = async (email: string) =>
      (await db.selectFrom("user_teams").innerJoin("users", "users.id", "user_teams.user_id").select("team_id").where("email", "=", email).orderBy("team_id").executeTakeFirstOrThrow()).team_id;
    const teamX = await teamOf("manager1@starboard.test");
    const teamY = await teamOf("manager2@starboard.test");
    const agentIn = async (teamId: number) =>
      db
        .selectFrom("agents")
        .innerJoin("users", "users.agent_id", "agents.id")
        .select(["agents.agent_code", "users.id", "users.email"])
        .where("agents.team_id", "=", teamId)
        .where("users.active", "=", 1)
        .orderBy("agents.agent_code", "desc")
        .executeTakeFirstOrThrow();
    const a = await agentIn(teamX);
    const b = await agentIn(teamY);
    const hr = await db.selectFrom("users").select("id").where("email", "=", "hr@starboard.test").executeTakeFirstOrThrow();
    (cast as unknown) = undefined;
    return { teamX, teamY, agentA: a.agent_code, agentB: b.agent_code, hrUserId: hr.id, agentBUserId: b.id, ...({ emails: { agentA: a.email, agentB: b.email } } as object) } as Cast;
  } finally {
    await db.destroy();
  }
}

async function auditCount(): Promise<number> {
  const db = openSqlite({ file: inject("dbPath") });
  try {
    const row = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "!=", "personal_results.view").executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

const emailOf = (p: Persona): string | null =>
  ({
    hr: "hr@starboard.test",
    managerX: "manager1@starboard.test",
    managerY: "manager2@starboard.test",
    agentA: (cast as unknown as { emails: Record<string, string> }).emails.agentA,
    agentB: (cast as unknown as { emails: Record<string, string> }).emails.agentB,
    anonymous: null,
  })[p] ?? null;

async function signInAll() {
  for (const p of PERSONAS) {
    const email = emailOf(p);
    cookies.set(p, email ? await signInHttp(email, PASSWORD) : null);
  }
}

function outcome(result: { status: number; location: string | null }): Outcome {
  if (result.status === 302 && result.location?.startsWith("/login")) return "login";
  return result.status;
}

beforeAll(async () => {
  cast = await loadCast();
  await signInAll();
});

describe("guard: every route module is in the matrix", () => {
  it("lists each file under apps/web/app/routes", () => {
    const dir = fileURLToPath(new URL("../../apps/web/app/routes", import.meta.url));
    const files = readdirSync(dir).filter((f) => /\.(tsx?|jsx?)$/.test(f)).sort();
    const covered = new Set(Object.keys(MATRIX));
    const missing = files.filter((f) => !covered.has(f));
    expect(missing, "route modules without a row in test/e2e/authz-matrix.test.ts — add their expected allow/deny per persona").toEqual([]);
    const stale = [...covered].filter((f) => !files.includes(f));
    expect(stale).toEqual([]);
    for (const f of SESSION_ENDING_ROUTES) expect(files).toContain(f);
  });
});

const rows = Object.entries(MATRIX).flatMap(([file, list]) => list.map((row) => ({ file, ...row })));

describe("authorization matrix (production build, real sessions)", () => {
  it.each(rows)("$file — $name ($method)", async (row) => {
    const seen: Partial<Record<Persona, Outcome>> = {};
    for (const p of PERSONAS) {
      const result = await http(row.method, row.path(cast), { cookie: cookies.get(p), ...(row.form ? { form: row.form(cast) } : {}) });
      seen[p] = outcome(result);
      expect(result.status, `${p}: never a server error`).toBeLessThan(500);
    }
    expect(seen).toEqual(row.expect);
  });

  it("every mutation is refused cross-site (CSRF), for every persona, and changes nothing", async () => {
    const posts = [...rows.filter((r) => r.method === "POST"), ...SESSION_ENDING.map((r) => ({ ...r, file: "" }))];
    const auditBefore = await auditCount();
    for (const row of posts) {
      for (const p of PERSONAS) {
        for (const origin of ["https://evil.example", null]) {
          const result = await http("POST", row.path(cast), { cookie: cookies.get(p), origin, ...(row.form ? { form: row.form(cast) } : {}) });
          const where = `${row.name} as ${p} from ${origin ?? "no Origin"}`;
          // Our assertSameOrigin answers 403. For a foreign Origin on a page route, Remix's own
          // check refuses first, before any action runs, with an empty 500 (see docs/security.md).
          if (origin && result.status === 500) expect(result.body, where).toBe("");
          else expect(result.status, where).toBe(403);
          expect(result.headers.get("Set-Cookie"), where).toBeNull();
        }
      }
    }
    expect(await auditCount()).toBe(auditBefore);
    // The sessions still work: nothing was signed out.
    for (const p of PERSONAS.filter((x) => x !== "anonymous")) expect(outcome(await http("GET", "/account", { cookie: cookies.get(p) }))).toBe(200);
  });

  it("malformed form posts to every action never cause a 500", async () => {
    const posts = rows.filter((r) => r.method === "POST");
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constant("x".repeat(5_000)), fc.constantFrom("", "-1", "NaN", "2026-Q9", "<script>", "=1+1", "\u0000", "💥"));
    const formArb = fc.dictionary(
      fc.constantFrom("intent", "email", "name", "role", "agentCode", "teamIds", "days", "quarter", "password", "confirm", "locale", "redirectTo", "__proto__", "kind", "x"),
      fc.oneof(value, fc.array(value, { maxLength: 3 })),
    );
    // HR goes deepest (passes the policy); an agent and anonymous are stopped earlier.
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.constantFrom<Persona>("hr", "agentA", "anonymous"), formArb, async (row, persona, form) => {
        // Never let a random form deactivate or re-role a demo user other tests rely on.
        const safeForm = { ...form, intent: ["deactivate", "reactivate", "update", "anonymise"].includes(String(form.intent)) ? "fuzz" : (form.intent ?? "fuzz") };
        const result = await http("POST", row.path(cast), { cookie: cookies.get(persona), form: safeForm as Record<string, string | string[]> });
        sent++;
        expect(result.status, `${row.name} as ${persona}: ${JSON.stringify(safeForm).slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 8 },
    );
    // Bodies that are not forms at all.
    for (const row of posts) {
      for (const [body, contentType] of [
        ["{\"intent\":\"invite\"}", "application/json"],
        ["--x\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\ninvite\r\n", "multipart/form-data; boundary=x"],
        ["%%%=%", "application/x-www-form-urlencoded"],
        ["\u0000\u0001", "text/plain"],
      ] as const) {
        const result = await http("POST", row.path(cast), { cookie: cookies.get("hr"), body, contentType });
        sent++;
        expect(result.status, `${row.name} with ${contentType}`).toBeLessThan(500);
      }
    }
    // Huge fields, as HR (whose requests reach the form parsing and the operation).
    for (const row of posts) {
      const result = await http("POST", row.path(cast), { cookie: cookies.get("hr"), form: { intent: "x".repeat(200_000), email: "y".repeat(200_000), days: "9".repeat(1000) } });
      sent++;
      expect(result.status, `${row.name} with 400 kB of fields`).toBeLessThan(500);
    }
    expect(sent).toBe(300 + posts.length * 5);
  });

  it.each(SESSION_ENDING)("$name ends the session (last: it signs everyone out)", async (row) => {
    await signInAll();
    const seen: Partial<Record<Persona, Outcome>> = {};
    for (const p of PERSONAS) seen[p] = outcome(await http(row.method, row.path(cast), { cookie: cookies.get(p) }));
    expect(seen).toEqual(row.expect);
    // The old cookies no longer work.
    for (const p of PERSONAS) expect(outcome(await http("GET", "/account", { cookie: cookies.get(p) }))).toBe("login");
  });
});
