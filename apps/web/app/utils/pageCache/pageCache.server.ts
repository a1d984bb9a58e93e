import { randomBytes } from "node:crypto";
import { type Db, watchDataVersion } from "@starboard/db";
import type { SessionUser } from "../session.server";
import { isCacheablePath } from "./cacheablePages";
import { LruCache } from "./lruCache";
import { countIgnoredAuditWrite, type RenderRecord, recordRender, type RepeatedEffect } from "./replay.server";

/**
 * Server-side cache of whole dashboard responses (HTML documents and single-fetch `.data`),
 * see docs/decisions/063-dashboard-page-cache.md.
 *
 * A response is served from the cache only when ALL of these hold:
 * - same viewer (user id) and same variant (language, bot or browser), same path + query;
 * - the database's data version (`watchDataVersion`: commits by any connection, every
 *   write on ours, schema changes) is the one the response was rendered at — the cache is
 *   emptied as soon as it moves;
 * - the viewer's session is valid right now (`viewerOf` runs on every request);
 * - the entry is younger than `maxAgeMs`.
 * A response is stored only when: GET, status 200, no Set-Cookie, HTML or single-fetch
 * data, no transaction open, the data version identical before and after rendering, and
 * every view-audit row written while rendering is repeated on a hit.
 * Each hit gets a fresh CSP nonce, substituted into the body and the CSP header.
 */
export interface PageCacheOptions {
  getDb: () => Promise<Db>;
  /** The signed-in viewer and what else the response depends on (language…), or null: never cached. */
  viewerOf: (request: Request) => Promise<{ user: SessionUser; variant: string } | null>;
  maxEntries: number;
  maxBytes: number;
  maxAgeMs: number;
  /** Clock (ms), injectable for tests. */
  now?: () => number;
}

export type RenderFunction = (request: Request) => Promise<Response>;

/**
 * A cache hit, written to the socket as is (cheaper than building a Response): the body is
 * the stored bytes with the new nonce between them, so nothing is re-encoded or copied.
 */
export interface CachedReply {
  status: number;
  headers: [string, string][];
  body: Buffer[];
  bodyBytes: number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
  bytes: number;
}

interface Entry {
  version: string;
  storedAt: number;
  status: number;
  /** Header values and the body, split at the nonce of the response they came from. */
  headers: [string, string[]][];
  body: Buffer[];
  bodyBytes: number;
  hasNonce: boolean;
  repeated: RepeatedEffect[];
}

const NOT_REPLAYED_HEADERS = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding"]);
const STORABLE_TYPES = /^(text\/html|text\/x-script)\b/i;
export const CACHE_STATUS_HEADER = "X-Page-Cache";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function createPageCache(options: PageCacheOptions) {
  const now = options.now ?? Date.now;
  const lru = new LruCache<Entry>({ maxEntries: options.maxEntries, maxBytes: options.maxBytes });
  const rendering = new Map<string, Promise<void>>();
  let cachedVersion: string | null = null;
  const stats = { hits: 0, misses: 0, stored: 0 };
  const enabled = options.maxEntries > 0 && options.maxBytes > 0;

  function fresh(entry: Entry | undefined, version: string): entry is Entry {
    return entry !== undefined && entry.version === version && now() - entry.storedAt <= options.maxAgeMs;
  }

  async function handle(request: Request, render: RenderFunction): Promise<Response | CachedReply> {
    if (!enabled || request.method !== "GET") return render(request);
    const url = new URL(request.url);
    if (!isCacheablePath(url.pathname)) return render(request);
    const db = await options.getDb();
    const watch = watchDataVersion(db);
    if (!watch) return render(request); // not SQLite (e.g. Postgres): no cache
    watch.onIgnoredWrite = (table) => {
      if (table === "audit_log") countIgnoredAuditWrite();
    };
    const version = watch.current();
    if (version === null) return render(request);
    if (version !== cachedVersion) {
      lru.clear(); // nothing stored at another version can ever be served again
      cachedVersion = version;
    }
    const viewer = await options.viewerOf(request);
    if (!viewer) return render(request);
    const key = `${viewer.user.id}\n${viewer.variant}\n${url.pathname}${url.search}`;

    let entry = lru.get(key);
    if (!fresh(entry, version) && rendering.has(key)) {
      // Someone is rendering this very page: wait for it rather than render it 50 times at once.
      await rendering.get(key);
      entry = lru.get(key);
    }
    if (fresh(entry, version) && watch.current() === version) {
      for (const effect of entry.repeated) await effect(db, viewer.user);
      stats.hits++;
      return replyFrom(entry);
    }

    stats.misses++;
    let finished!: () => void;
    const mine = !rendering.has(key);
    if (mine) rendering.set(key, new Promise<void>((resolve) => (finished = resolve)));
    try {
      const record: RenderRecord = { repeated: [], ignoredAuditWrites: 0 };
      const response = await recordRender(record, () => render(request));
      if (!storable(response)) return response;
      const body = await response.text();
      const headers = new Headers(response.headers);
      headers.set(CACHE_STATUS_HEADER, "miss");
      const unchanged = watch.current() === version && cachedVersion === version;
      if (unchanged && record.ignoredAuditWrites === record.repeated.length) {
        const stored = entryFrom(version, response.status, headers, body, record.repeated);
        if (lru.set(key, stored.entry, stored.bytes)) stats.stored++;
      }
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    } finally {
      if (mine) {
        rendering.delete(key);
        finished();
      }
    }
  }

  function entryFrom(version: string, status: number, headers: Headers, body: string, repeated: RepeatedEffect[]) {
    const nonce = /'nonce-([^']+)'/.exec(headers.get("Content-Security-Policy") ?? "")?.[1];
    const split = (value: string) => (nonce ? value.split(nonce) : [value]);
    const kept: [string, string[]][] = [];
    let bytes = body.length;
    headers.forEach((value, name) => {
      if (NOT_REPLAYED_HEADERS.has(name.toLowerCase())) return;
      kept.push([name, split(name.toLowerCase() === CACHE_STATUS_HEADER.toLowerCase() ? "hit" : value)]);
      bytes += name.length + value.length;
    });
    const parts = split(body).map((part) => Buffer.from(part, "utf8"));
    const bodyBytes = parts.reduce((sum, part) => sum + part.length, 0);
    const entry: Entry = { version, storedAt: now(), status, headers: kept, body: parts, bodyBytes, hasNonce: nonce !== undefined, repeated };
    return { entry, bytes: bytes - body.length + bodyBytes };
  }

  function replyFrom(entry: Entry): CachedReply {
    const nonce = entry.hasNonce ? newNonce() : "";
    const nonceBytes = Buffer.from(nonce, "utf8");
    const body: Buffer[] = [];
    entry.body.forEach((part, i) => {
      if (i > 0) body.push(nonceBytes);
      body.push(part);
    });
    return {
      status: entry.status,
      headers: entry.headers.map(([name, parts]) => [name, parts.join(nonce)]),
      body,
      bodyBytes: entry.bodyBytes + nonceBytes.length * (entry.body.length - 1),
    };
  }

  return {
    handle,
    stats(): PageCacheStats {
      return { ...stats, entries: lru.size, bytes: lru.bytes };
    },
    clear() {
      lru.clear();
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;

function storable(response: Response): boolean {
  return (
    response.status === 200 &&
    !response.headers.has("Set-Cookie") &&
    STORABLE_TYPES.test(response.headers.get("Content-Type") ?? "")
  );
}
