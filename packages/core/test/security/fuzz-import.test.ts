import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CsvImportKind, ImportRejectedError, importCsv } from "../../src/index.ts";
import { securityFixture, snapshot } from "./helpers.ts";

/**
 * ≥ 1,000 generated malformed CSV files through the real importCsv against a real SQLite
 * database. Every file has at least one defect by construction, so every one must be
 * rejected with ImportRejectedError listing line-numbered problems — never another exception
 * type — and the database must be exactly as before.
 */
const HEADERS: Record<CsvImportKind, string[]> = {
  agents: ["agent_code", "name", "team", "email", "hire_date", "leave_date"],
  interactions: ["date", "agent_code", "channel", "contacts", "first_response_sec_sum", "answered_within_90s", "resolved", "resolved_first_contact", "repeat_contacts_30d", "complaints"],
  qa: ["evaluation_id", "date", "agent_code", "form", "score_pct", "fatal", "reviewer_code", "contact_id"],
  csat: ["response_id", "date", "agent_code", "channel", "rating"],
  users: ["email", "name", "role", "agent_code", "teams"],
  contacts: ["contact_id", "started_at", "agent_code", "channel", "duration_sec", "sla_missed", "complaint"],
};

const validRow = (kind: CsvImportKind, i: number): string[] => {
  switch (kind) {
    case "agents":
      return [`F${i}`, `Name ${i}`, "North", `f${i}@example.com`, "2024-01-01", ""];
    case "interactions":
      return ["2026-01-05", "A1", ["phone", "chat", "email"][i % 3]!, "10", "300", "9", "8", "7", "", ""].map((v, c) => (c === 0 ? `2026-01-${String((i % 28) + 1).padStart(2, "0")}` : v));
    case "qa":
      return [`E${i}`, "2026-01-05", "A1", "Form", "90", "false", "R1", ""];
    case "csat":
      return [`R${i}`, "2026-01-05", "A1", "chat", "4"];
    case "users":
      return [`u${i}@example.com`, `User ${i}`, "hr", "", ""];
    case "contacts":
      return [`C${i}`, `2026-01-${String((i % 28) + 1).padStart(2, "0")}T09:00:00Z`, "A1", ["phone", "chat", "email"][i % 3]!, "120", "false", "false"];
  }
};

/** Values that are wrong in any cell that checks something (each kind's columns all do). */
const BAD_VALUES = ["-1", "1,000", "2026-02-30", "9999-99-99", "abc", "=HYPERLINK(\"http://x\")", "x".repeat(70_000), "\uFFFD", "1e9999", "101", "0.5.5"];

type Defect =
  | { type: "missing_header"; column: number }
  | { type: "bad_cell"; row: number; column: number; value: string }
  | { type: "duplicate_key"; row: number }
  | { type: "empty_file" }
  | { type: "gb18030_garbage"; row: number }
  | { type: "unknown_agent"; row: number }
  | { type: "unterminated_quote"; row: number };

const OPTIONAL_COLUMNS = new Set(["leave_date", "contact_id"]);

const KEY_CHECKED_COLUMNS: Record<CsvImportKind, number[]> = {
  agents: [0, 3, 4],
  interactions: [0, 1, 2, 3, 4, 5],
  qa: [0, 1, 2, 4, 5],
  csat: [0, 1, 2, 3, 4],
  users: [0, 2],
  // duration_sec is left out: "101" is a valid duration.
  contacts: [1, 2, 3, 5, 6],
};

const defectArb = (rows: number, kind: CsvImportKind): fc.Arbitrary<Defect> =>
  fc.oneof(
    fc.record({ type: fc.constant("missing_header" as const), column: fc.constantFrom(...HEADERS[kind].map((_, i) => i).filter((i) => !OPTIONAL_COLUMNS.has(HEADERS[kind][i]!))) }),
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant("bad_cell" as const),
        row: fc.integer({ min: 0, max: rows - 1 }),
        column: fc.constantFrom(...KEY_CHECKED_COLUMNS[kind]),
        value: fc.constantFrom(...BAD_VALUES),
      }),
    },
    fc.record({ type: fc.constant("duplicate_key" as const), row: fc.integer({ min: 0, max: rows - 1 }) }),
    fc.constant({ type: "empty_file" as const }),
    fc.record({ type: fc.constant("gb18030_garbage" as const), row: fc.integer({ min: 0, max: rows - 1 }) }),
    fc.record({ type: fc.constant("unterminated_quote" as const), row: fc.integer({ min: 0, max: rows - 1 }) }),
    ...(kind === "agents" || kind === "users" ? [] : [fc.record({ type: fc.constant("unknown_agent" as const), row: fc.integer({ min: 0, max: rows - 1 }) })]),
  );

