import { quarterOfDate } from "@starboard/kpi/period/quarter";
import { CsvError, parse } from "csv-parse";
import { pipeline } from "node:stream";
import { RowReader } from "./cells.ts";
import { type CsvEncoding, type ImportSource, byteStream, decodeStream } from "./encoding.ts";
import { type CsvFormat, type CsvImportKind, CSV_FORMATS } from "./formats.ts";
import { KeyIndex } from "./keyIndex.ts";
import { type ImportProblem, importProblem } from "./problems.ts";
import { hasNoQuotes, simpleCsvRecords } from "./simpleCsv.ts";

/**
 * The part of an import that needs no database: reading the CSV (csv-parse, or the
 * quote-free reader), the header check, every cell check of `CsvFormat.read` and the
 * duplicate-key check. It yields `ParsedChunk`s, compact plain data (flat arrays, no object
 * per row) so that the same chunks can cross a worker-thread boundary cheaply
 * (parseWorker.ts) or be consumed in-thread; importCsv does the rest (quarter locks,
 * unknown agents/teams, writing) identically either way.
 */
export interface ParsedChunk {
  /** Header position of each wanted column (first chunk only), for ordering problems within a line. */
  columnOrder?: [string, number][];
  /** The record's field names in `values` order (set once, on the first chunk with rows). */
  fields?: string[];
  /** Problems not tied to a data row, pushed *before* this chunk's rows (e.g. a missing column). */
  leadingProblems?: ImportProblem[];
  /** Problems not tied to a data row, pushed *after* this chunk's rows (malformed CSV, empty file). */
  trailingProblems?: ImportProblem[];
  /** Data rows in this chunk. */
  rows: number;
  /** Per row: its line (1 = header). */
  lines: number[];
  /** Per row: 1 when it is valid and not a repeated key (to be written if the file is clean). */
  writes: number[];
  /** Per row: the agent_code that must already exist, or null. */
  agentCodes: (string | null)[];
  /** Per row: the quarter its date falls in when this is the first row of that quarter, else null. */
  newQuarters: (string | null)[];
  /** Per row: team names that must exist (users.csv), else null. */
  teamNames: (string[] | null)[] | undefined;
  /** The records' values, `fields.length` per row. */
  values: unknown[];
  /** The rows' own problems in the order found, with `problemRows[i]` the row index in this chunk of `problems[i]`. */
  problems: ImportProblem[];
  problemRows: number[];
  /** Set on the last chunk: data rows in the whole file. */
  rowsTotal?: number;
}

export interface ReadChunksInput {
  kind: CsvImportKind;
  source: ImportSource;
  encoding: CsvEncoding;
  /** Rows per chunk (default 2048). */
  chunkRows?: number;
}

function emptyChunk(withTeams: boolean): ParsedChunk {
  return {
    rows: 0,
    lines: [],
    writes: [],
    agentCodes: [],
    newQuarters: [],
    teamNames: withTeams ? [] : undefined,
    values: [],
    problems: [],
    problemRows: [],
  };
}

/** Reads and checks a whole CSV file, chunk by chunk. Pure apart from reading the source. */
export async function* readParsedChunks(input: ReadChunksInput): AsyncGenerator<ParsedChunk> {
  const reader = new ChunkReader(input);
  if (await hasNoQuotes(input.source)) {
    const text = decodeStream(byteStream(input.source), input.encoding);
    outer: for await (const records of simpleCsvRecords(text)) {
      for (const { record, line } of records) {
        if (reader.take(record, line) === "stop") break outer;
        if (reader.chunk.rows >= reader.chunkRows) yield reader.cut();
      }
    }
    yield reader.finish();
    return;
  }
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true,
    info: true,
  });
  pipeline(decodeStream(byteStream(input.source), input.encoding), parser, () => {
    // Errors surface through the parser's async iterator below.
  });
  const lines = new LineCounter();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = lines.startLine(record, info.lines);
      if (reader.take(record, line) === "stop") break;
      if (reader.chunk.rows >= reader.chunkRows) yield reader.cut();
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lines.correct(Number((error as CsvError & { lines?: number }).lines ?? 1));
    reader.trailing(importProblem(line, "", "malformed_csv", { detail: error.message }));
  } finally {
    parser.destroy();
  }
  yield reader.finish();
}

