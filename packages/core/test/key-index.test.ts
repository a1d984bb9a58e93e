import { describe, expect, it } from "vitest";
import { KeyIndex } from "../src/import/keyIndex.ts";

describe("KeyIndex (the import's duplicate-key check)", () => {
  it("remembers the first line of a single-part key", () => {
    const keys = new KeyIndex();
    expect(keys.firstLine("E-1", 2)).toBeUndefined();
    expect(keys.firstLine("E-2", 3)).toBeUndefined();
    expect(keys.firstLine("E-1", 4)).toBe(2);
    expect(keys.firstLine("E-1", 5)).toBe(2);
  });

  it("compares composite keys part by part, exactly", () => {
    const keys = new KeyIndex();
    expect(keys.firstLine(["2026-01-05", "A1", "phone"], 2)).toBeUndefined();
    expect(keys.firstLine(["2026-01-05", "A1", "chat"], 3)).toBeUndefined();
    expect(keys.firstLine(["2026-01-05", "A1 ", "phone"], 4)).toBeUndefined();
    expect(keys.firstLine(["2026-01-06", "A1", "phone"], 5)).toBeUndefined();
    expect(keys.firstLine(["2026-01-05", "A1", "phone"], 6)).toBe(2);
    expect(keys.firstLine(["2026-01-05", "A1", "chat"], 7)).toBe(3);
    // A one-part key and a composite key with the same text are different keys.
    expect(keys.firstLine("2026-01-05", 8)).toBeUndefined();
  });

  it("parts whose join would be ambiguous stay distinct", () => {
    const keys = new KeyIndex();
    expect(keys.firstLine(["a|b", "c", "phone"], 2)).toBeUndefined();
    expect(keys.firstLine(["a", "b|c", "phone"], 3)).toBeUndefined();
  });

  it("keeps every key of a large file (table growth) and finds each repeat", () => {
    const keys = new KeyIndex();
    let line = 1;
    for (let day = 0; day < 92; day++) {
      for (let agent = 0; agent < 700; agent++) {
        for (const channel of ["phone", "chat", "email"]) expect(keys.firstLine([`d${day}`, `A${agent}`, channel], ++line)).toBeUndefined();
      }
    }
    // line of (day 50, agent 123, chat) = 1 + 50·2100 + 123·3 + 2
    expect(keys.firstLine(["d50", "A123", "chat"], ++line)).toBe(1 + 50 * 2100 + 123 * 3 + 2);
    expect(keys.firstLine(["d91", "A699", "email"], ++line)).toBe(1 + 92 * 2100);
  });

  it("falls back to joined strings when a part has more than 2^17 distinct values", () => {
    const keys = new KeyIndex();
    const many = 2 ** 17 + 10;
    for (let i = 0; i < many; i++) expect(keys.firstLine([`C${i}`, "x"], i + 2)).toBeUndefined();
    // Both routes: an early (packed) key and a late (string) key are found again.
    expect(keys.firstLine(["C5", "x"], 1e6)).toBe(7);
    expect(keys.firstLine([`C${many - 1}`, "x"], 1e6)).toBe(many + 1);
    expect(keys.firstLine([`C${many - 1}`, "y"], 1e6)).toBeUndefined();
  });
});
