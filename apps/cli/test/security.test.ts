import { type CliRun, runStarboard, STARBOARD_BIN } from "./helpers/runStarboard.ts";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase, onPostgres } from "./helpers/testDatabase.ts";

const BIN = STARBOARD_BIN;
const INTERACTIONS_HEADER =
  "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

let dir: string;
let dbPath: string;
let database: CliTestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "starboard-security-"));
  dbPath = join(dir, "starboard.db");
  database = await createCliTestDatabase(dbPath);
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
});

const env = () => database.childEnv({ STARBOARD_PUBLIC_URL: "https://starboard.example.com/" });
/** Every row of every table of the test database (either engine). */
const snapshot = () => database.snapshot();
function starboard(...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env: env() });
}
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Every row of every table of a SQLite file (sorted), read with a plain read-only connection. */
function sqliteSnapshot(path: string): Record<string, string[]> {
  const sqlite = new SQLite(path, { readonly: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (sqlite.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]),
    );
  } finally {
    sqlite.close();
  }
}

async function seed(): Promise<CliRun> {
  expect((await starboard("import", "agents", file("agents.csv", "agent_code,name,team,email,hire_date,leave_date\nA1,Ann,North,,2024-01-01,\nA2,Bo,South,,2024-01-01,\nL1,Lea,South,,2020-01-01,2021-01-31\n"))).status).toBe(0);
  const users = file(
    "users.csv",
    "email,name,role,agent_code,teams\nhr@example.com,Hana,hr,,\nnorth@example.com,Nils,manager,,North;South\nann@example.com,Ann,agent,A1,\nlea@example.com,Lea,agent,L1,\n",
  );
  return await starboard("import", "users", users);
}

describe("starboard import users", () => {
  it("imports users.csv with the same summary line and problem report as the other files", async () => {
    expect(await seed()).toEqual({ status: 0, stdout: "users.csv: 4 rows — 4 added, 0 replaced, 0 unchanged\n", stderr: "" });
    const bad = file("bad-users.csv", "email,name,role,agent_code,teams\nx@example.com,X,admin,,\n");
    expect(await starboard("import", "users", bad)).toEqual({
      status: 1,
      stdout: "",
      stderr: 'line 2, column role: "admin" is not a role (hr, manager or agent)\nbad-users.csv was not imported: 1 problem; nothing was imported\n',
    });
  });
});

