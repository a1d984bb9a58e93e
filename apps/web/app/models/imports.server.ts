import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import {
  CSV_IMPORT_KINDS,
  type Context,
  type CsvImportKind,
  type ImportProblem,
  ImportRejectedError,
  importCsv,
  isDomainError,
  scoreQuarter,
  SCORABLE_STATES,
} from "@starboard/core";
import { type Db, earliestFactDate, listQuarters, type QuarterState } from "@starboard/db";
import { nextQuarter, previousQuarter, quarterIdSchema, quarterOfDate } from "@starboard/kpi";
import { z } from "zod";
import type { SessionUser } from "~/utils/session.server";

/** Upload limit for one CSV file. */
export const MAX_UPLOAD_MB = 20;
const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
/** Types browsers report for .csv files (Windows reports Excel's type; some report nothing). */
const CSV_MIME_TYPES = new Set(["", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/comma-separated-values"]);

export type ImportActionResult =
  | { intent: "import"; ok: true; fileName: string; kind: CsvImportKind; total: number; added: number; replaced: number; unchanged: number }
  | { intent: "import"; ok: false; fileName: string | null; error: string; params: Record<string, string | number>; problems: ImportProblem[] }
  | { intent: "calculate"; ok: true; quarter: string; agents: number }
  | { intent: "calculate"; ok: false; error: string; params: Record<string, string | number> };

/**
 * Quarters HR can calculate, newest first: every known quarter, every quarter from the earliest
 * imported data up to now (so a back-filled year can be scored), and the current one.
 */
export async function calculableQuarters(db: Db, today = new Date()): Promise<Array<{ id: string; state: QuarterState | null; scorable: boolean }>> {
  const [known, firstDate] = await Promise.all([listQuarters(db), earliestFactDate(db)]);
  const current = quarterOfDate(today.toISOString().slice(0, 10));
  const ids = new Set([current, previousQuarter(current), ...known.map((q) => q.id)]);
  if (firstDate !== null) {
    for (let q = quarterOfDate(firstDate); q < current; q = nextQuarter(q)) ids.add(q);
  }
  const stateOf = new Map(known.map((q) => [q.id, q.state]));
  return [...ids]
    .sort()
    .reverse()
    .map((id) => {
      const state = stateOf.get(id) ?? null;
      return { id, state, scorable: state === null || SCORABLE_STATES.includes(state) };
    });
}

const kindSchema = z.enum(CSV_IMPORT_KINDS);

function importFailure(error: string, params: Record<string, string | number> = {}, fileName: string | null = null): ImportActionResult {
  return { intent: "import", ok: false, fileName, error, params, problems: [] };
}

/**
 * Handles the multipart upload: size-limited (in memory, at most MAX_UPLOAD_MB), type-checked
 * (.csv name, a text MIME type, no NUL bytes), then the same `importCsv` the CLI runs —
 * all or nothing, every problem reported by line and column.
 */
export async function handleImport(ctx: Context, request: Request): Promise<ImportActionResult> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return importFailure("tooLarge", { maxMb: MAX_UPLOAD_MB });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return importFailure("tooLarge", { maxMb: MAX_UPLOAD_MB });
    // A broken multipart body: no file could be read from it (a 400-class answer, never a 500).
    return importFailure("noFile");
  }
  const kind = kindSchema.safeParse(form.get("kind"));
  if (!kind.success) return importFailure("badKind");
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0 || !file.name) return importFailure("noFile");
  const fileName = file.name.slice(0, 200);
  if (!/\.csv$/i.test(fileName) || !CSV_MIME_TYPES.has(file.type.toLowerCase())) return importFailure("notCsv", {}, fileName);
  const buffer = Buffer.from(await file.arrayBuffer());
  if (buffer.subarray(0, 8192).includes(0)) return importFailure("notCsv", {}, fileName);

  try {
    const summary = await importCsv(ctx, { kind: kind.data, fileName, source: { buffer } });
    return {
      intent: "import",
      ok: true,
      fileName,
      kind: kind.data,
      total: summary.rowsTotal,
      added: summary.added,
      replaced: summary.replaced,
      unchanged: summary.unchanged,
    };
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      const locked = error.code === "quarter_locked";
      return {
        intent: "import",
        ok: false,
        fileName,
        error: locked ? "rejectedLocked" : "rejected",
        params: { count: Number(error.params.problems ?? error.problems.length), quarters: String(error.params.quarters ?? "") },
        problems: error.problems,
      };
    }
    if (isDomainError(error)) return importFailure("failed", { message: error.message }, fileName);
    throw error;
  }
}

const calculateSchema = z.object({ quarter: quarterIdSchema });

/** Scores the chosen quarter (scoreQuarter: one transaction, refused once the quarter is locked). */
export async function handleCalculate(ctx: Context, form: FormData): Promise<ImportActionResult> {
  const parsed = calculateSchema.safeParse({ quarter: form.get("quarter") });
  if (!parsed.success) return { intent: "calculate", ok: false, error: "badQuarter", params: {} };
  try {
    const report = await scoreQuarter(ctx, parsed.data.quarter);
    return { intent: "calculate", ok: true, quarter: report.quarter, agents: report.agents.length };
  } catch (error) {
    if (isDomainError(error)) {
      if (error.code === "quarter_locked") return { intent: "calculate", ok: false, error: "quarterLocked", params: { quarter: parsed.data.quarter } };
      return { intent: "calculate", ok: false, error: "failed", params: { message: error.message } };
    }
    throw error;
  }
}