/** Bad values that are in fact acceptable in a given column are replaced by one that isn't. */
function badFor(kind: CsvImportKind, column: number, value: string): string {
  const name = HEADERS[kind][column]!;
  // Free-text columns accept any text; only an undecodable byte is wrong there.
  if (["agent_code", "evaluation_id", "response_id", "name", "team", "form", "reviewer_code"].includes(name)) return "\uFFFD";
  if (name === "first_response_sec_sum" && /^\d+$/.test(value)) return "-1";
  if (name === "channel" || name === "role") return value === "" ? "fax" : `${value}x`;
  if (name === "email" && value.includes("@")) return "not-an-email";
  if (["contacts", "answered_within_90s"].includes(name) && value === "101") return "abc";
  if (name === "rating" && value === "101") return "6";
  return value;
}

function buildFile(kind: CsvImportKind, rowCount: number, defect: Defect, crlf: boolean): Buffer {
  const header = [...HEADERS[kind]];
  const rows = Array.from({ length: rowCount }, (_, i) => validRow(kind, i));
  let garbageRow = -1;
  switch (defect.type) {
    case "missing_header":
      header.splice(defect.column, 1, `${header[defect.column]}_x`);
      break;
    case "bad_cell":
      rows[defect.row]![defect.column] = badFor(kind, defect.column, defect.value);
      break;
    case "duplicate_key":
      rows.push([...rows[defect.row]!]);
      break;
    case "unknown_agent":
      rows[defect.row]![kind === "interactions" || kind === "csat" ? (kind === "csat" ? 2 : 1) : 2] = "NO-SUCH-AGENT";
      break;
    case "unterminated_quote":
      rows[defect.row]![0] = `"${rows[defect.row]![0]}`;
      break;
    case "gb18030_garbage":
      garbageRow = defect.row;
      break;
    case "empty_file":
      return Buffer.from(crlf ? "\r\n\r\n" : "");
  }
  const eol = crlf ? "\r\n" : "\n";
  const quote = (cell: string, row: number) =>
    defect.type === "unterminated_quote" && row === defect.row + 1 ? cell : /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  const text = [header, ...rows].map((r, i) => r.map((c) => quote(c, i)).join(",")).join(eol) + eol;
  if (garbageRow >= 0) {
    // Valid UTF-8 elsewhere, but one row carries a lone 0xFF byte: not UTF-8, and as GB18030 the byte is invalid too.
    const lines = text.split(eol);
    lines[garbageRow + 1] = lines[garbageRow + 1]!.replace(/,/, ",\u0000MARK");
    const joined = Buffer.from(lines.join(eol));
    const at = joined.indexOf("\u0000MARK");
    return Buffer.concat([joined.subarray(0, at), Buffer.from([0xff]), joined.subarray(at + 5)]);
  }
  return Buffer.from(text);
}

describe("fuzz: malformed CSV files", () => {
  let f: Awaited<ReturnType<typeof securityFixture>>;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    f = await securityFixture();
    before = await snapshot(f.db);
  });
  afterAll(async () => {
    await f.db.destroy();
  });

  it("1,200 generated broken files: each rejected with line-numbered problems, DB unchanged, no other exception type", async () => {
    const kindArb = fc.constantFrom<CsvImportKind>("agents", "interactions", "qa", "csat", "users");
    const caseArb = kindArb.chain((kind) =>
      fc.integer({ min: 1, max: 6 }).chain((rows) => fc.tuple(fc.constant(kind), fc.constant(rows), defectArb(rows, kind), fc.boolean())),
    );
    let runs = 0;
    const problemCodes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(caseArb, async ([kind, rows, defect, crlf]) => {
        runs++;
        const buffer = buildFile(kind, rows, defect, crlf);
        const error = await importCsv(f.system, { kind, fileName: `${kind}.csv`, source: { buffer } }).then(
          (summary) => new Error(`accepted a broken file (${JSON.stringify(defect)}): ${JSON.stringify(summary)}`),
          (e: unknown) => e,
        );
        if (!(error instanceof ImportRejectedError)) throw error;
        expect(error.problems.length).toBeGreaterThan(0);
        for (const p of error.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
          problemCodes.set(p.code, (problemCodes.get(p.code) ?? 0) + 1);
        }
      }),
      { numRuns: 1200, seed: 20261123 },
    );
    expect(runs).toBe(1200);
    expect(await snapshot(f.db)).toEqual(before);
    // The generator reaches the whole range of defects.
    for (const code of ["missing_column", "empty_file", "duplicate_key", "not_date", "not_integer", "negative", "unknown_agent", "bad_encoding", "not_email", "unknown_role"]) {
      expect(problemCodes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  }, 60_000);

  it("GB18030 files that are valid import fine (the fuzz's encodings are not simply all refused)", async () => {
    const buffer = iconv.encode("agent_code,name,team,email,hire_date\nZ9,张伟,华南,,2024-01-01\n", "gb18030");
    const summary = await importCsv(f.system, { kind: "agents", fileName: "agents.csv", source: { buffer } });
    expect(summary).toMatchObject({ encoding: "gb18030", added: 1 });
  });
});
