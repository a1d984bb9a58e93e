import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "../app/utils/csrf.server.ts";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/logout", { method: "POST", headers: { Host: "localhost:3000", ...headers } });

function status(fn: () => void): number {
  try {
    fn();
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("assertSameOrigin", () => {
  it("accepts a POST from our own origin", () => {
    expect(status(() => assertSameOrigin(post({ Origin: "http://localhost:3000" })))).toBe(200);
  });
  it("accepts a same-origin Referer when Origin is missing", () => {
    expect(status(() => assertSameOrigin(post({ Referer: "http://localhost:3000/login" })))).toBe(200);
  });
  it.each([
    ["another site", { Origin: "https://evil.example" }],
    ["another port", { Origin: "http://localhost:4000" }],
    ["an opaque origin", { Origin: "null" }],
    ["a foreign Referer", { Referer: "https://evil.example/x" }],
    ["no Origin nor Referer", {}],
  ])("refuses %s with 403", (_label, headers) => {
    expect(status(() => assertSameOrigin(post(headers)))).toBe(403);
  });
  it("lets GET through (only state-changing methods are checked)", () => {
    expect(status(() => assertSameOrigin(new Request("http://localhost:3000/")))).toBe(200);
  });
});
