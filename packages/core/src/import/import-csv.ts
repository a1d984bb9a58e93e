import {
  type Db,
  type FactBatch,
  type ImportKind,
  type NewCsatResponse,
  type NewInteractionDaily,
  type NewQaEvaluation,
  type QuarterState,
  type UpsertCounts,
  agentIdsByCode,
  appendAudit,
  findOrCreateTeam,
  findTeamByName,
  findQuarterStates,
  insertImport,
  lockImportsForWrite,
  lockQuarterForWrite,
  recordImportCounts,
  upsertAgentBatch,
  upsertFactBatch,
} from "@starboard/db";
import { stat } from "node:fs/promises";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { type CsvEncoding, type ImportSource, CSV_ENCODINGS, detectEncoding } from "./encoding.ts";
import { type ParseOptions, parsedChunks } from "./parseOffThread.ts";
import {
  type AgentCsvRow,
  type CsatCsvRow,
  type ContactCsvRow,
  type CsvImportKind,
  type InteractionCsvRow,
  type QaCsvRow,
  CSV_IMPORT_KINDS,
} from "./formats.ts";
import { type ImportProblem, ImportRejectedError, importProblem } from "./problems.ts";
import { upsertUserBatch } from "./upsertUsers.ts";
import type { UserCsvRow } from "./usersFormat.ts";

export interface ImportCsvInput {
  kind: CsvImportKind;
  /** Shown in the import history and messages, e.g. "interactions.csv". */
  fileName: string;
  source: ImportSource;
  /** Overrides detection (BOM ⇒ UTF-8; valid UTF-8 ⇒ UTF-8; else GB18030). */
  encoding?: CsvEncoding;
}

export interface ImportSummary {
  importId: number;
  kind: CsvImportKind;
  fileName: string;
  encoding: CsvEncoding;
  /** Data rows in the file (the header and blank lines not counted). */
  rowsTotal: number;
  added: number;
  replaced: number;
  unchanged: number;
}

export interface ImportCsvOptions extends ParseOptions {
  /** Rows validated before each write; memory stays bounded by it. Default 500. */
  batchRows?: number;
  /** Problems listed before the rest are only counted. Default 1000. */
  maxProblems?: number;
  /** Called after each batch with the data rows read so far (callers throttle what they show). */
  onProgress?: (rowsRead: number) => void;
}

/** Quarter states in which facts can no longer change. */
const CLOSED_STATES: ReadonlySet<QuarterState> = new Set(["locked", "published"]);

/**
 * Imports one CSV file of `kind`, all or nothing, in one transaction. The file is streamed
 * and written in batches; every problem is collected (the reading goes on after the first)
 * and, if there is any, the transaction is rolled back and `ImportRejectedError` lists them.
 * Rows are matched by natural key: new → added, different values → replaced, identical →
 * unchanged. Records an `imports` row and an audit entry.
 */
export async function importCsv(ctx: Context, input: ImportCsvInput, options: ImportCsvOptions = {}): Promise<ImportSummary> {
  if (ctx.actor.role !== "hr" && ctx.actor.role !== "system") {
    throw new DomainError("forbidden", "only HR can import data");
  }
  if (!(CSV_IMPORT_KINDS as readonly string[]).includes(input.kind)) {
    throw new DomainError("invalid_input", `unknown import kind "${input.kind}" (agents, interactions, qa, csat, users or contacts)`, { kind: input.kind });
  }
  if (input.encoding !== undefined && !(CSV_ENCODINGS as readonly string[]).includes(input.encoding)) {
    throw new DomainError("invalid_input", `unknown encoding "${input.encoding}" (utf-8 or gb18030)`, { encoding: input.encoding });
  }
  if ("path" in input.source) await assertReadableFile(input.source.path, input.fileName);

  const encoding = input.encoding ?? (await detectEncoding(input.source));
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockImportsForWrite(trx); // first; each quarter's own lock is taken when the file reaches it
    const importId = await insertImport(trx, {
      kind: input.kind as ImportKind,
      file_name: input.fileName,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      created_at: at,
      rows_total: 0,
      rows_added: 0,
      rows_replaced: 0,
      rows_unchanged: 0,
    });
    const run = new ImportRun(trx, input, encoding, importId, at, options);
    const rowsTotal = await run.readAll();
    const problems = run.sortedProblems();
    if (problems.length > 0) throw new ImportRejectedError(input.fileName, problems);

    const counts = run.counts;
    await recordImportCounts(trx, importId, {
      rows_total: rowsTotal,
      rows_added: counts.added,
      rows_replaced: counts.replaced,
      rows_unchanged: counts.unchanged,
    });
    const summary: ImportSummary = { importId, kind: input.kind, fileName: input.fileName, encoding, rowsTotal, ...counts };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "import",
      entity: "import",
      entity_id: String(importId),
      before: null,
      after: JSON.stringify(summary),
    });
    return summary;
  });
}

async function assertReadableFile(path: string, fileName: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DomainError("invalid_input", `${fileName} is not a file`, { fileName });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("not_found", `${fileName}: no such file`, { fileName });
  }
}

