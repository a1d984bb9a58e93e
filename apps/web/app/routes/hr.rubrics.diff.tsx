import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Link, useLoaderData } from "@remix-run/react";
import { getRubricVersion } from "@starboard/core";
import { diffRubrics, type Rubric, type RubricMetric } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { card, td, th } from "~/components/rubrics/ui";
import { dashboardError } from "~/models/quarters.server";
import { attempt, parseVersionId } from "~/models/rubrics.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "rubrics"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  const ctx = contextFor(await getDb(), user);
  const url = new URL(request.url);
  const ids = [parseVersionId(url.searchParams.get("a") ?? undefined), parseVersionId(url.searchParams.get("b") ?? undefined)];
  if (ids.some((id) => id === null)) throw dashboardError(400, { code: "badRequest" });
  const [a, b] = await Promise.all(ids.map((id) => attempt(() => getRubricVersion(ctx, id!))));
  if (!a!.ok || !b!.ok) throw dashboardError(404, { code: "notFound" });
  const side = (v: typeof a) => (v!.ok ? { id: Number(v!.value.version.id), version: Number(v!.value.version.version), name: v!.value.version.name, status: v!.value.version.status, effectiveFrom: v!.value.version.effective_from, rubric: v!.value.rubric } : null);
  const left = side(a)!;
  const right = side(b)!;
  return { left, right, changes: diffRubrics(left.rubric, right.rubric) };
}

function metricsOf(rubric: Rubric): Map<string, RubricMetric & { dimension: string }> {
  return new Map(rubric.dimensions.flatMap((d) => d.metrics.map((m) => [m.key, { ...m, dimension: d.name }] as const)));
}

function ruleText(rule: RubricMetric["rule"]): string {
  switch (rule.type) {
    case "bands":
      return rule.bands.map((b) => `${b.lower ?? "−∞"}…${b.upper ?? "+∞"} → ${b.points}`).join("; ");
    case "step":
      return `step: over ${rule.threshold}, −${rule.pointsPerStep} per ${rule.step}, ${rule.top}…${rule.floor}`;
    case "linear":
      return `linear × ${rule.factor}`;
    case "per_channel":
      return Object.entries(rule.channels).map(([c, r]) => (r ? `${c}: ${ruleText(r)}` : "")).filter(Boolean).join(" | ");
  }
}

export default function RubricDiffRoute() {
  const { left, right, changes } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rubrics");
  const { t: td2 } = useTranslation("dashboard");
  const a = metricsOf(left.rubric as Rubric);
  const b = metricsOf(right.rubric as Rubric);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const changedKeys = new Set<string>(changes.flatMap((c) => ("metric" in c ? [c.metric] : [])));
  const cell = (m: (RubricMetric & { dimension: string }) | undefined) =>
    m ? (
      <>
        <span className="font-semibold tabular-nums">{m.weightBp / 100}%</span> · {t("diff.minSample", { n: m.minSample })}
        <br />
        <span className="text-xs text-gray-600">{ruleText(m.rule)}</span>
      </>
    ) : (
      <span className="text-gray-400">{t("diff.absent")}</span>
    );
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("diff.title", { a: left.version, b: right.version })}
        </h1>
        <Link to="/hr/rubrics" className="text-sm text-blue-700 hover:underline">
          {t("index.title")}
        </Link>
      </header>
      <section className={card}>
        <p className="text-sm text-gray-600" data-testid="diff-count">
          {t("diff.changes", { count: changes.length })}
        </p>
        <table className="mt-2 min-w-full text-sm" data-testid="rubric-diff">
          <thead>
            <tr>
              <th className={th}>{t("diff.metric")}</th>
              <th className={th}>v{left.version} · {left.name} ({left.effectiveFrom ?? t(`version.state.${left.status}`)})</th>
              <th className={th}>v{right.version} · {right.name} ({right.effectiveFrom ?? t(`version.state.${right.status}`)})</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            <tr>
              <td className={td}>{t("editor.scale")}</td>
              <td className={td}>{left.rubric.scale}</td>
              <td className={`${td} ${left.rubric.scale !== right.rubric.scale ? "bg-amber-50" : ""}`}>{right.rubric.scale}</td>
            </tr>
            {keys.map((key) => (
              <tr key={key} data-metric={key} data-changed={changedKeys.has(key) ? "true" : "false"} className={changedKeys.has(key) ? "bg-amber-50" : ""}>
                <td className={td}>{td2(`metric.${key}`, { defaultValue: key })}</td>
                <td className={td}>{cell(a.get(key))}</td>
                <td className={td}>{cell(b.get(key))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
