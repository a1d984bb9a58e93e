import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, useLoaderData } from "@remix-run/react";
import { qaReport } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { QaNav } from "~/components/qa/QaNav";
import { loadOr404 } from "~/models/qa.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "qa_view_reports");
  const url = new URL(request.url);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const from = monthSchema.safeParse(url.searchParams.get("from") ?? "2026-10");
  const to = monthSchema.safeParse(url.searchParams.get("to") ?? thisMonth);
  if (!from.success || !to.success || from.data > to.data) throw new Response(JSON.stringify({ code: "badRequest" }), { status: 400 });
  const report = await loadOr404(async () => qaReport(contextFor(await getDb(), user), { fromMonth: from.data, toMonth: to.data }));
  return { report };
}

export default function QaReportsRoute() {
  const { report } = useLoaderData<typeof loader>();
  const { t } = useTranslation("qa");
  const pct = (v: number | null) => (v === null ? "–" : `${v}%`);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("reports.title")}
        </h1>
        <QaNav />
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="font-medium">
          {t("reports.from")}
          <input type="month" name="from" defaultValue={report.fromMonth} className="mt-1 block rounded-md border-gray-300 text-sm" />
        </label>
        <label className="font-medium">
          {t("reports.to")}
          <input type="month" name="to" defaultValue={report.toMonth} className="mt-1 block rounded-md border-gray-300 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-blue-600 px-3 py-2 text-white">
          {t("reports.show")}
        </button>
      </Form>
      <dl className="grid gap-4 sm:grid-cols-3" data-testid="qa-kpis">
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-sm text-gray-600">{t("reports.evaluations")}</dt>
          <dd className="text-2xl font-semibold">{report.evaluations}</dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-sm text-gray-600">{t("reports.fatalRate")}</dt>
          <dd className="text-2xl font-semibold" data-testid="fatal-rate">{pct(report.fatalRatePct)}</dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-sm text-gray-600">{t("reports.passRate", { n: report.internalFinal })}</dt>
          <dd className="text-2xl font-semibold" data-testid="pass-rate">{pct(report.passRatePct)}</dd>
        </div>
      </dl>
      <ReportTable title={t("reports.byTeam")} rows={report.byTeam} testId="qa-by-team" />
      <ReportTable title={t("reports.byAgent")} rows={report.byAgent} testId="qa-by-agent" />
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("reports.pareto")}</h2>
        <table className="mt-2 w-full text-left text-sm" data-testid="qa-pareto">
          <thead>
            <tr className="text-gray-500">
              <th className="py-1">{t("table.form")}</th>
              <th className="py-1">{t("table.item")}</th>
              <th className="py-1">{t("reports.failures")}</th>
              <th className="py-1">{t("reports.cumulative")}</th>
            </tr>
          </thead>
          <tbody>
            {report.pareto.map((p) => (
              <tr key={`${p.form}-${p.itemKey}`} className="border-t border-gray-100">
                <td className="py-1">{p.form}</td>
                <td className="py-1">{p.title}</td>
                <td className="py-1">
                  <span className="inline-block h-2 bg-rose-400 align-middle" style={{ width: `${p.failures * 12}px` }} aria-hidden /> {p.failures}
                </td>
                <td className="py-1">{p.cumulativePct}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("reports.workload")}</h2>
        <table className="mt-2 w-full text-left text-sm" data-testid="qa-workload">
          <thead>
            <tr className="text-gray-500">
              <th className="py-1">{t("reports.reviewer")}</th>
              <th className="py-1">{t("reports.submitted")}</th>
              <th className="py-1">{t("reports.pending")}</th>
            </tr>
          </thead>
          <tbody>
            {report.workload.map((w) => (
              <tr key={w.reviewer} className="border-t border-gray-100">
                <td className="py-1">{w.reviewer}</td>
                <td className="py-1">{w.submitted}</td>
                <td className="py-1">{w.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function ReportTable({ title, rows, testId }: { title: string; rows: Array<{ month: string; key: string; label: string; evaluations: number; meanScorePct: number; fatalEvaluations: number }>; testId: string }) {
  const { t } = useTranslation("qa");
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      <table className="mt-2 w-full text-left text-sm" data-testid={testId}>
        <thead>
          <tr className="text-gray-500">
            <th className="py-1">{t("reports.month")}</th>
            <th className="py-1">{t("reports.who")}</th>
            <th className="py-1">{t("reports.evaluations")}</th>
            <th className="py-1">{t("reports.meanScore")}</th>
            <th className="py-1">{t("reports.fatal")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.month}-${r.key}`} className="border-t border-gray-100">
              <td className="py-1">{r.month}</td>
              <td className="py-1">{r.key === r.label ? r.label : /^\d+$/.test(r.key) ? r.label : `${r.key} · ${r.label}`}</td>
              <td className="py-1">{r.evaluations}</td>
              <td className="py-1">{r.meanScorePct}%</td>
              <td className="py-1">{r.fatalEvaluations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
