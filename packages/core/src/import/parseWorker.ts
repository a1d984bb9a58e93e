/**
 * Worker-thread entry of the import's parse stage (see parseOffThread.ts, which starts it).
 * Reads and checks the CSV with `readParsedChunks` and posts the chunks to the main thread,
 * which writes them in its one transaction. At most `maxInFlight` chunks are unacknowledged,
 * so memory stays bounded when the writer is slower than the reader.
 *
 * Loaded through tsx's CommonJS hook (Node 20's ESM loader hooks do not reach worker
 * threads), so this file and what it imports must not use top-level await or import.meta.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type ReadChunksInput, readParsedChunks } from "./parsedRows.ts";

export interface ParseWorkerData extends ReadChunksInput {
  maxInFlight: number;
}

export type ParseWorkerMessage = { type: "chunk"; chunk: import("./parsedRows.ts").ParsedChunk } | { type: "failed"; message: string };

const port = parentPort;
if (port) {
  const data = workerData as ParseWorkerData;
  // A Buffer arrives as a plain Uint8Array after the structured clone.
  if ("buffer" in data.source) {
    const bytes = data.source.buffer as Uint8Array;
    data.source = { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  let credits = data.maxInFlight;
  let wake: (() => void) | undefined;
  port.on("message", (message) => {
    if (message !== "ack") return;
    credits++;
    const resume = wake;
    wake = undefined;
    resume?.();
  });
  const run = async () => {
    for await (const chunk of readParsedChunks(data)) {
      if (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      port.postMessage({ type: "chunk", chunk } satisfies ParseWorkerMessage);
    }
  };
  run().then(
    () => port.close(),
    (error: unknown) => {
      port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies ParseWorkerMessage);
      port.close();
    },
  );
}
