import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { RubricErrors } from "~/components/rubrics/RubricErrors";
import { WhatIfReport } from "~/components/rubrics/WhatIfReport";
import { loadWhatIf } from "~/models/rubricWhatIfLoader.server";

export const handle = { i18n: ["common", "dashboard", "rubrics"] };

/** Read-only: recomputes the last two calculated quarters under this version; nothing is stored. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadWhatIf(request, params.versionId);
}

export default function WhatIfRoute() {
  const { version, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rubrics");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("whatif.title", { version: version.version, name: version.name })}
        </h1>
        <p className="text-sm text-gray-600">{t("whatif.subtitle")}</p>
        <div className="mt-1 flex gap-4 text-sm">
          <Link to={`/hr/rubrics/${version.id}`} className="text-blue-700 hover:underline">
            {t("whatif.backToEditor")}
          </Link>
          <Link to="/hr/rubrics" className="text-blue-700 hover:underline">
            {t("index.title")}
          </Link>
        </div>
      </header>
      {result.ok ? (
        <WhatIfReport view={result.view} csvHref={`/hr/rubrics/${version.id}/whatif.csv`} />
      ) : (
        <RubricErrors error={result.error} params={result.params} issues={result.issues} />
      )}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
