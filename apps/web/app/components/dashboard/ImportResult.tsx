import { useTranslation } from "react-i18next";
import type { ImportActionResult } from "~/models/imports.server";
import { useDashboardFormat } from "./useDashboardFormat";

type ImportOutcome = Extract<ImportActionResult, { intent: "import" }>;

/** Import summary (added / replaced / unchanged), or every problem of a rejected file by line and column. */
export function ImportResult({ result, maxMb }: { result: ImportOutcome; maxMb: number }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  if (result.ok) {
    return (
      <div role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="import-success">
        <p className="font-medium">{t("imports.success", { fileName: result.fileName, total: f.int(result.total) })}</p>
        <dl className="mt-2 flex gap-6" data-testid="import-summary">
          {(["added", "replaced", "unchanged"] as const).map((k) => (
            <div key={k}>
              <dt className="text-emerald-700">{t(`imports.summary.${k}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`summary-${k}`}>
                {f.int(result[k])}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    );
  }
  const message =
    result.error === "rejected" || result.error === "rejectedLocked"
      ? t(`imports.${result.error}`, { fileName: result.fileName ?? "", count: Number(result.params.count ?? 0), quarters: String(result.params.quarters ?? "") })
      : t(`imports.error.${result.error}`, { maxMb, ...result.params });
  return (
    <div role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-900" data-testid="import-error">
      <p className="font-medium">{message}</p>
      {result.problems.length > 0 ? (
        <div className="mt-3 max-h-[32rem] overflow-auto rounded border border-rose-200 bg-white">
          <table className="min-w-full text-left text-sm text-gray-900" data-testid="import-problems">
            <thead className="sticky top-0 bg-gray-50">
              <tr>
                <th className="px-3 py-1.5 font-medium">{t("imports.problem.line")}</th>
                <th className="px-3 py-1.5 font-medium">{t("imports.problem.column")}</th>
                <th className="px-3 py-1.5 font-medium">{t("imports.problem.reason")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {result.problems.map((p, i) => (
                <tr key={`${p.line}-${p.column}-${i}`}>
                  <td className="px-3 py-1.5 tabular-nums">{p.line}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{p.column || "—"}</td>
                  <td className="px-3 py-1.5">{t(`problems.${p.code}`, { ...p.params, defaultValue: p.message })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
