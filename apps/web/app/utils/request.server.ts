import { getEnv } from "./env.server";

/**
 * Whether the request reached us over HTTPS: the URL scheme, or — only when
 * STARBOARD_TRUST_PROXY is set — `X-Forwarded-Proto: https` from the TLS-terminating proxy.
 */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  if (getEnv().STARBOARD_TRUST_PROXY) {
    const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
    return forwarded === "https";
  }
  return false;
}

/** The origin the browser sees (scheme + host), honouring a trusted proxy's scheme. */
export function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("Host") ?? url.host;
  return `${isHttps(request) ? "https" : url.protocol.replace(":", "")}://${host}`;
}

/**
 * The client's IP for sign-in throttling: the first `X-Forwarded-For` address, trusted only
 * when STARBOARD_TRUST_PROXY is set (the proxy sets it); null otherwise (remix-serve does not
 * expose the socket address to Remix), and then only the per-account limit applies.
 */
export function clientIp(request: Request): string | null {
  if (!getEnv().STARBOARD_TRUST_PROXY) return null;
  const first = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : null;
}
