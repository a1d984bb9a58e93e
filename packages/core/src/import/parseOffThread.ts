import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { type ParsedChunk, type ReadChunksInput, readParsedChunks } from "./parsedRows.ts";
import type { ParseWorkerData, ParseWorkerMessage } from "./parseWorker.ts";

/** Where an import's parse stage runs: "auto" = on a worker thread for files of AUTO_WORKER_MIN_BYTES or more. */
export type ParseOn = "auto" | "worker" | "main";

/**
 * Below this size the worker's start-up (≈ 0.1–0.3 s: a thread, tsx, the import modules)
 * costs more than overlapping the parse with the writes saves (≈ 4 µs a row, ~40 bytes a row).
 */
export const AUTO_WORKER_MIN_BYTES = 4_000_000;

/**
 * Chunks a worker may have posted ahead of the writer: bounds memory (16 × 2,048 rows ≈ 3 MB
 * of chunk data). A deep window keeps the overlap when the machine is busy and either thread
 * is descheduled for a while; with 4, the writer often waited for the reader under load.
 */
const MAX_CHUNKS_IN_FLIGHT = 16;

export interface ParseOptions {
  /** Default: the STARBOARD_IMPORT_PARSE_ON environment variable (auto, worker or main), else "auto". */
  parseOn?: ParseOn;
  /** Tests only: another worker entry file (e.g. a missing one, to check the fallback). */
  workerFile?: string;
  /** Tests only: the module URL the worker's files are resolved from (default: this module's; in the web build, the bundle's). */
  resolveFrom?: string;
  /** Told where the parse stage actually ran (after a fallback: "main"). */
  onParser?: (ranOn: "worker" | "main") => void;
}

/**
 * The parsed chunks of a file, read on a worker thread when that pays off and is possible,
 * else in this thread. Both paths run the same `readParsedChunks`, so the chunks are the
 * same. When the worker cannot start (no tsx, the worker file not found — e.g. a bundle
 * without the sources), the file is parsed in this thread instead; a worker that fails
 * after it started fails the import.
 */
export async function* parsedChunks(input: ReadChunksInput, options: ParseOptions = {}): AsyncGenerator<ParsedChunk> {
  if (await useWorker(input, options.parseOn ?? parseOnFromEnvironment())) {
    const started = startWorker(input, options.resolveFrom ?? import.meta.url, options.workerFile);
    if (started) {
      const chunks = workerChunks(started);
      const first = await chunks.next().catch((error: unknown) => ({ startFailed: error }));
      if (!("startFailed" in first)) {
        options.onParser?.("worker");
        try {
          if (first.done) return;
          yield first.value;
          yield* chunks;
        } finally {
          await chunks.return(undefined);
        }
        return;
      }
      if (!(first.startFailed instanceof WorkerStartError)) throw first.startFailed;
    }
  }
  options.onParser?.("main");
  yield* readParsedChunks(input);
}

function parseOnFromEnvironment(): ParseOn {
  const value = process.env.STARBOARD_IMPORT_PARSE_ON;
  return value === "worker" || value === "main" ? value : "auto";
}

async function useWorker(input: ReadChunksInput, parseOn: ParseOn): Promise<boolean> {
  if (parseOn !== "auto") return parseOn === "worker";
  if ("buffer" in input.source) return input.source.buffer.byteLength >= AUTO_WORKER_MIN_BYTES;
  try {
    return (await stat(input.source.path)).size >= AUTO_WORKER_MIN_BYTES;
  } catch {
    return false;
  }
}

/** The worker could not load (as opposed to failing while reading the file). */
class WorkerStartError extends Error {}

/**
 * Starts the parse worker: TypeScript source loaded through tsx's CommonJS hook. The files
 * are found through the `@starboard/core` package, so this works from the sources (tsx,
 * vitest) and from the web's Vite bundle alike, as long as the sources and tsx are installed.
 */
function startWorker(input: ReadChunksInput, resolveFrom: string, workerFile: string | undefined): Worker | undefined {
  try {
    const require = createRequire(resolveFrom);
    const file = workerFile ?? join(dirname(require.resolve("@starboard/core")), "import", "parseWorker.ts");
    const tsx = require.resolve("tsx/cjs/api");
    const data: ParseWorkerData = { ...input, maxInFlight: MAX_CHUNKS_IN_FLIGHT };
    return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: data,
      execArgv: [],
    });
  } catch {
    return undefined;
  }
}

async function* workerChunks(worker: Worker): AsyncGenerator<ParsedChunk> {
  const queue: ParsedChunk[] = [];
  let failure: Error | undefined;
  let exited = false;
  let received = false;
  let notify: (() => void) | undefined;
  const wake = () => {
    const resume = notify;
    notify = undefined;
    resume?.();
  };
  worker.on("message", (message: ParseWorkerMessage) => {
    received = true;
    if (message.type === "chunk") queue.push(message.chunk);
    else failure ??= new Error(message.message);
    wake();
  });
  worker.on("error", (error: Error) => {
    failure ??= received ? error : new WorkerStartError(error.message);
    wake();
  });
  worker.on("exit", () => {
    exited = true;
    wake();
  });
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        worker.postMessage("ack");
        yield chunk;
        if (chunk.rowsTotal !== undefined) return;
        continue;
      }
      if (failure) throw failure;
      if (exited) throw received ? new Error("the import's parse worker stopped early") : new WorkerStartError("the parse worker exited");
      await new Promise<void>((resolve) => (notify = resolve));
    }
  } finally {
    await worker.terminate();
  }
}
