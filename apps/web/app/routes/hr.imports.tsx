import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ImportResult } from "~/components/dashboard/ImportResult";
import { ImportProgressNote, useCsvRowCount } from "~/components/perf/ImportRowCount";
import { calculableQuarters, handleCalculate, handleImport, MAX_UPLOAD_MB } from "~/models/imports.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "perf"] };

const KINDS = ["agents", "interactions", "qa", "csat", "contacts"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "import_data");
  return { quarters: await calculableQuarters(await getDb()), maxMb: MAX_UPLOAD_MB };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const ctx = contextFor(await getDb(), user);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    requirePermission(user, "import_data");
    return handleImport(ctx, request);
  }
  requirePermission(user, "calculate_quarter");
  return handleCalculate(ctx, await readForm(request));
}

const button =
  "rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:cursor-wait disabled:opacity-60";
const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";

export default function ImportsRoute() {
  const { quarters, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("dashboard");
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const fileRows = useCsvRowCount();

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("imports.title")}
        </h1>
        <Link to="/hr" className="text-sm text-blue-700 hover:underline">
          {t("hr.title")}
        </Link>
      </header>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="upload-title">
        <h2 id="upload-title" className="text-lg font-semibold">
          {t("imports.uploadTitle")}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t("imports.uploadHelp")}</p>
        <Form method="post" encType="multipart/form-data" className="mt-4 grid gap-4 sm:grid-cols-[16rem_1fr_auto] sm:items-end">
          <input type="hidden" name="intent" value="import" />
          <label className="text-sm font-medium text-gray-700">
            {t("imports.kind.label")}
            <select name="kind" required className={field} defaultValue="interactions">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("imports.file")}
            <input type="file" name="file" required accept=".csv,text/csv" className="mt-1 block w-full text-sm" onChange={fileRows.onFileChange} />
            <span className="mt-1 block text-xs font-normal text-gray-500">{t("imports.fileHelp", { maxMb })}</span>
          </label>
          <button type="submit" className={button} disabled={busyIntent === "import"}>
            {busyIntent === "import" ? t("imports.uploading") : t("imports.upload")}
          </button>
        </Form>
        <ImportProgressNote busy={busyIntent === "import"} rows={fileRows.rows} />
        {result?.intent === "import" ? <ImportResult result={result} maxMb={maxMb} /> : null}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="calculate-title">
        <h2 id="calculate-title" className="text-lg font-semibold">
          {t("imports.calculate.title")}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t("imports.calculate.help")}</p>
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-4">
          <input type="hidden" name="intent" value="calculate" />
          <label className="text-sm font-medium text-gray-700">
            {t("quarter.label")}
            <select name="quarter" required className={field}>
              {quarters.map((q) => (
                <option key={q.id} value={q.id} disabled={!q.scorable}>
                  {q.state
                    ? t("imports.calculate.quarterState", { quarter: q.id, state: t(`quarter.state.${q.state}`) })
                    : t("imports.calculate.newQuarter", { quarter: q.id })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={button} disabled={busyIntent === "calculate"}>
            {busyIntent === "calculate" ? t("imports.calculate.submitting") : t("imports.calculate.submit")}
          </button>
        </Form>
        {result?.intent === "calculate" ? (
          result.ok ? (
            <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="calculate-success">
              {t("imports.calculate.success", { quarter: result.quarter, agents: result.agents })}{" "}
              <Link to={`/hr?quarter=${result.quarter}`} className="font-medium underline">
                {t("imports.calculate.open", { quarter: result.quarter })}
              </Link>
            </p>
          ) : (
            <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="calculate-error">
              {t(`imports.error.${result.error}`, result.params)}
            </p>
          )
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
