import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardError } from "~/models/quarters.server";
import { whatIfCsv } from "~/models/rubricWhatIf.server";
import { loadWhatIf } from "~/models/rubricWhatIfLoader.server";

/** The what-if table as CSV (UTF-8 with BOM so spreadsheet apps read names correctly). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { version, result } = await loadWhatIf(request, params.versionId);
  if (!result.ok) throw dashboardError(404, { code: "notFound" });
  return new Response(`\uFEFF${whatIfCsv(result.view)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="whatif-v${version.version}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
