import { DomainError } from "../errors.ts";

/**
 * One problem found in an import file. `line` counts from 1, the header; `column` is the
 * header name ("" when the problem is not about one column, e.g. malformed CSV). `code` is a
 * stable id the web translates with `params`; `message` is the English reason.
 */
export interface ImportProblem {
  line: number;
  column: string;
  code: ImportProblemCode;
  params: Record<string, string | number>;
  message: string;
}

export type ImportProblemCode =
  | "missing_column"
  | "empty_file"
  | "malformed_csv"
  | "too_many_fields"
  | "bad_encoding"
  | "required"
  | "not_integer"
  | "not_number"
  | "negative"
  | "out_of_range"
  | "not_boolean"
  | "not_date"
  | "not_date_time"
  | "not_email"
  | "unknown_channel"
  | "unknown_agent"
  | "duplicate_key"
  | "exceeds"
  | "pair_incomplete"
  | "leave_before_hire"
  | "quarter_locked"
  | "too_many_problems"
  | "unknown_role"
  | "unknown_team"
  | "not_for_role";

type Params = Record<string, string | number>;

/** English reasons, one per code; the web has the same codes in its locale files. */
const MESSAGES: Record<ImportProblemCode, (p: Params) => string> = {
  missing_column: () => "required column is missing from the header",
  empty_file: () => "the file is empty; line 1 must be the header",
  malformed_csv: (p) => `the CSV cannot be read from here on (${p.detail})`,
  too_many_fields: (p) => `the row has ${p.fields} fields but the header has ${p.columns}`,
  bad_encoding: (p) =>
    `contains bytes that are not valid ${p.encoding}; save the file as UTF-8 or pass --encoding`,
  required: () => "a value is required",
  not_integer: (p) => `"${p.value}" is not a whole number (plain digits only, no separators)`,
  not_number: (p) => `"${p.value}" is not a number (digits with an optional decimal point)`,
  negative: (p) => `"${p.value}" must not be negative`,
  out_of_range: (p) => `${p.value} is outside the allowed range ${p.min}–${p.max}`,
  not_boolean: (p) => `"${p.value}" is not a yes/no value (use true/false, TRUE/FALSE, 1/0 or Y/N)`,
  not_date: (p) => `"${p.value}" is not a real date written YYYY-MM-DD`,
  not_date_time: (p) => `"${p.value}" is not a date-time written YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]`,
  not_email: (p) => `"${p.value}" is not an email address`,
  unknown_channel: (p) => `"${p.value}" is not a channel (phone, chat or email)`,
  unknown_agent: (p) => `agent "${p.value}" is not known; import agents first`,
  duplicate_key: (p) => `duplicate key: ${p.key} is already on line ${p.firstLine}`,
  exceeds: (p) => `${p.value} is more than ${p.limitColumn} (${p.limit})`,
  pair_incomplete: (p) => `${p.column} and ${p.other} go together: give both or neither`,
  leave_before_hire: (p) => `${p.value} is before hire_date ${p.hireDate}`,
  quarter_locked: (p) => `${p.quarter} is ${p.state}; its data can no longer change (HR must reopen it first)`,
  too_many_problems: (p) => `${p.more} more problems not listed; fix these first`,
  unknown_role: (p) => `"${p.value}" is not a role (hr, manager or agent)`,
  unknown_team: (p) => `team "${p.value}" is not known; import agents (which creates teams) first`,
  not_for_role: (p) => `${p.column} must be empty for role ${p.role}`,
};

export function importProblem(line: number, column: string, code: ImportProblemCode, params: Params = {}): ImportProblem {
  return { line, column, code, params, message: MESSAGES[code](params) };
}

/** `line N, column C: reason` — the one way a problem is printed (`line N: reason` without a column). */
export function formatImportProblem(problem: ImportProblem): string {
  const where = problem.column === "" ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
  return `${where}: ${problem.message}`;
}

/**
 * The file was refused and nothing of it was written. `problems` lists every problem found,
 * by line. The code is "quarter_locked" when (among others) a row falls in a locked or
 * published quarter — then no correction of the file can make it importable — otherwise
 * "import_rejected".
 */
export class ImportRejectedError extends DomainError {
  override name = "ImportRejectedError";
  constructor(
    readonly fileName: string,
    readonly problems: ImportProblem[],
  ) {
    const locked = problems.filter((p) => p.code === "quarter_locked").map((p) => String(p.params.quarter));
    const count = problems.filter((p) => p.code !== "too_many_problems").length + countHidden(problems);
    super(
      locked.length > 0 ? "quarter_locked" : "import_rejected",
      locked.length > 0
        ? `${fileName} was not imported: it has data for ${locked.join(", ")}, which can no longer change`
        : `${fileName} was not imported: ${count} problem${count === 1 ? "" : "s"}`,
      { fileName, problems: count, ...(locked.length > 0 ? { quarters: locked.join(", ") } : {}) },
    );
  }
}

function countHidden(problems: ImportProblem[]): number {
  const hidden = problems.find((p) => p.code === "too_many_problems");
  return hidden ? Number(hidden.params.more) : 0;
}
