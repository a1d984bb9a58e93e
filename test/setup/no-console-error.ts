import { afterEach, beforeEach, expect, vi } from "vitest";

/**
 * console.error during a test is a defect: it usually means a swallowed failure
 * (React warnings, unhandled rejections logged by a library). Fail the test that caused it.
 */
let calls: unknown[][] = [];

beforeEach(() => {
  calls = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
});

afterEach(() => {
  const seen = calls;
  vi.mocked(console.error).mockRestore();
  expect(seen.map((args) => args.map(String).join(" ")), "console.error was called during the test").toEqual([]);
});
