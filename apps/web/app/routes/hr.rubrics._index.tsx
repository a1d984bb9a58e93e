import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ReviewReminderBanner } from "~/components/rubrics/ReviewReminderBanner";
import { RubricErrors } from "~/components/rubrics/RubricErrors";
import { button, card, field, td, th } from "~/components/rubrics/ui";
import { getRubricIndex, handleRubricIndexAction } from "~/models/rubrics.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "rubrics"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  return getRubricIndex(contextFor(await getDb(), user));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  return handleRubricIndexAction(contextFor(await getDb(), user), await readForm(request));
}

export default function RubricsIndexRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("rubrics");
  const busy = navigation.state !== "idle";
  const approved = data.versions.filter((v) => v.status === "approved");
  const currentReview = data.reviews.find((r) => r.half === data.currentHalf);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("index.title")}
        </h1>
        <p className="text-sm text-gray-600">{t("index.subtitle", { quarter: data.quarter })}</p>
      </header>
      <ReviewReminderBanner reminder={data.reminder} />
      {result && !result.ok ? <RubricErrors error={result.error} params={result.params} issues={result.issues} /> : null}

      <section className={card} aria-labelledby="versions-title">
        <h2 id="versions-title" className="text-lg font-semibold">
          {t("index.versions")}
        </h2>
        <table className="mt-2 min-w-full text-sm" data-testid="rubric-versions">
          <thead>
            <tr>
              <th className={th}>{t("version.number")}</th>
              <th className={th}>{t("version.name")}</th>
              <th className={th}>{t("version.status")}</th>
              <th className={th}>{t("version.effectiveFrom")}</th>
              <th className={th}>{t("version.createdBy")}</th>
              <th className={th} />
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {data.versions.map((v) => (
              <tr key={v.id} data-version={v.version} data-status={v.status}>
                <td className={`${td} tabular-nums`}>v{v.version}</td>
                <td className={td}>
                  <Link to={`/hr/rubrics/${v.id}`} className="text-blue-700 hover:underline">
                    {v.name}
                  </Link>
                  {v.active ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">{t("version.active")}</span> : null}
                </td>
                <td className={td}>{t(`version.state.${v.status}`)}</td>
                <td className={td}>{v.effectiveFrom ?? "—"}</td>
                <td className={td}>{v.createdBy}</td>
                <td className={td}>
                  {v.status === "draft" ? (
                    <Link to={`/hr/rubrics/${v.id}/whatif`} className="text-blue-700 hover:underline">
                      {t("index.whatif")}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className={card} aria-labelledby="draft-title">
          <h2 id="draft-title" className="text-lg font-semibold">
            {t("index.newDraft")}
          </h2>
          <p className="mt-1 text-sm text-gray-600">{t("index.newDraftHelp")}</p>
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="createDraft" />
            <label className="text-sm font-medium text-gray-700">
              {t("index.startFrom")}
              <select name="source" className={field} defaultValue="active">
                <option value="active">{t("index.fromActive")}</option>
                {data.presets.map((p) => (
                  <option key={p} value={p}>
                    {t(`preset.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={button} disabled={busy}>
              {t("index.createDraft")}
            </button>
          </Form>
        </section>

        <section className={card} aria-labelledby="diff-title">
          <h2 id="diff-title" className="text-lg font-semibold">
            {t("index.compare")}
          </h2>
          <Form method="get" action="/hr/rubrics/diff" className="mt-3 flex flex-wrap items-end gap-3">
            {(["a", "b"] as const).map((side, i) => (
              <label key={side} className="text-sm font-medium text-gray-700">
                {t(side === "a" ? "diff.left" : "diff.right")}
                <select name={side} className={field} defaultValue={String(data.versions[Math.min(i === 0 ? 1 : 0, data.versions.length - 1)]?.id ?? "")}>
                  {data.versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      v{v.version} · {v.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit" className={button}>
              {t("index.compareSubmit")}
            </button>
          </Form>
        </section>
      </div>

      <section className={card} aria-labelledby="reviews-title">
        <h2 id="reviews-title" className="text-lg font-semibold">
          {t("index.reviews")}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t("index.reviewsHelp", { count: approved.length })}</p>
        {currentReview ? null : (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="openReview" />
            <input type="hidden" name="half" value={data.currentHalf} />
            <button type="submit" className={button} disabled={busy}>
              {t("index.openReview", { half: data.currentHalf })}
            </button>
          </Form>
        )}
        <ul className="mt-3 divide-y divide-gray-100 text-sm" data-testid="rubric-reviews">
          {data.reviews.map((r) => (
            <li key={r.half} className="py-2">
              <Link to={`/hr/rubrics/reviews/${r.half}`} className="font-medium text-blue-700 hover:underline">
                {r.half}
              </Link>{" "}
              · {t(`review.status.${r.status}`)}
              {r.decision ? ` · ${t(`review.decision.${r.decision}`)}` : ""}
              {r.effectiveFrom ? ` · ${t("review.effectiveFrom", { quarter: r.effectiveFrom })}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
