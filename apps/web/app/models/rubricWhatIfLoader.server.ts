import { getRubricVersion, runWhatIf } from "@starboard/core";
import { contextFor } from "~/utils/context.server";
import { dashboardError } from "~/models/quarters.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";
import { whatIfView } from "./rubricWhatIf.server";
import { attempt, parseVersionId } from "./rubrics.server";

/** Shared by the what-if page and its CSV: HR only, a stored version (404 otherwise), last two calculated quarters. */
export async function loadWhatIf(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  const ctx = contextFor(await getDb(), user);
  const id = parseVersionId(param);
  if (id === null) throw dashboardError(404, { code: "notFound" });
  const found = await attempt(() => getRubricVersion(ctx, id));
  if (!found.ok) throw dashboardError(404, { code: "notFound" });
  const { version, rubric } = found.value;
  const report = await attempt(() => runWhatIf(ctx, rubric));
  return {
    version: { id: Number(version.id), version: Number(version.version), name: version.name, status: version.status },
    result: report.ok ? { ok: true as const, view: whatIfView(report.value) } : report,
  };
}
