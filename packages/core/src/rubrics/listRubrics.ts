import { ensureDefaultRubric, findRubricForQuarter, listRubricVersions, type RubricVersion } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { assertCanManageRubrics } from "./access.ts";
import { currentQuarter } from "./activeRubric.ts";

export interface RubricVersionListItem {
  id: number;
  version: number;
  name: string;
  status: RubricVersion["status"];
  effectiveFrom: string | null;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  /** In effect for the current quarter. */
  active: boolean;
}

/** Every rubric version, newest first, marking the one in effect now. */
export async function listRubrics(ctx: Context): Promise<{ quarter: string; versions: RubricVersionListItem[] }> {
  assertCanManageRubrics(ctx.actor);
  const quarter = currentQuarter(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultRubric(trx, isoNow(ctx));
    const active = await findRubricForQuarter(trx, quarter);
    const versions = (await listRubricVersions(trx)).map((v) => ({
      id: Number(v.id),
      version: Number(v.version),
      name: v.name,
      status: v.status,
      effectiveFrom: v.effective_from,
      createdAt: v.created_at,
      createdBy: v.created_by,
      approvedAt: v.approved_at,
      approvedBy: v.approved_by,
      active: active !== undefined && Number(active.id) === Number(v.id),
    }));
    return { quarter, versions };
  });
}
