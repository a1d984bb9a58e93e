import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "./i18n/config";
import { i18next } from "./i18n/i18next.server";
import { NonceProvider } from "./utils/nonce";
import { warnIfPlainHttp } from "./utils/startupWarnings.server";

warnIfPlainHttp();

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // One i18next instance per request: the locale of one user never leaks into another's page.
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18nConfig, lng });

  const nonce = randomBytes(16).toString("base64");
  setSecurityHeaders(responseHeaders, nonce, process.env.NODE_ENV === "development");

  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log streaming errors only after the shell is out; before that, handleError logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/** Single-fetch data responses (`*.data`) get the non-document security headers too. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  return response;
};

/** Server-side log of unexpected errors (the browser only ever sees the translated 500 page). */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return; // client went away; not an error
  // Thrown Responses / "no route matches" are expected outcomes (404, 403…), not server errors.
  if (error instanceof Response || isErrorResponse(error)) return;
  // Remix's own cross-origin POST refusal (before any action runs): an expected outcome, not a bug.
  if (isRemixOriginRefusal(error)) return;
  console.error(error);
};

function isRemixOriginRefusal(error: unknown): boolean {
  return error instanceof Error && /header does not match `origin` header|headers are not provided\. One of these is needed to compare the `origin`/.test(error.message);
}

function isErrorResponse(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && "internal" in error && "statusText" in error;
}

/**
 * CSP: scripts only from us or carrying this response's nonce (no 'unsafe-inline' for
 * scripts). Styles allow inline `style=""` attributes, which charts (recharts) set.
 */
function setSecurityHeaders(headers: Headers, nonce: string, dev: boolean) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
}

/** The dashboard page cache, for the production server (server.mjs); see docs/decisions/063. */
export { pageCache } from "./utils/pageCache/serverPageCache.server";
