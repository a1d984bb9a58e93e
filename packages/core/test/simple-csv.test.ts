import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { hasNoQuotes, simpleCsvRecords } from "../src/import/simpleCsv.ts";

/** csv-parse with the import's options, returning records and the line each starts on (no quotes ⇒ ends on). */
function reference(text: string): Array<{ record: string[]; line: number }> {
  const out = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return out.map(({ record, info }) => ({ record, line: info.lines }));
}

async function fast(chunks: string[]): Promise<Array<{ record: string[]; line: number }>> {
  const all = [];
  for await (const batch of simpleCsvRecords(Readable.from(chunks))) all.push(...batch);
  return all;
}

/** Splits `text` into chunks at the given cut points (so \r\n can straddle two chunks). */
const chunked = (text: string, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out.filter((c) => c.length > 0);
};

describe("the quote-free CSV reader reads exactly what csv-parse reads", () => {
  it("a worked example: CRLF, blank lines, padded cells, an all-empty record, no final newline", async () => {
    const text = "a,b,c\r\n 1 , 2,3\r\n\r\n,,\r\n4,5\r\nx\t,\u3000y,z";
    const expected = [
      { record: ["a", "b", "c"], line: 1 },
      { record: ["1", "2", "3"], line: 2 },
      { record: ["4", "5"], line: 5 },
      { record: ["x", "\u3000y", "z"], line: 6 },
    ];
    expect(reference(text)).toEqual(expected);
    expect(await fast([text])).toEqual(expected);
    expect(await fast(chunked(text, [6, 7, 20]))).toEqual(expected);
  });

  // One line ending per file, as real exports have (csv-parse detects it from the first line).
  it("property: any quote-free text, any chunking, LF or CRLF", async () => {
    const cell = fc.stringMatching(/^[a-z0-9 \t.\-\u4e00-\u4e05]{0,4}$/);
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(","));
    const eol = fc.constantFrom("\n", "\r\n");
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), eol, fc.array(fc.nat(), { maxLength: 5 }), fc.boolean(), async (lines, e, cuts, finalEol) => {
        let text = lines.map((r) => r + e).join("");
        if (!finalEol && lines.length > 0) text = text.slice(0, -e.length);
        expect(await fast(chunked(text, cuts))).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it("hasNoQuotes looks at the bytes of a buffer", async () => {
    expect(await hasNoQuotes({ buffer: Buffer.from("a,b\n1,2\n") })).toBe(true);
    expect(await hasNoQuotes({ buffer: Buffer.from('a,b\n"1",2\n') })).toBe(false);
  });
});
