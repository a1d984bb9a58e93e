import { data } from "@remix-run/node";
import { can } from "@starboard/core";
import { type Db, listQuarters, type QuarterState } from "@starboard/db";
import { quarterIdSchema } from "@starboard/kpi";
import type { SessionUser } from "~/utils/session.server";

export interface QuarterOption {
  id: string;
  state: QuarterState;
  /** Whether results have been calculated for it. */
  calculated: boolean;
}

/** What a dashboard ErrorBoundary gets in `error.data`; translated with `dashboard:error.<code>`. */
export interface DashboardErrorData {
  code: "badQuarter" | "quarterNotFound" | "notFound" | "badRequest";
  value?: string;
}

export function dashboardError(status: 400 | 404, body: DashboardErrorData) {
  return data(body, { status, statusText: status === 404 ? "Not Found" : "Bad Request" });
}

/** The quarters this user may see (policy `view_quarter`), newest first. */
export async function visibleQuarters(db: Db, user: SessionUser): Promise<QuarterOption[]> {
  const rows = await listQuarters(db);
  return rows
    .filter((q) => can(user, "view_quarter", { state: q.state }))
    .map((q) => ({ id: q.id, state: q.state, calculated: q.calculated_at !== null }));
}

/**
 * The quarter a dashboard page shows: `?quarter=YYYY-Qn` when given (validated with zod: a
 * malformed value is a friendly 400, one that doesn't exist or isn't visible a 404), else the
 * newest visible quarter that has results, else the newest visible one. Null when none is visible.
 */
export async function resolveQuarter(
  db: Db,
  user: SessionUser,
  url: URL,
): Promise<{ selected: QuarterOption | null; quarters: QuarterOption[] }> {
  const quarters = await visibleQuarters(db, user);
  const raw = url.searchParams.get("quarter");
  if (raw === null || raw === "") {
    const selected = quarters.find((q) => q.calculated) ?? quarters[0] ?? null;
    return { selected, quarters };
  }
  const parsed = quarterIdSchema.safeParse(raw.trim().toUpperCase());
  if (!parsed.success) throw dashboardError(400, { code: "badQuarter", value: raw.slice(0, 40) });
  const selected = quarters.find((q) => q.id === parsed.data);
  if (!selected) throw dashboardError(404, { code: "quarterNotFound", value: parsed.data });
  return { selected, quarters };
}
