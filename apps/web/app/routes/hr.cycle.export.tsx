import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { exportIncentives, exportResults, isDomainError } from "@starboard/core";
import { quarterIdSchema } from "@starboard/kpi";
import { z } from "zod";
import { dashboardError } from "~/models/quarters.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

const querySchema = z.object({
  quarter: quarterIdSchema,
  kind: z.enum(["incentives", "results"]),
  format: z.enum(["csv", "xlsx"]),
});

/** File download: GET /hr/cycle/export?quarter=2026-Q3&kind=incentives&format=csv|xlsx (HR only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "export_incentives");
  const url = new URL(request.url);
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw dashboardError(400, { code: "badRequest" });
  const ctx = contextFor(await getDb(), user);
  try {
    const file =
      parsed.data.kind === "incentives" ? await exportIncentives(ctx, parsed.data.quarter, parsed.data.format) : await exportResults(ctx, parsed.data.quarter);
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isDomainError(error)) throw dashboardError(error.code === "not_found" ? 404 : 400, { code: error.code === "not_found" ? "notFound" : "badRequest" });
    throw error;
  }
}
