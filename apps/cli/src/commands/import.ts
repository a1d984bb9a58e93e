import {
  CSV_ENCODINGS,
  CSV_IMPORT_KINDS,
  type CsvEncoding,
  type CsvImportKind,
  type ImportSummary,
  ImportRejectedError,
  createContext,
  formatImportProblem,
  importCsv,
  isDomainError,
} from "@starboard/core";
import { Argument, type Command, Option } from "commander";
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { progressReporter } from "../perf/progress.ts";
import { CliFailure, type CliDeps } from "../program.ts";

/** `interactions.csv: 1234 rows — 1200 added, 30 replaced, 4 unchanged` */
export function importSummaryLine(summary: ImportSummary): string {
  const rows = `${summary.rowsTotal} row${summary.rowsTotal === 1 ? "" : "s"}`;
  return `${summary.fileName}: ${rows} — ${summary.added} added, ${summary.replaced} replaced, ${summary.unchanged} unchanged`;
}

/** `starboard import agents|interactions|qa|csat|users|contacts <file.csv> [--encoding utf-8|gb18030]` */
export function registerImport(program: Command, deps: CliDeps): void {
  program
    .command("import")
    .description("import a CSV file, all or nothing (import agents before the other files)")
    .addArgument(new Argument("<kind>", "what the file holds").choices(CSV_IMPORT_KINDS))
    .argument("<file>", "the CSV file")
    .addOption(
      new Option("--encoding <encoding>", "the file's encoding (default: detected; UTF-8, else GB18030)").choices(CSV_ENCODINGS),
    )
    .option("--progress", "show rows read so far on stderr even when it is not a terminal")
    .action(async (kind: CsvImportKind, file: string, options: { encoding?: CsvEncoding; progress?: boolean }) => {
      const path = resolve(file);
      const fileName = basename(file);
      const isFile = await stat(path).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!isFile) throw new CliFailure(`starboard import: cannot read ${file}: no such file`, 1);

      const db = await deps.openDb();
      const progress = progressReporter(options.progress === true);
      try {
        const summary = await importCsv(
          createContext(db, deps.actor),
          {
            kind,
            fileName,
            source: { path },
            ...(options.encoding ? { encoding: options.encoding } : {}),
          },
          { onProgress: (rows) => progress.update(`${fileName}: ${rows} rows read…`) },
        );
        progress.done();
        deps.out(importSummaryLine(summary));
      } catch (error) {
        progress.done();
        if (error instanceof ImportRejectedError) {
          for (const problem of error.problems) deps.err(formatImportProblem(problem));
          throw new CliFailure(`${error.message}; nothing was imported`, 1);
        }
        if (isDomainError(error)) throw new CliFailure(`starboard import: ${error.message}`, 1);
        throw error;
      }
    });
}