interface PendingRow {
  line: number;
  /** The row's values; null when the row is not to be written. */
  record: unknown;
  agentCode: string | null;
  teamNames: string[] | null;
  /** Valid and not a repeated key: to be written if the file turns out clean. */
  write: boolean;
}

/** Builds record objects from a chunk's flat values (compiled once per field list: a literal is much faster than a loop). */
function recordBuilder(fields: readonly string[]): (values: readonly unknown[], offset: number) => unknown {
  // Field names come from the CSV formats (code), never from the file.
  return new Function("v", "o", `return { ${fields.map((f, i) => `${JSON.stringify(f)}: v[o + ${i}]`).join(", ")} };`) as (
    values: readonly unknown[],
    offset: number,
  ) => unknown;
}

/** The state of one import while its file is read. */
class ImportRun {
  readonly counts: UpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  private readonly problems: ImportProblem[] = [];
  private hiddenProblems = 0;
  private readonly batchRows: number;
  private readonly maxProblems: number;
  private readonly agentIds = new Map<string, number | null>();
  private readonly teamIds = new Map<string, number>();
  private readonly quarterStates = new Map<string, QuarterState | null>();
  private pending: PendingRow[] = [];
  /** Header position of each column, for ordering problems within a line. */
  private columnOrder = new Map<string, number>();
  private rowsRead = 0;

  constructor(
    private readonly db: Db,
    private readonly input: ImportCsvInput,
    private readonly encoding: CsvEncoding,
    private readonly importId: number,
    private readonly at: string,
    private readonly options: ImportCsvOptions,
  ) {
    this.batchRows = options.batchRows ?? 500;
    this.maxProblems = options.maxProblems ?? 1000;
    this.onProgress = options.onProgress;
  }

  private readonly onProgress: ((rowsRead: number) => void) | undefined;

  private get failed(): boolean {
    return this.problems.length > 0 || this.hiddenProblems > 0;
  }

  private readonly sink = {
    push: (problem: ImportProblem) => {
      if (this.problems.length < this.maxProblems) this.problems.push(problem);
      else this.hiddenProblems++;
    },
  };

  /**
   * Reads the whole file; returns the number of data rows. Reading and checking the cells
   * (parsedRows.ts) runs on a worker thread for large files, overlapped with the writes
   * here; the problems are taken in the order they were found, exactly as in one thread.
   */
  async readAll(): Promise<number> {
    const { parseOn, workerFile, resolveFrom, onParser } = this.options;
    const chunks = parsedChunks(
      { kind: this.input.kind, source: this.input.source, encoding: this.encoding },
      { parseOn, workerFile, resolveFrom, onParser },
    );
    let build: ((values: readonly unknown[], offset: number) => unknown) | undefined;
    let width = 0;
    let rowsTotal = 0;
    for await (const chunk of chunks) {
      if (chunk.columnOrder) this.columnOrder = new Map(chunk.columnOrder);
      for (const problem of chunk.leadingProblems ?? []) this.sink.push(problem);
      if (chunk.fields) {
        build = recordBuilder(chunk.fields);
        width = chunk.fields.length;
      }
      const { lines, writes, agentCodes, newQuarters, teamNames, values, problems, problemRows } = chunk;
      let nextProblem = 0;
      for (let i = 0; i < chunk.rows; i++) {
        const line = lines[i]!;
        while (nextProblem < problemRows.length && problemRows[nextProblem] === i) this.sink.push(problems[nextProblem++]!);
        this.rowsRead++;
        const quarter = newQuarters[i];
        if (quarter != null) await this.checkQuarter(line, quarter);
        const write = writes[i] === 1;
        this.pending.push({
          line,
          record: write ? build!(values, i * width) : null,
          agentCode: agentCodes[i] ?? null,
          teamNames: teamNames?.[i] ?? null,
          write,
        });
        if (this.pending.length >= this.batchRows) await this.flush();
      }
      for (const problem of chunk.trailingProblems ?? []) this.sink.push(problem);
      if (chunk.rowsTotal !== undefined) rowsTotal = chunk.rowsTotal;
    }
    await this.flush();
    return rowsTotal;
  }

  sortedProblems(): ImportProblem[] {
    const order = (p: ImportProblem) => this.columnOrder.get(p.column) ?? -1;
    const sorted = [...this.problems].sort((a, b) => a.line - b.line || order(a) - order(b));
    if (this.hiddenProblems > 0) {
      const last = sorted.at(-1)?.line ?? 1;
      sorted.push(importProblem(last, "", "too_many_problems", { more: this.hiddenProblems }));
    }
    return sorted;
  }

  private async checkQuarter(line: number, quarter: string) {
    // Held to the end of the import: a lock, recalculation or transition of this quarter waits
    // for it, and the state read next is the latest committed one.
    await lockQuarterForWrite(this.db, quarter);
    const state = (await findQuarterStates(this.db, [quarter])).get(quarter) ?? null;
    this.quarterStates.set(quarter, state);
    if (state !== null && CLOSED_STATES.has(state)) {
      this.sink.push(importProblem(line, "date", "quarter_locked", { quarter, state }));
    }
  }