/** The reading state of one file: header, duplicate keys, quarters seen, the chunk being filled. */
class ChunkReader {
  readonly chunkRows: number;
  chunk: ParsedChunk;
  private readonly format: CsvFormat<unknown>;
  private readonly withTeams: boolean;
  private readonly encodingLabel: string;
  private header: string[] | undefined;
  private columnIndex = new Map<string, number>();
  private readonly keys = new KeyIndex();
  private readonly quarters = new Set<string>();
  private fieldsSent = false;
  private anyProblem = false;
  private rowsTotal = 0;
  /** Problems of the current row go to the chunk with the row's index. */
  private readonly sink = {
    push: (problem: ImportProblem) => {
      this.anyProblem = true;
      this.chunk.problems.push(problem);
      this.chunk.problemRows.push(this.chunk.rows);
    },
  };

  constructor(input: ReadChunksInput) {
    this.format = CSV_FORMATS[input.kind] as CsvFormat<unknown>;
    this.withTeams = input.kind === "users";
    this.chunkRows = input.chunkRows ?? 2048;
    this.encodingLabel = input.encoding === "utf-8" ? "UTF-8" : "GB18030";
    this.chunk = emptyChunk(this.withTeams);
  }

  /** Hands over the chunk filled so far and starts a new one. */
  cut(): ParsedChunk {
    const full = this.chunk;
    this.chunk = emptyChunk(this.withTeams);
    return full;
  }

  trailing(problem: ImportProblem) {
    this.anyProblem = true;
    (this.chunk.trailingProblems ??= []).push(problem);
  }

  finish(): ParsedChunk {
    if (!this.header && !this.anyProblem) this.trailing(importProblem(1, "", "empty_file"));
    const last = this.cut();
    last.rowsTotal = this.rowsTotal;
    return last;
  }

  /** Handles one record; "stop" after a header with a missing column. */
  take(record: string[], line: number): "stop" | undefined {
    if (!this.header) {
      this.header = record.map((name) => name.replace(/^\uFEFF/, ""));
      return this.resolveColumns(this.header) ? undefined : "stop";
    }
    this.rowsTotal++;
    this.readRow(line, record, this.header.length);
    return undefined;
  }

  /** Records each wanted column's position; false when a required one is missing. */
  private resolveColumns(header: string[]): boolean {
    const wanted = [...this.format.required, ...this.format.optional];
    const columnOrder: [string, number][] = [];
    const leading: ImportProblem[] = [];
    wanted.forEach((name, i) => {
      const index = header.indexOf(name);
      columnOrder.push([name, index >= 0 ? index : header.length + i]);
      if (index >= 0) this.columnIndex.set(name, index);
      else if (this.format.required.includes(name)) leading.push(importProblem(1, name, "missing_column"));
    });
    this.chunk.columnOrder = columnOrder;
    if (leading.length > 0) {
      this.anyProblem = true;
      this.chunk.leadingProblems = leading;
    }
    return leading.length === 0;
  }

  private readRow(line: number, record: string[], headerLength: number) {
    const chunk = this.chunk;
    const reader = new RowReader(line, new RecordCells(this.columnIndex, record), this.sink, this.encodingLabel);
    if (record.length > headerLength && record.slice(headerLength).some((cell) => cell !== "")) {
      reader.problem("", "too_many_fields", { fields: record.length, columns: headerLength });
    }
    const read = this.format.read(reader);

    let repeated = false;
    if (read.key !== undefined) {
      const firstLine = this.keys.firstLine(read.key, line);
      if (firstLine !== undefined) {
        repeated = true;
        reader.problem(read.keyColumn, "duplicate_key", { key: read.keyLabel, firstLine });
      }
    }
    let newQuarter: string | null = null;
    if (read.date !== undefined) {
      const quarter = quarterOfDate(read.date);
      if (!this.quarters.has(quarter)) {
        this.quarters.add(quarter);
        newQuarter = quarter;
      }
    }
    const values = read.record as Record<string, unknown>;
    if (!this.fieldsSent) {
      this.fieldsSent = true;
      chunk.fields = Object.keys(values);
    }
    for (const key in values) chunk.values.push(values[key]);
    chunk.lines.push(line);
    chunk.writes.push(reader.valid && !repeated ? 1 : 0);
    chunk.agentCodes.push(read.agentCode ?? null);
    chunk.newQuarters.push(newQuarter);
    chunk.teamNames?.push(read.teamNames ?? null);
    chunk.rows++;
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
