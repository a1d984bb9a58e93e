import { type Db, openDatabase } from "@starboard/db";
import fc from "fast-check";
import iconv from "iconv-lite";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type ImportCsvOptions, type ImportSource, ImportRejectedError, createContext, importCsv, systemActor } from "../src/index.ts";
import { AUTO_WORKER_MIN_BYTES } from "../src/import/parseOffThread.ts";

/**
 * The parse stage of an import runs on a worker thread for large files (parseOffThread.ts).
 * Whatever thread it runs on, the outcome must be the same: the same summary, the same
 * rows, the same problems in the same order. (import-worker-contract.test.ts also runs the
 * whole import contract suite with the worker forced on.)
 */
const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";
const dir = mkdtempSync(join(tmpdir(), "starboard-import-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freshDb(): Promise<Db> {
  const db = await openDatabase(":memory:");
  const ctx = createContext(db, systemActor("test"), () => new Date("2026-04-02T09:00:00Z"));
  await importCsv(ctx, {
    kind: "agents",
    fileName: "agents.csv",
    source: { buffer: Buffer.from("agent_code,name,team,email,hire_date,leave_date\nA1,Ann,North,,2024-01-01,\nA2,Bo,South,,2024-01-01,\n") },
  });
  return db;
}

interface Outcome {
  ranOn: string[];
  summary?: unknown;
  problems?: unknown;
  code?: string;
  rows: unknown[];
  progress: number[];
}

/** Imports `source` into a fresh database with the parse stage on `parseOn`; what came out. */
async function outcome(source: ImportSource, options: ImportCsvOptions, kind: "interactions" = "interactions"): Promise<Outcome> {
  const db = await freshDb();
  try {
    const ctx = createContext(db, systemActor("test"), () => new Date("2026-04-02T09:00:00Z"));
    const ranOn: string[] = [];
    const progress: number[] = [];
    const result: Outcome = { ranOn, rows: [], progress };
    try {
      result.summary = await importCsv(ctx, { kind, fileName: "interactions.csv", source }, { ...options, onParser: (on) => ranOn.push(on), onProgress: (n) => progress.push(n) });
    } catch (error) {
      if (!(error instanceof ImportRejectedError)) throw error;
      result.problems = error.problems;
      result.code = error.code;
    }
    result.rows = await db.selectFrom("interaction_daily").selectAll().orderBy("date").orderBy("agent_id").orderBy("channel").execute();
    return result;
  } finally {
    await db.destroy();
  }
}

const row = (day: number, agent: string, channel: string, contacts = "10") =>
  `2026-01-${String(day).padStart(2, "0")},${agent},${channel},${contacts},300,9,8,7,1,0`;

describe("import parse stage on a worker thread", () => {
  it("runs on the worker when asked and gives the same summary and rows as in-thread", async () => {
    const file = Buffer.from([HEADER, row(1, "A1", "phone"), row(1, "A1", "chat"), row(2, "A2", "email", "12")].join("\n") + "\n");
    const worker = await outcome({ buffer: file }, { parseOn: "worker" });
    const main = await outcome({ buffer: file }, { parseOn: "main" });
    expect(worker.ranOn).toEqual(["worker"]);
    expect(main.ranOn).toEqual(["main"]);
    expect(worker.summary).toMatchObject({ rowsTotal: 3, added: 3, replaced: 0, unchanged: 0 });
    expect(worker.rows).toHaveLength(3);
    expect(worker).toEqual({ ...main, ranOn: ["worker"] });
  });

  it("reports the same problems, in the same order, from a file read by csv-parse (quotes, CRLF, GB18030)", async () => {
    const text = [
      HEADER,
      `"2026-01-01",A1,phone,10,300,9,8,7,1,0`,
      `2026-01-01,A1,phone,10,300,9,8,7,1,0`, // duplicate key
      `2026-02-30,A1,chat,x,300,11,8,9,1,0`, // bad date, not an integer
      `2026-01-03,NOPE,chat,10,300,9,8,7,1,0`, // unknown agent
      `2026-01-04,张三,"ph""one",10,300,9,8,7,1,0`,
      `2026-01-05,A2,email,10,,,,,,`,
    ].join("\r\n");
    const file = iconv.encode(text, "gb18030");
    const worker = await outcome({ buffer: file }, { parseOn: "worker" });
    const main = await outcome({ buffer: file }, { parseOn: "main" });
    expect(worker.ranOn).toEqual(["worker"]);
    expect((worker.problems as { code: string }[]).map((p) => p.code)).toEqual([
      "duplicate_key",
      "not_date",
      "not_integer",
      "exceeds",
      "unknown_agent",
      "unknown_agent",
      "unknown_channel",
    ]);
    expect(worker.rows).toEqual([]);
    expect({ ...worker, ranOn: [] }).toEqual({ ...main, ranOn: [] });
  });

  it("a large file on disk takes the worker by itself (auto) and keeps reporting progress", async () => {
    const lines = [HEADER];
    for (let day = 1; lines.join("\n").length < AUTO_WORKER_MIN_BYTES + 1000; day++) {
      for (let i = 0; i < 2000; i++) lines.push(`2026-01-01,A${1 + (i % 2)},phone,${day},300,1,1,1,0,0`.replace("2026-01-01", new Date(Date.UTC(2020, 0, 1) + (day * 2000 + i) * 86_400_000).toISOString().slice(0, 10)));
    }
    // Every row: its own date (no duplicate keys), 2 agents.
    const path = join(dir, "large.csv");
    writeFileSync(path, lines.join("\n") + "\n");
    const auto = await outcome({ path }, {});
    expect(auto.ranOn).toEqual(["worker"]);
    expect(auto.summary).toMatchObject({ rowsTotal: lines.length - 1, added: lines.length - 1 });
    expect(auto.progress.length).toBeGreaterThan(10);
    expect(auto.progress.at(-1)).toBe(lines.length - 1);
    const main = await outcome({ path }, { parseOn: "main" });
    expect({ ...auto, ranOn: [] }).toEqual({ ...main, ranOn: [] });
  }, 120_000);

  it("falls back to parsing in this thread when the worker cannot start", async () => {
    const file = Buffer.from([HEADER, row(1, "A1", "phone"), row(2, "A9", "chat")].join("\n") + "\n");
    const fallback = await outcome({ buffer: file }, { parseOn: "worker", workerFile: join(dir, "no-such-worker.ts") });
    expect(fallback.ranOn).toEqual(["main"]);
    expect(fallback.code).toBe("import_rejected");
    expect(fallback.problems).toEqual([expect.objectContaining({ line: 3, column: "agent_code", code: "unknown_agent" })]);
  });

  it("finds the worker's files from the web's production bundle too (through the @starboard/core package)", async () => {
    const bundle = pathToFileURL(join(import.meta.dirname, "../../../apps/web/build/server/index.js")).href;
    const file = Buffer.from([HEADER, row(1, "A1", "phone")].join("\n") + "\n");
    const fromBundle = await outcome({ buffer: file }, { parseOn: "worker", resolveFrom: bundle });
    expect(fromBundle.ranOn).toEqual(["worker"]);
    expect(fromBundle.summary).toMatchObject({ added: 1 });
  });

  it("a worker that fails after it started fails the import, and nothing is written", async () => {
    const file = Buffer.from([HEADER, row(1, "A1", "phone"), row(2, "A1", "phone"), row(3, "A1", "phone")].join("\n") + "\n");
    const workerFile = join(import.meta.dirname, "fixtures/import/failing-parse-worker.ts");
    const db = await freshDb();
    try {
      const ctx = createContext(db, systemActor("test"));
      await expect(
        importCsv(ctx, { kind: "interactions", fileName: "x.csv", source: { buffer: file } }, { parseOn: "worker", workerFile, batchRows: 1 }),
      ).rejects.toThrow("disk read error (simulated)");
      expect(await db.selectFrom("interaction_daily").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("imports").selectAll().where("kind", "=", "interactions").execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("property: random files give the same outcome on the worker as in-thread", async () => {
    const cell = fc.constantFrom("10", "0", "-1", "x", "", "2147483648", "3.5");
    const line = fc.record({
      day: fc.integer({ min: 0, max: 33 }),
      agent: fc.constantFrom("A1", "A2", "A3", ""),
      channel: fc.constantFrom("phone", "chat", "email", "fax"),
      contacts: cell,
      answered: cell,
      quoted: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 0, maxLength: 40 }), fc.boolean(), async (lines, crlf) => {
        const body = lines.map((l) => {
          const date = `2026-01-${String(l.day).padStart(2, "0")}`;
          return [l.quoted ? `"${date}"` : date, l.agent, l.channel, l.contacts, "300", l.answered, "8", "7", "1", "0"].join(",");
        });
        const file = Buffer.from([HEADER, ...body].join(crlf ? "\r\n" : "\n"));
        const worker = await outcome({ buffer: file }, { parseOn: "worker", batchRows: 7, maxProblems: 15 });
        const main = await outcome({ buffer: file }, { parseOn: "main", batchRows: 7, maxProblems: 15 });
        expect(worker.ranOn).toEqual(["worker"]);
        expect({ ...worker, ranOn: [] }).toEqual({ ...main, ranOn: [] });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
