import { isbot } from "isbot";
import { i18next } from "~/i18n/i18next.server";
import { getDb } from "../db.server";
import { z } from "zod";
import { getOptionalUser } from "../session.server";
import { createPageCache } from "./pageCache.server";

const MIB = 1024 * 1024;

/** STARBOARD_PAGE_CACHE_MB: memory for cached pages (default 64); 0 turns the cache off. */
const cacheMegabytes = z.coerce.number().int().min(0).max(4096).default(64).parse(process.env.STARBOARD_PAGE_CACHE_MB || undefined);

/**
 * The page cache of this server process, used by the production server (apps/web/server.mjs)
 * through the server build's entry module. The viewer is checked with the same session code
 * as every loader (`getOptionalUser`: expiry, idle timeout, deactivated users, session touch),
 * and the language with the same detection as the root loader.
 */
export const pageCache = createPageCache({
  getDb,
  async viewerOf(request) {
    const user = await getOptionalUser(request);
    if (!user) return null;
    const locale = await i18next.getLocale(request);
    const bot = isbot(request.headers.get("user-agent") ?? "");
    return { user, variant: `${locale}\n${bot ? "bot" : "browser"}` };
  },
  maxEntries: 5_000,
  maxBytes: cacheMegabytes * MIB,
  // Belt and braces: nothing on these pages depends on the clock, but no entry outlives a minute.
  maxAgeMs: 60_000,
});
