import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent } from "../app/utils/format.ts";
import { safeRedirect } from "../app/utils/redirect.ts";

describe("format", () => {
  it("formats numbers per locale with fixed digits", () => {
    expect(formatNumber("en", 1234.5, 1)).toBe("1,234.5");
    expect(formatNumber("zh-CN", 1234.5, 1)).toBe("1,234.5");
    expect(formatNumber("en", 89.9, 1)).toBe("89.9");
    expect(formatNumber("en", null)).toBe("–");
  });
  it("formats percentages from the 0–100 scale", () => {
    expect(formatPercent("en", 94.5)).toBe("94.5%");
  });
  it("formats a calendar date as that day in any time zone", () => {
    expect(formatDate("en", "2026-03-31")).toBe("Mar 31, 2026");
    expect(formatDate("zh-CN", "2026-03-31")).toBe("2026年3月31日");
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/teams/2?q=1")).toBe("/teams/2?q=1");
  });
  it.each(["//evil.example", "https://evil.example/", "/\\evil.example", "evil", "/\t/evil.example", ""])("rejects %j", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
