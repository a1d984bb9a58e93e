import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE, issuePasswordLink, setPasswordWithLink, signInThrottled } from "../../src/index.ts";
import { securityFixture } from "./helpers.ts";

let f: Awaited<ReturnType<typeof securityFixture>>;
const PASSWORD = "hana's passphrase";
const t0 = new Date("2026-04-02T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeEach(async () => {
  f = await securityFixture();
  const link = await issuePasswordLink(f.system, { email: "hr@example.com" });
  await setPasswordWithLink(f.system, { token: link.path.split("/").pop()!, password: PASSWORD });
});
afterEach(async () => {
  await f.db.destroy();
});

const attempt = (password: string, now: Date, ip = "10.0.0.1", email = "hr@example.com") =>
  signInThrottled(f.db, { email, password, ip }, now);

describe("failed sign-ins are throttled per account", () => {
  it("10 failures in 15 minutes block even the right password, until the oldest is 15 minutes old", async () => {
    for (let i = 0; i < 10; i++) expect(await attempt("wrong", at(i))).toEqual({ ok: false, reason: "invalid_credentials" });
    // 11th attempt at minute 10, right password: blocked; the first failure (minute 0) leaves the window at minute 15.
    expect(await attempt(PASSWORD, at(10))).toEqual({ ok: false, reason: "throttled", retryAfterSec: 300 });
    // Blocked attempts are not counted, so hammering does not extend the block …
    for (let i = 0; i < 20; i++) await attempt("wrong", at(11));
    // … and at minute 15 the real user gets in.
    expect((await attempt(PASSWORD, at(15))).ok).toBe(true);
  });

  it("a successful sign-in resets the account's count", async () => {
    for (let i = 0; i < 9; i++) await attempt("wrong", at(0));
    expect((await attempt(PASSWORD, at(1))).ok).toBe(true);
    for (let i = 0; i < 9; i++) await attempt("wrong", at(2));
    expect((await attempt(PASSWORD, at(3))).ok).toBe(true);
  });

  it("an unknown e-mail is throttled the same way (the answer reveals nothing)", async () => {
    for (let i = 0; i < 10; i++) await attempt("x", at(0), "10.0.0.1", "nobody@example.com");
    expect(await attempt("x", at(1), "10.0.0.1", "nobody@example.com")).toMatchObject({ reason: "throttled" });
    // Other accounts are not affected.
    expect((await attempt(PASSWORD, at(1))).ok).toBe(true);
  });

  it("is counted case-insensitively", async () => {
    for (let i = 0; i < 10; i++) await attempt("x", at(0), "10.0.0.1", i % 2 ? "HR@example.com" : " hr@example.com");
    expect(await attempt(PASSWORD, at(1))).toMatchObject({ reason: "throttled" });
  });
});

describe("per IP", () => {
  it(`${SIGN_IN_THROTTLE.maxPerIp} failures from one IP block it for every account`, async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.maxPerIp; i++) await attempt("x", at(0), "10.9.9.9", `user${i}@example.com`);
    expect(await attempt(PASSWORD, at(1), "10.9.9.9")).toMatchObject({ reason: "throttled", retryAfterSec: 14 * 60 });
    expect((await attempt(PASSWORD, at(1), "10.0.0.2")).ok).toBe(true);
    expect((await attempt(PASSWORD, at(15), "10.9.9.9")).ok).toBe(true);
  });
});
