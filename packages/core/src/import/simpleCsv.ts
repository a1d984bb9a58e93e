import type { Readable } from "node:stream";
import type { ImportSource } from "./encoding.ts";
import { byteStream } from "./encoding.ts";

/** A data record and the physical line it is on (1-based). */
export interface LineRecord {
  record: string[];
  line: number;
}

const QUOTE = 0x22;

/**
 * Does the file hold no `"` byte at all? Then every record is one physical line and the
 * fields are the text between commas, and `simpleCsvRecords` reads it exactly as csv-parse
 * would (with the import's options) at several times the speed. 0x22 is never part of a
 * multi-byte character in UTF-8 or GB18030, so the byte scan is exact. Streams a file.
 */
export async function hasNoQuotes(source: ImportSource): Promise<boolean> {
  if ("buffer" in source) return source.buffer.indexOf(QUOTE) === -1;
  for await (const chunk of byteStream(source) as AsyncIterable<Buffer>) {
    if (chunk.indexOf(QUOTE) !== -1) return false;
  }
  return true;
}

/** csv-parse's `trim` removes only these around a field. */
const isTrimmable = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;

function trimField(s: string): string {
  if (s.length === 0) return s;
  if (!isTrimmable(s.charCodeAt(0)) && !isTrimmable(s.charCodeAt(s.length - 1))) return s;
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmable(s.charCodeAt(start))) start++;
  while (end > start && isTrimmable(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * Splits decoded text without quotes into records, chunk by chunk, with the import's
 * csv-parse options: record delimiter \r\n, \n or \r; fields trimmed; empty lines and
 * records whose every field is empty skipped (but counted as lines). Yields one array of
 * records per text chunk, so the caller's loop stays synchronous within a chunk.
 */
export async function* simpleCsvRecords(text: Readable | NodeJS.ReadWriteStream): AsyncGenerator<LineRecord[]> {
  let carry = "";
  let line = 0;
  let pendingCr = false;
  const take = (physical: string, out: LineRecord[]) => {
    line++;
    if (physical.length === 0) return;
    const record = physical.split(",");
    let empty = true;
    for (let i = 0; i < record.length; i++) {
      const field = trimField(record[i]!);
      record[i] = field;
      if (field !== "") empty = false;
    }
    if (!empty) out.push({ record, line });
  };
  for await (const chunk of text as AsyncIterable<string | Buffer>) {
    let s = carry + (typeof chunk === "string" ? chunk : chunk.toString("utf8"));
    const out: LineRecord[] = [];
    let start = 0;
    if (pendingCr && s.charCodeAt(0) === 0x0a) start = 1; // the \n of a \r\n split across chunks
    pendingCr = false;
    for (let i = start; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      take(s.slice(start, i), out);
      if (c === 0x0d) {
        if (i + 1 < s.length) {
          if (s.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          pendingCr = true;
        }
      }
      start = i + 1;
    }
    carry = s.slice(start);
    s = "";
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) {
    const out: LineRecord[] = [];
    take(carry, out);
    if (out.length > 0) yield out;
  }
}
