import { CompiledQuery, type Kysely } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * `COPY … FROM STDIN` through Kysely. Kysely's Postgres connection only ever calls
 * `client.query(sql, parameters)` and keeps the pg client private, so a COPY could not run on
 * the connection of the caller's transaction. Every client of a Starboard pool is therefore
 * taught one extra query form (see openPostgres): SQL starting with COPY_MARKER and a single
 * parameter holding the rows in COPY text format is streamed with pg-copy-streams on that same
 * client. The COPY thus runs inside whatever transaction Kysely routed the query to, and rolls
 * back with it. Nothing but copyFromStdin below produces the marker.
 */
const COPY_MARKER = "/* starboard:copy-from-stdin */ ";

const patched = new WeakSet<pg.ClientBase>();

/** Lets `client` run copyFromStdin's queries (called for every new client of the pool). */
export function enableCopyFromStdin(client: pg.ClientBase): void {
  if (patched.has(client)) return;
  patched.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === "string" && text.startsWith(COPY_MARKER) && Array.isArray(values) && typeof values[0] === "string") {
      return runCopy(query, text.slice(COPY_MARKER.length), values[0]);
    }
    return query(...args);
  };
}

async function runCopy(query: (...args: unknown[]) => unknown, copySql: string, data: string) {
  const stream = query(copyFrom(copySql)) as ReturnType<typeof copyFrom>;
  await pipeline(Readable.from([data]), stream);
  return { command: "COPY", rowCount: Number(stream.rowCount), rows: [{ copied: Number(stream.rowCount) }] };
}

/**
 * Runs `COPY <table> (<columns>) FROM STDIN` with `data` (COPY text format, see
 * copyTextOf) on `db`'s connection — inside the caller's transaction when `db` is one.
 * Returns the number of rows copied. Table and column names come from code, never from input.
 */
export async function copyFromStdin(db: Kysely<any>, table: string, columns: readonly string[], data: string): Promise<number> {
  const q = (name: string) => `"${name}"`;
  const copySql = `COPY ${q(table)} (${columns.map(q).join(", ")}) FROM STDIN`;
  const result = await db.executeQuery<{ copied: number }>(CompiledQuery.raw(COPY_MARKER + copySql, [data]));
  const copied = result.rows[0]?.copied;
  if (copied === undefined) throw new Error("COPY FROM STDIN needs a database opened by openPostgres");
  return copied;
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY text format: NULL as \N; backslash, tab, newline and CR escaped. */
export function copyTextValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot store ${value}`);
    return String(value); // the shortest text that reads back as exactly this double
  }
  if (typeof value === "boolean") return value ? "1" : "0"; // flags are 0/1 integers on both engines
  return String(value).replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

/** Rows in COPY text format, `columns` in order, one line each. */
export function copyTextOf(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const line = lineWriter(columns);
  let text = "";
  for (const row of rows) text += line(row, copyTextValue);
  return text;
}

type LineWriter = (row: Record<string, unknown>, value: (v: unknown) => string) => string;
const lineWriters = new Map<string, LineWriter>();

/** A function with literal property reads per column list (column names come from code). */
function lineWriter(columns: readonly string[]): LineWriter {
  const cacheKey = columns.join(",");
  const cached = lineWriters.get(cacheKey);
  if (cached) return cached;
  const line = new Function("row", "value", `return ${columns.map((c) => `value(row[${JSON.stringify(c)}])`).join(' + "\\t" + ')} + "\\n";`) as (
    row: Record<string, unknown>,
    value: (v: unknown) => string,
  ) => string;
  lineWriters.set(cacheKey, line);
  return line;
}
