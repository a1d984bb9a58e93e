import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

interface ErrorData {
  code?: string;
  value?: string;
}

/**
 * Friendly error for dashboard routes: a bad `?quarter=` (400), a quarter/team/agent that
 * doesn't exist or isn't yours (404, the same message either way), a wrong role (403). Never a stack trace.
 */
export function DashboardErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("dashboard");
  const { t: tc } = useTranslation("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const data: ErrorData = isRouteErrorResponse(error) && error.data && typeof error.data === "object" ? (error.data as ErrorData) : {};
  const known = ["badQuarter", "quarterNotFound", "notFound", "badRequest"];
  const message =
    data.code && known.includes(data.code)
      ? t(`error.${data.code}`, { value: data.value ?? "" })
      : status === 404
        ? t("error.notFound")
        : status === 403
          ? tc("error.forbidden.body")
          : status < 500
            ? t("error.badRequest")
            : t("error.generic");
  return (
    <section className="mx-auto max-w-xl py-16 text-center" data-testid="error-page" data-status={status}>
      <p className="text-sm font-semibold text-blue-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("error.title")}</h1>
      <p className="mt-4 text-gray-600" data-testid="error-message">
        {message}
      </p>
      <Link to="/" className="mt-8 inline-block rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
        {tc("error.home")}
      </Link>
    </section>
  );
}
