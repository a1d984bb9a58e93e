import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { exportPersonalData, isDomainError } from "@starboard/core";
import { agentCodeSchema } from "~/models/agentPage.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

/** GET /hr/privacy/export?code=AG001 → everything held about that person, as a JSON download (HR only, audited). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_privacy");
  const code = agentCodeSchema.safeParse(new URL(request.url).searchParams.get("code"));
  if (!code.success) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  try {
    const data = await exportPersonalData(contextFor(await getDb(), user), code.data);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="starboard-personal-data-${code.data}.json"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "not_found") throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    throw error;
  }
}
