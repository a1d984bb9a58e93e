export { importCsv, type ImportCsvInput, type ImportCsvOptions, type ImportSummary } from "./import-csv.ts";
export { CSV_ENCODINGS, type CsvEncoding, type ImportSource, detectEncoding } from "./encoding.ts";
export { CSV_IMPORT_KINDS, type CsvImportKind } from "./formats.ts";
export {
  type ImportProblem,
  type ImportProblemCode,
  ImportRejectedError,
  formatImportProblem,
} from "./problems.ts";
