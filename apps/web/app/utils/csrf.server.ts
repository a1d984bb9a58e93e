import { publicOrigin } from "./request.server";

/**
 * CSRF defence, layer 2 (layer 1 is the SameSite=Lax session cookie, which browsers don't
 * send on cross-site POSTs). EVERY action that handles a POST/PUT/PATCH/DELETE must call
 * this first:
 *
 *     export async function action({ request }: ActionFunctionArgs) {
 *       assertSameOrigin(request);
 *       …
 *     }
 *
 * It requires the `Origin` header (or, when a browser omits it, the `Referer`) to equal our
 * own origin, and throws a 403 Response otherwise. Requests carrying neither header are
 * refused too: every browser we support sends Origin on form POSTs and fetches.
 */
export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const expected = publicOrigin(request);
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") {
    if (origin === expected || origin === new URL(request.url).origin) return;
    throw forbidden();
  }
  const referer = request.headers.get("Referer");
  if (referer) {
    let refererOrigin: string;
    try {
      refererOrigin = new URL(referer).origin;
    } catch {
      throw forbidden();
    }
    if (refererOrigin === expected || refererOrigin === new URL(request.url).origin) return;
  }
  throw forbidden();
}

function forbidden(): Response {
  return new Response("Cross-site request refused", { status: 403, statusText: "Forbidden" });
}
