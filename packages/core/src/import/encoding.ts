import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import iconv from "iconv-lite";

export const CSV_ENCODINGS = ["utf-8", "gb18030"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Where the file's bytes are: already in memory, or on disk (streamed, never read whole). */
export type ImportSource = { buffer: Buffer } | { path: string };

const hasBom = (head: Uint8Array) => head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;

export function byteStream(source: ImportSource): Readable {
  return "buffer" in source ? Readable.from([source.buffer]) : createReadStream(source.path);
}

/**
 * The brief's rule: a UTF-8 BOM means UTF-8; otherwise a file that is valid UTF-8 is UTF-8;
 * otherwise GB18030. A file on disk is checked in one streaming pass.
 */
export async function detectEncoding(source: ImportSource): Promise<CsvEncoding> {
  if ("buffer" in source) return hasBom(source.buffer) || isUtf8(source.buffer) ? "utf-8" : "gb18030";
  const handle = await open(source.path, "r");
  try {
    const head = new Uint8Array(3);
    await handle.read(head, 0, 3, 0);
    if (hasBom(head)) return "utf-8";
  } finally {
    await handle.close();
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(source.path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return "utf-8";
  } catch (error) {
    if (error instanceof TypeError) return "gb18030";
    throw error;
  }
}

/**
 * Decodes the byte stream to text. Invalid byte sequences become U+FFFD, which the row
 * reader reports as `bad_encoding` on the cell that holds one; a UTF-8 BOM is dropped.
 */
export function decodeStream(bytes: Readable, encoding: CsvEncoding): NodeJS.ReadWriteStream {
  return bytes.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
}
