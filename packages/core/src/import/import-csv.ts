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
import { quarterOfDate } from "@starboard/kpi";
import { CsvError, parse } from "csv-parse";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { RowReader } from "./cells.ts";
import { type CsvEncoding, type ImportSource, CSV_ENCODINGS, byteStream, decodeStream, detectEncoding } from "./encoding.ts";
import { hasNoQuotes, simpleCsvRecords } from "./simpleCsv.ts";
import {
  type AgentCsvRow,
  type CsatCsvRow,
  type ContactCsvRow,
  type CsvFormat,
  type CsvImportKind,
  type InteractionCsvRow,
  type QaCsvRow,
  type ReadRow,
  CSV_FORMATS,
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

export interface ImportCsvOptions {
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
  read: ReadRow<unknown>;
  /** Valid and not a repeated key: to be written if the file turns out clean. */
  write: boolean;
}

/** The state of one import while its file is read. */
class ImportRun {
  readonly counts: UpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  private readonly problems: ImportProblem[] = [];
  private hiddenProblems = 0;
  private readonly format: CsvFormat<unknown>;
  private readonly batchRows: number;
  private readonly maxProblems: number;
  private readonly keyLines = new Map<string, number>();
  private readonly agentIds = new Map<string, number | null>();
  private readonly teamIds = new Map<string, number>();
  private readonly quarterStates = new Map<string, QuarterState | null>();
  private pending: PendingRow[] = [];
  /** Header position of each column, for ordering problems within a line. */
  private columnOrder = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly input: ImportCsvInput,
    private readonly encoding: CsvEncoding,
    private readonly importId: number,
    private readonly at: string,
    options: ImportCsvOptions,
  ) {
    this.format = CSV_FORMATS[input.kind] as CsvFormat<unknown>;
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

  /** Reads the whole file; returns the number of data rows. */
  async readAll(): Promise<number> {
    if (await hasNoQuotes(this.input.source)) return this.readSimple();
    const parser = parse({
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
    });
    pipeline(decodeStream(byteStream(this.input.source), this.encoding), parser, () => {
      // Errors surface through the parser's async iterator below.
    });

    const lines = new LineCounter();
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = lines.startLine(record, info.lines);
        const next = this.takeRecord(record, line);
        if (next === "stop") break;
        if (next) await next;
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = lines.correct(Number((error as CsvError & { lines?: number }).lines ?? 1));
      this.sink.push(importProblem(line, "", "malformed_csv", { detail: error.message }));
    } finally {
      parser.destroy();
    }
    return this.finish();
  }

  /**
   * The fast reader for files without any `"` (most exports): same records and line numbers
   * as csv-parse with the options above, several times faster (see simpleCsv.ts).
   */
  private async readSimple(): Promise<number> {
    const text = decodeStream(byteStream(this.input.source), this.encoding);
    outer: for await (const records of simpleCsvRecords(text)) {
      for (const { record, line } of records) {
        const next = this.takeRecord(record, line);
        if (next === "stop") break outer;
        if (next) await next;
      }
    }
    return this.finish();
  }

  private header: string[] | undefined;
  private columnIndex: Map<string, number> | undefined;
  private columns: { name: string; index: number }[] = [];
  private rowsTotal = 0;

  /** Handles one record; returns a promise only when there is I/O to wait for, "stop" on a bad header. */
  private takeRecord(record: string[], line: number): Promise<void> | "stop" | undefined {
    if (!this.header) {
      this.header = record.map((name) => name.replace(/^\uFEFF/, ""));
      this.columns = this.resolveColumns(this.header);
      return this.failed ? "stop" : undefined;
    }
    this.rowsTotal++;
    const quarterCheck = this.readRow(line, record, this.header.length, this.columns);
    if (quarterCheck) {
      return quarterCheck.then(() => (this.pending.length >= this.batchRows ? this.flush() : undefined));
    }
    return this.pending.length >= this.batchRows ? this.flush() : undefined;
  }

  private async finish(): Promise<number> {
    if (!this.header && !this.failed) this.sink.push(importProblem(1, "", "empty_file"));
    await this.flush();
    return this.rowsTotal;
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

  private resolveColumns(header: string[]): { name: string; index: number }[] {
    const wanted = [...this.format.required, ...this.format.optional];
    const resolved: { name: string; index: number }[] = [];
    wanted.forEach((name, i) => {
      const index = header.indexOf(name);
      this.columnOrder.set(name, index >= 0 ? index : header.length + i);
      if (index >= 0) resolved.push({ name, index });
      else if (this.format.required.includes(name)) this.sink.push(importProblem(1, name, "missing_column"));
    });
    return resolved;
  }

  /** Reads and checks one data row; returns a promise only when its quarter must be looked up. */
  private readRow(line: number, record: string[], headerLength: number, columns: { name: string; index: number }[]): Promise<void> | undefined {
    if (this.columnIndex === undefined) this.columnIndex = new Map(columns.map(({ name, index }) => [name, index]));
    const cells = new RecordCells(this.columnIndex, record);
    const reader = new RowReader(line, cells, this.sink, this.encoding === "utf-8" ? "UTF-8" : "GB18030");
    if (record.length > headerLength && record.slice(headerLength).some((cell) => cell !== "")) {
      reader.problem("", "too_many_fields", { fields: record.length, columns: headerLength });
    }
    const read = this.format.read(reader);

    let repeated = false;
    if (read.key !== undefined) {
      const firstLine = this.keyLines.get(read.key);
      if (firstLine !== undefined) {
        repeated = true;
        reader.problem(read.keyColumn, "duplicate_key", { key: read.keyLabel, firstLine });
      } else {
        this.keyLines.set(read.key, line);
      }
    }
    const write = reader.valid && !repeated;
    if (read.date !== undefined) {
      const quarter = quarterOfDate(read.date);
      if (!this.quarterStates.has(quarter)) {
        return this.checkQuarter(line, quarter).then(() => {
          this.pending.push({ line, read, write });
        });
      }
    }
    this.pending.push({ line, read, write });
    return undefined;
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
    this.onProgress?.(this.rowsTotal);

    const unresolved = pending.map((p) => p.read.agentCode).filter((c): c is string => c !== undefined && !this.agentIds.has(c));
    if (unresolved.length > 0) {
      const found = await agentIdsByCode(this.db, unresolved);
      for (const code of unresolved) this.agentIds.set(code, found.get(code) ?? null);
    }
    for (const row of pending) {
      const code = row.read.agentCode;
      if (code !== undefined && this.agentIds.get(code) === null) {
        this.sink.push(importProblem(row.line, "agent_code", "unknown_agent", { value: code }));
      }
    }
    await this.checkTeams(pending);
    if (this.failed) return;

    const records = pending.filter((p) => p.write).map((p) => p.read.record);
    const counts = await this.write(records);
    this.counts.added += counts.added;
    this.counts.replaced += counts.replaced;
    this.counts.unchanged += counts.unchanged;
  }

  /** users.csv: every team named must exist (unknown team → problem on the row's line). */
  private async checkTeams(pending: PendingRow[]) {
    for (const row of pending) {
      for (const name of row.read.teamNames ?? []) {
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

/** The cells of one record by column name, without copying them into a map per row. */
class RecordCells {
  constructor(
    private readonly indexByName: ReadonlyMap<string, number>,
    private readonly record: readonly string[],
  ) {}
  get(name: string): string | undefined {
    const index = this.indexByName.get(name);
    return index === undefined ? undefined : (this.record[index] ?? "");
  }
}

/**
 * Turns csv-parse's line count (the line a record ends on) into the line it starts on.
 * csv-parse counts a CRLF inside a quoted cell as two lines; that is corrected here.
 */
class LineCounter {
  private overCount = 0;

  startLine(record: string[], endLine: number): number {
    let newlines = 0;
    let crlf = 0;
    for (const cell of record) {
      if (!cell.includes("\n") && !cell.includes("\r")) continue;
      newlines += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
      crlf += cell.match(/\r\n/g)?.length ?? 0;
    }
    this.overCount += crlf;
    return endLine - this.overCount - newlines;
  }

  correct(line: number): number {
    return line - this.overCount;
  }
}
