import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";

/**
 * Browser helpers for the e2e journeys. Chromium is REQUIRED: without it the suite fails
 * (it never silently skips).
 *
 *     const browser = useBrowser();                          // at the top of a test file
 *     const page = await browser.signedIn("hr@starboard.test");  // per test: fresh cookies
 *     …                                                      // closed and checked for browser errors after the test
 */

/** Every demo login's password (README). */
export const DEMO_PASSWORD = "starboard-demo";
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. Install Chromium or fix the path.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the E2E tests (looked at CHROMIUM_PATH and " +
        `${CANDIDATES.join(", ")}). Install it: \`apt-get update && apt-get install -y chromium\`, ` +
        "or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

export const baseURL = (): string => inject("baseURL");

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Fails the test if the browser logged any error or threw an uncaught exception. */
  assertNoErrors(): void;
  close(): Promise<void>;
}

/** A fresh context (own cookies) and page on the E2E server, recording browser errors. */
export async function openSession(browser: Browser, options: { locale?: string } = {}): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: options.locale ?? "en-GB" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    assertNoErrors() {
      if (errors.length > 0) throw new Error(`The browser reported errors:\n${errors.join("\n")}`);
    },
    close: () => context.close(),
  };
}

/** Waits until React has hydrated the current document (root sets html[data-hydrated]). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

/** Signs in through the real form and waits for the landing page to be hydrated. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/password|密码/i).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: /sign in|登录/i }).click(),
  ]);
  await waitForHydration(page);
}

export interface BrowserFixture {
  /** A fresh session (own cookies) for the current test; closed and checked for browser errors after it. */
  open(options?: { locale?: string }): Promise<BrowserSession>;
  /** A fresh session signed in through the real form; returns its page. */
  signedIn(email: string, options?: { locale?: string; password?: string }): Promise<Page>;
}

/**
 * One Chromium per test file, launched before its tests and closed after them. Every session a
 * test opens is closed after that test, which then fails if the browser logged an error or threw.
 * `expectedErrors` matches the browser's logs of error documents a file provokes on purpose
 * (e.g. /status of 40[34]/ where it checks refusals); anything else is a defect.
 */
export function useBrowser(options: { expectedErrors?: RegExp } = {}): BrowserFixture {
  let browser: Browser | undefined;
  const sessions: BrowserSession[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await s.close();
      if (options.expectedErrors) {
        const expected = options.expectedErrors;
        s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !expected.test(e)));
      }
      s.assertNoErrors();
    }
  });
  const open = async (sessionOptions: { locale?: string } = {}): Promise<BrowserSession> => {
    if (!browser) throw new Error("useBrowser(): the browser starts in beforeAll; open sessions inside tests");
    const s = await openSession(browser, sessionOptions);
    sessions.push(s);
    return s;
  };
  return {
    open,
    async signedIn(email, signInOptions = {}) {
      const { page } = await open(signInOptions.locale ? { locale: signInOptions.locale } : {});
      await signIn(page, email, signInOptions.password ?? DEMO_PASSWORD);
      return page;
    },
  };
}