describe("starboard users", () => {
  it("reset-link prints a one-time link on the public address; --json gives {email, url, expiresAt}", async () => {
    await seed();
    const text = await starboard("users", "reset-link", "Ann@Example.com");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^https:\/\/starboard\.example\.com\/reset-password\/[A-Za-z0-9_-]{43}\n\(one-time link for ann@example\.com, valid until \d{4}-\d\d-\d\dT/);
    const json = JSON.parse((await starboard("users", "reset-link", "ann@example.com", "--json")).stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual(["email", "url", "expiresAt"]);
    expect(json.url).toMatch(/^https:\/\/starboard\.example\.com\/reset-password\//);
    expect(await starboard("users", "reset-link", "nobody@example.com")).toMatchObject({ status: 1, stderr: "starboard users: no user with e-mail nobody@example.com\n" });
  });

  it("deactivate ends the user's sessions and blocks new links", async () => {
    await seed();
    await database.use(async (db) => {
      const { id } = await db.selectFrom("users").select("id").where("email", "=", "ann@example.com").executeTakeFirstOrThrow();
      await db.insertInto("sessions").values({ id: "s1", user_id: id, created_at: "2026-01-01", last_seen_at: "2026-01-01", expires_at: "2099-01-01" }).execute();
    });
    expect((await snapshot()).sessions).toHaveLength(1);
    expect(await starboard("users", "deactivate", "ann@example.com")).toMatchObject({ status: 0, stdout: "ann@example.com deactivated; all their sessions ended\n" });
    expect((await snapshot()).sessions).toEqual([]);
    expect((await starboard("users", "reset-link", "ann@example.com")).status).toBe(1);
  });
});

describe("starboard privacy", () => {
  it("retention, anonymise-leavers --json and export", async () => {
    await seed();
    expect((await starboard("privacy", "retention", "365")).stdout).toBe("leavers' personal data are kept 365 days after their leave date\n");
    expect(await starboard("privacy", "retention", "5")).toMatchObject({ status: 1, stderr: "starboard privacy: retention must be a whole number of days, 30–3650\n" });
    const report = JSON.parse((await starboard("privacy", "anonymise-leavers", "--json")).stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ retentionDays: 365, anonymised: 1, dryRun: false });
    expect((await snapshot()).agents!.some((r) => r.includes('"name":"Lea"'))).toBe(false);
    const exported = JSON.parse((await starboard("privacy", "export", "A1")).stdout) as { agent: { agent_code: string }; users: unknown[] };
    expect(exported.agent.agent_code).toBe("A1");
    expect(exported.users).toHaveLength(1);
    expect(await starboard("privacy", "export", "L1")).toMatchObject({ status: 1, stderr: "starboard privacy: no agent L1\n" });
  });
});

describe.runIf(onPostgres())("backup and restore on PostgreSQL", () => {
  it("are refused with a pointer to pg_dump, touching nothing", async () => {
    await seed();
    const before = await snapshot();
    const backupFile = join(dir, "backup.db");
    const message = (command: string) =>
      `starboard ${command}: the database is PostgreSQL (DATABASE_URL); use pg_dump / pg_restore (or your provider's backups) instead\n`;
    expect(await starboard("backup", backupFile)).toEqual({ status: 1, stdout: "", stderr: message("backup") });
    expect(existsSync(backupFile)).toBe(false);
    writeFileSync(backupFile, "");
    expect(await starboard("restore", backupFile)).toEqual({ status: 1, stdout: "", stderr: message("restore") });
    expect(await snapshot()).toEqual(before);
  });
});

describe.skipIf(onPostgres())("backup and restore (SQLite)", () => {
  it("round-trip: restore brings back exactly what was backed up", async () => {
    await seed();
    const backupFile = join(dir, "backup.db");
    const saved = sqliteSnapshot(dbPath);
    expect(await starboard("backup", backupFile)).toMatchObject({ status: 0 });
    expect(sqliteSnapshot(backupFile)).toEqual(saved);
    expect(await starboard("backup", backupFile)).toMatchObject({ status: 1, stderr: `starboard backup: ${backupFile} already exists; choose a new file name\n` });

    // Changes after the backup …
    file("i.csv", `${INTERACTIONS_HEADER}\n2026-01-05,A1,phone,10,300,9,8,7,,\n`);
    expect((await starboard("import", "interactions", "i.csv")).status).toBe(0);
    expect(sqliteSnapshot(dbPath)).not.toEqual(saved);
    // … are gone after the restore.
    expect(await starboard("restore", backupFile)).toMatchObject({ status: 0 });
    expect(sqliteSnapshot(dbPath)).toEqual(saved);
  });

  it("restore refuses a file that is not a Starboard database, and refuses while web sessions are active unless --force", async () => {
    await seed();
    const backupFile = join(dir, "backup.db");
    await starboard("backup", backupFile);
    const junk = file("junk.db", "this is not sqlite");
    expect(await starboard("restore", junk)).toMatchObject({ status: 1 });
    expect((await starboard("restore", junk)).stderr).toMatch(/^starboard restore: .*junk\.db is not a .*SQLite database/);

    const sqlite = new SQLite(dbPath);
    const id = (sqlite.prepare("SELECT id FROM users WHERE email = 'hr@example.com'").get() as { id: number }).id;
    const now = new Date().toISOString();
    sqlite.prepare("INSERT INTO sessions VALUES ('live', ?, ?, ?, '2099-01-01')").run(id, now, now);
    sqlite.close();
    const refused = await starboard("restore", backupFile);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("refused — 1 web session was active in the last 30 minutes");
    expect(sqliteSnapshot(dbPath).sessions).toHaveLength(1);
    expect((await starboard("restore", backupFile, "--force")).status).toBe(0);
    expect(sqliteSnapshot(dbPath).sessions).toHaveLength(0);
  });
});

describe("concurrent writers", () => {
  it("imports and a recalculation started at the same time in separate processes all succeed, serialised", async () => {
    await seed();
    const rows = (agent: string, channel: string) =>
      `${INTERACTIONS_HEADER}\n${Array.from({ length: 20_000 }, (_, d) => `${new Date(Date.UTC(2026, 0, 1) - d * 86_400_000).toISOString().slice(0, 10)},${agent},${channel},10,300,9,8,7,1,0`).join("\n")}\n`;
    file("a.csv", rows("A1", "phone"));
    file("b.csv", rows("A2", "chat"));
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(BIN, args, { cwd: dir, env: env(), stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", (code) => done({ code, out }));
      });
    const results = await Promise.all([run("import", "interactions", "a.csv"), run("import", "interactions", "b.csv"), run("score", "2025-Q4")]);
    expect(results).toEqual([
      { code: 0, out: "a.csv: 20000 rows — 20000 added, 0 replaced, 0 unchanged\n" },
      { code: 0, out: "b.csv: 20000 rows — 20000 added, 0 replaced, 0 unchanged\n" },
      expect.objectContaining({ code: 0 }),
    ]);
    expect((await snapshot()).interaction_daily).toHaveLength(40_000);
  }, 60_000);
});

describe("nothing lost", () => {
  it("SIGKILL in the middle of a big import leaves the database exactly as before", async () => {
    await seed();
    const codes = Array.from({ length: 10 }, (_, i) => `K${i}`);
    file("more-agents.csv", `agent_code,name,team,email,hire_date\n${codes.map((c) => `${c},${c},North,,1990-01-01`).join("\n")}\n`);
    expect((await starboard("import", "agents", "more-agents.csv")).status).toBe(0);
    // 10 agents × 10,000 days × 3 channels = 300,000 distinct rows (≈ 15 MB): hundreds of write batches.
    const big = join(dir, "big.csv");
    await new Promise<void>((done, fail) => {
      const out = createWriteStream(big);
      out.on("error", fail);
      out.write(`${INTERACTIONS_HEADER}\n`);
      const start = Date.UTC(2026, 0, 1);
      for (let day = 0; day < 10_000; day++) {
        const date = new Date(start - day * 86_400_000).toISOString().slice(0, 10);
        const lines: string[] = [];
        for (const agent of codes) for (const channel of ["phone", "chat", "email"]) lines.push(`${date},${agent},${channel},10,300,9,8,7,1,0\n`);
        out.write(lines.join(""));
      }
      out.end(done);
    });
    const before = await snapshot();
    const wal = `${dbPath}-wal`;
    const walBefore = existsSync(wal) ? statSync(wal).size : 0;
    // On Postgres: another session holds a write lock on interaction_daily, i.e. rows are going in.
    const watcher = onPostgres() ? await database.open() : undefined;
    const importIsWriting = async (): Promise<boolean> => {
      if (!watcher) return existsSync(wal) && statSync(wal).size > walBefore + 1_000_000;
      const { rows } = await sql<{ n: number }>`
        SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE c.relname = 'interaction_daily' AND l.mode = 'RowExclusiveLock' AND l.granted
          AND l.pid <> pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(watcher);
      return Number(rows[0]!.n) > 0;
    };

    const child = spawn(BIN, ["import", "interactions", big], { cwd: dir, env: env(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("exit", (code, signal) => done({ code, signal })));
    // Wait until it has started writing (SQLite: the WAL grows by > 1 MB of uncommitted pages;
    // Postgres: its transaction holds a write lock on the table), then kill it.
    const deadline = Date.now() + 45_000;
    let writing = false;
    while (Date.now() < deadline && child.exitCode === null) {
      if ((writing = await importIsWriting())) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    const { signal } = await exited;
    await watcher?.destroy();
    expect(signal, `the import finished before it could be killed: ${stdout}`).toBe("SIGKILL");
    expect(writing).toBe(true);

    expect(await snapshot()).toEqual(before);
    // And the database is usable: the same file imports completely afterwards.
    const again = await starboard("import", "interactions", big);
    expect(again.stdout).toBe("big.csv: 300000 rows — 300000 added, 0 replaced, 0 unchanged\n");
  }, 120_000);
});
