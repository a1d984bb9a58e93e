import { inject } from "vitest";

/**
 * Plain HTTP against the E2E server (no browser): for the authorization matrix and the
 * malformed-input tests. Every mutation carries our own Origin, as a browser would, unless a
 * test sets another one.
 */
export const base = (): string => inject("baseURL");

export interface HttpResult {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export async function http(
  method: "GET" | "POST",
  path: string,
  options: { cookie?: string | null; form?: Record<string, string | string[]> | URLSearchParams | FormData; body?: string; contentType?: string; origin?: string | null } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (method === "POST" && options.origin !== null) headers.Origin = options.origin ?? base();
  let body: BodyInit | undefined;
  if (options.form instanceof FormData) body = options.form;
  else if (options.form instanceof URLSearchParams) body = options.form;
  else if (options.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
    body = params;
  } else if (options.body !== undefined) body = options.body;
  if (options.contentType) headers["Content-Type"] = options.contentType;
  let response: Response;
  try {
    response = await fetch(`${base()}${path}`, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    // A server that answers (e.g. 403) without reading a large request body closes the
    // keep-alive socket; the client sees ECONNRESET on its next use. Resend once on a fresh one.
    if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw error;
    response = await fetch(`${base()}${path}`, { method, headers, body, redirect: "manual" });
  }
  return { status: response.status, location: response.headers.get("Location"), body: await response.text(), headers: response.headers };
}

/** Signs in through the real /login action; returns the session cookie ("name=value"). */
export async function signInHttp(email: string, password: string): Promise<string> {
  const result = await http("POST", "/login", { form: { email, password } });
  const setCookie = result.headers.get("Set-Cookie") ?? "";
  const cookie = /(?:__Host-)?starboard_session=[^;]+/.exec(setCookie)?.[0];
  if (result.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${result.status} ${result.body.slice(0, 200)}`);
  return cookie;
}
