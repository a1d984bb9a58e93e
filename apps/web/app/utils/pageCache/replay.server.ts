import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@starboard/db";
import type { SessionUser } from "../session.server";

/**
 * Side effects of a cacheable GET that must happen on EVERY view, cached or not — today the
 * privacy log of who viewed whose results. While the page cache renders a page it collects
 * them here; it stores them with the page and runs them again on each cache hit, for the
 * viewer of that hit.
 */
export type RepeatedEffect = (db: Db, viewer: SessionUser) => Promise<unknown>;

export interface RenderRecord {
  repeated: RepeatedEffect[];
  /** Writes the data version ignores (view-audit rows) made while rendering, counted by the database. */
  ignoredAuditWrites: number;
}

const current = new AsyncLocalStorage<RenderRecord>();

export function recordRender<T>(record: RenderRecord, render: () => Promise<T>): Promise<T> {
  return current.run(record, render);
}

/** Called where a view is logged: the same write is repeated on a cache hit. A no-op outside the cache. */
export function repeatOnCacheHit(effect: RepeatedEffect): void {
  current.getStore()?.repeated.push(effect);
}

/** Called (synchronously, inside the statement) for each view-audit row the database sees written. */
export function countIgnoredAuditWrite(): void {
  const record = current.getStore();
  if (record) record.ignoredAuditWrites++;
}
