import { describe, expect, it } from "vitest";
import { readForm } from "../app/utils/form.server";
import { warnIfPlainHttp } from "../app/utils/startupWarnings.server";

describe("plain-HTTP start-up warning", () => {
  it("is logged once when neither a Secure cookie nor a trusted proxy is configured", () => {
    const lines: string[] = [];
    const env = { NODE_ENV: "production", STARBOARD_DB: ":memory:", STARBOARD_COOKIE_SECURE: false, STARBOARD_TRUST_PROXY: false } as const;
    expect(warnIfPlainHttp({ ...env, STARBOARD_COOKIE_SECURE: true }, (l) => lines.push(l))).toBe(false);
    expect(warnIfPlainHttp({ ...env, STARBOARD_TRUST_PROXY: true }, (l) => lines.push(l))).toBe(false);
    expect(lines).toEqual([]);
    expect(warnIfPlainHttp(env, (l) => lines.push(l))).toBe(true);
    expect(lines[0]).toMatch(/WARNING: plain-HTTP mode/);
    expect(warnIfPlainHttp(env, (l) => lines.push(l))).toBe(false);
    expect(lines).toHaveLength(1);
  });
});

describe("readForm", () => {
  it("reads a form, and answers 400 (not 500) for a body that is not one", async () => {
    const ok = await readForm(new Request("http://x/", { method: "POST", body: new URLSearchParams({ a: "1" }) }));
    expect(ok.get("a")).toBe("1");
    for (const [body, type] of [
      ['{"a":1}', "application/json"],
      ["--x\r\nbroken", "multipart/form-data; boundary=x"],
    ]) {
      const thrown = await readForm(new Request("http://x/", { method: "POST", body, headers: { "Content-Type": type! } })).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
    }
  });
});
