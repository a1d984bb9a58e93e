import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Every namespace file under app/locales is checked, so namespaces added later are covered
 * automatically: en and zh-CN must have exactly the same keys, and no value may be empty.
 */
const LOCALES_DIR = fileURLToPath(new URL("../app/locales", import.meta.url));
const LANGUAGES = ["en", "zh-CN"] as const;

const namespaces = [...new Set(LANGUAGES.flatMap((lng) => readdirSync(join(LOCALES_DIR, lng))))]
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

function load(lng: string, ns: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lng, `${ns}.json`), "utf8"));
}

function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** {{placeholders}} used by a translation. */
const placeholders = (s: unknown) => (typeof s === "string" ? [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort() : []);

describe("translations", () => {
  it("has the common namespace", () => {
    expect(namespaces).toContain("common");
  });

  describe.each(namespaces)("namespace %s", (ns) => {
    it("exists in every language", () => {
      for (const lng of LANGUAGES) {
        expect(readdirSync(join(LOCALES_DIR, lng)), `${lng}/${ns}.json`).toContain(`${ns}.json`);
      }
    });

    it("en and zh-CN have exactly the same keys", () => {
      const en = leaves(load("en", ns));
      const zh = leaves(load("zh-CN", ns));
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    });

    it("has no empty strings and the same {{placeholders}} in both languages", () => {
      const en = leaves(load("en", ns));
      const zh = leaves(load("zh-CN", ns));
      for (const [key, value] of en) {
        expect(typeof value === "string" && value.trim().length > 0, `en ${ns}:${key}`).toBe(true);
        const other = zh.get(key);
        expect(typeof other === "string" && other.trim().length > 0, `zh-CN ${ns}:${key}`).toBe(true);
        expect(placeholders(other), `placeholders of ${ns}:${key}`).toEqual(placeholders(value));
      }
    });
  });
});