  /** Checks the pending rows' agents, then writes them — unless the file already has a problem. */
  private async flush() {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    this.onProgress?.(this.rowsRead);

    const unresolved: string[] = [];
    for (const row of pending) {
      if (row.agentCode !== null && !this.agentIds.has(row.agentCode)) unresolved.push(row.agentCode);
    }
    if (unresolved.length > 0) {
      const found = await agentIdsByCode(this.db, unresolved);
      for (const code of unresolved) this.agentIds.set(code, found.get(code) ?? null);
    }
    for (const row of pending) {
      const code = row.agentCode;
      if (code !== null && this.agentIds.get(code) === null) {
        this.sink.push(importProblem(row.line, "agent_code", "unknown_agent", { value: code }));
      }
    }
    if (this.input.kind === "users") await this.checkTeams(pending);
    if (this.failed) return;

    const records: unknown[] = [];
    for (const row of pending) if (row.write) records.push(row.record);
    const counts = await this.write(records);
    this.counts.added += counts.added;
    this.counts.replaced += counts.replaced;
    this.counts.unchanged += counts.unchanged;
  }

  /** users.csv: every team named must exist (unknown team → problem on the row's line). */
  private async checkTeams(pending: PendingRow[]) {
    for (const row of pending) {
      for (const name of row.teamNames ?? []) {
        if (!this.teamIds.has(name)) {
          const team = await findTeamByName(this.db, name);
          if (team) this.teamIds.set(name, team.id);
        }
        if (!this.teamIds.has(name)) this.sink.push(importProblem(row.line, "teams", "unknown_team", { value: name }));
      }
    }
  }

  private agentId(code: string): number {
    const id = this.agentIds.get(code);
    if (id == null) throw new Error(`agent ${code} was not resolved`);
    return id;
  }

  private async write(records: unknown[]): Promise<UpsertCounts> {
    const importId = this.importId;
    switch (this.input.kind) {
      case "agents": {
        const rows = [];
        for (const r of records as AgentCsvRow[]) {
          let teamId = this.teamIds.get(r.team);
          if (teamId === undefined) {
            teamId = (await findOrCreateTeam(this.db, r.team, this.at)).id;
            this.teamIds.set(r.team, teamId);
          }
          rows.push({
            agent_code: r.agentCode,
            name: r.name,
            email: r.email,
            team_id: teamId,
            hire_date: r.hireDate,
            leave_date: r.leaveDate,
          });
        }
        return upsertAgentBatch(this.db, rows, this.at);
      }
      case "interactions":
        return upsertFactBatch(this.db, {
          table: "interaction_daily",
          rows: (records as InteractionCsvRow[]).map(
            (r): NewInteractionDaily => ({
              date: r.date,
              agent_id: this.agentId(r.agentCode),
              channel: r.channel,
              contacts: r.contacts,
              first_response_sec_sum: r.firstResponseSecSum,
              answered_within_90s: r.answeredWithin90s,
              resolved: r.resolved,
              resolved_first_contact: r.resolvedFirstContact,
              repeat_contacts_30d: r.repeatContacts30d,
              complaints: r.complaints,
              import_id: importId,
            }),
          ),
        } satisfies FactBatch);
      case "qa":
        return upsertFactBatch(this.db, {
          table: "qa_evaluations",
          rows: (records as QaCsvRow[]).map(
            (r): NewQaEvaluation => ({
              evaluation_id: r.evaluationId,
              date: r.date,
              agent_id: this.agentId(r.agentCode),
              form: r.form,
              score_pct: r.scorePct,
              fatal: r.fatal ? 1 : 0,
              reviewer_code: r.reviewerCode,
              contact_id: r.contactId,
              import_id: importId,
            }),
          ),
        });
      case "users":
        return upsertUserBatch(
          this.db,
          (records as UserCsvRow[]).map((r) => ({
            email: r.email,
            name: r.name,
            role: r.role,
            agentId: r.agentCode ? this.agentId(r.agentCode) : null,
            teamIds: r.teamNames.map((n) => this.teamIds.get(n)!).sort((a, b) => a - b),
          })),
          this.at,
        );
      case "csat":
        return upsertFactBatch(this.db, {
          table: "csat_responses",
          rows: (records as CsatCsvRow[]).map(
            (r): NewCsatResponse => ({
              response_id: r.responseId,
              date: r.date,
              agent_id: this.agentId(r.agentCode),
              channel: r.channel,
              rating: r.rating,
              import_id: importId,
            }),
          ),
        });
      case "contacts":
        return upsertFactBatch(this.db, {
          table: "qa_contacts",
          rows: (records as ContactCsvRow[]).map((r) => ({
            contact_id: r.contactId,
            started_at: r.startedAt,
            agent_id: this.agentId(r.agentCode),
            channel: r.channel,
            duration_sec: r.durationSec,
            sla_missed: r.slaMissed ? 1 : 0,
            complaint: r.complaint ? 1 : 0,
            import_id: importId,
          })),
        });
    }
  }
}
