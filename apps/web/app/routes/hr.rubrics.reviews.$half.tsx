import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { RubricErrors } from "~/components/rubrics/RubricErrors";
import { button, card, field } from "~/components/rubrics/ui";
import { WhatIfReport } from "~/components/rubrics/WhatIfReport";
import { getReviewPage, handleReviewAction, parseHalfParam } from "~/models/rubricReview.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "rubrics"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  return getReviewPage(contextFor(await getDb(), user), parseHalfParam(params.half));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  const half = parseHalfParam(params.half);
  return handleReviewAction(contextFor(await getDb(), user), half, await readForm(request));
}

export default function RubricReviewRoute() {
  const { review, attached, drafts, earliestEffective } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("rubrics");
  const busy = navigation.state !== "idle";
  const open = review.status === "open";
  const failure = (intent: string) => (result && !result.ok && result.intent === intent ? <RubricErrors error={result.error} params={result.params} issues={result.issues} /> : null);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("review.title", { half: review.half })}
        </h1>
        <p className="text-sm text-gray-600" data-testid="review-status" data-status={review.status}>
          {t(`review.status.${review.status}`)} · {t("review.openedBy", { who: review.openedBy })}
          {review.decision ? ` · ${t(`review.decision.${review.decision}`)}` : ""}
          {review.effectiveFrom ? ` · ${t("review.effectiveFrom", { quarter: review.effectiveFrom })}` : ""}
        </p>
        <Link to="/hr/rubrics" className="text-sm text-blue-700 hover:underline">
          {t("index.title")}
        </Link>
      </header>

      <section className={card} aria-labelledby="step1">
        <h2 id="step1" className="text-lg font-semibold">{t("review.step1")}</h2>
        <p className="mt-1 text-sm text-gray-600">{t("review.step1Help")}</p>
        {open ? (
          drafts.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">
              {t("review.noDrafts")}{" "}
              <Link to="/hr/rubrics" className="text-blue-700 underline">{t("index.newDraft")}</Link>
            </p>
          ) : (
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
              <input type="hidden" name="intent" value="attach" />
              <label className="text-sm font-medium text-gray-700">
                {t("review.draft")}
                <select name="draftVersionId" className={field} defaultValue={String(attached?.draftVersionId ?? drafts[0]?.id ?? "")}>
                  {drafts.map((d) => (
                    <option key={d.id} value={d.id}>v{d.version} · {d.name}</option>
                  ))}
                </select>
              </label>
              <button type="submit" className={button} disabled={busy}>{t("review.attach")}</button>
            </Form>
          )
        ) : null}
        {failure("attach")}
        {attached ? (
          <div className="mt-4 space-y-2" data-testid="attached-whatif">
            <p className="text-sm text-gray-700">
              {t("review.attached", { version: attached.draftVersion, at: review.whatifAt ?? "" })}{" "}
              <Link to={`/hr/rubrics/${attached.draftVersionId}`} className="text-blue-700 underline">{t("review.viewDraft")}</Link>
            </p>
            <WhatIfReport view={attached.view} />
          </div>
        ) : null}
      </section>

      <section className={card} aria-labelledby="step2">
        <h2 id="step2" className="text-lg font-semibold">{t("review.step2")}</h2>
        {open ? (
          <Form method="post" className="mt-3 space-y-3" key={review.decision ?? "none"}>
            <input type="hidden" name="intent" value="decide" />
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">{t("review.step2")}</legend>
              {(["adopt", "keep"] as const).map((d) => (
                <label key={d} className="flex items-center gap-2">
                  <input type="radio" name="decision" value={d} defaultChecked={review.decision === d} />
                  {t(`review.decision.${d}`)}
                </label>
              ))}
            </fieldset>
            <label className="block text-sm font-medium text-gray-700">
              {t("review.rationale")}
              <textarea
                name="rationale"
                rows={4}
                maxLength={4000}
                defaultValue={result && !result.ok && result.intent === "decide" ? result.rationale : (review.rationale ?? "")}
                className={field}
              />
            </label>
            <button type="submit" className={button} disabled={busy}>{t("review.recordDecision")}</button>
          </Form>
        ) : (
          <p className="mt-2 whitespace-pre-wrap text-sm text-gray-700" data-testid="review-rationale">{review.rationale}</p>
        )}
        {failure("decide")}
        {open && review.decision ? (
          <p className="mt-2 text-sm text-gray-600" data-testid="review-decision">
            {t("review.decided", { decision: t(`review.decision.${review.decision}`), who: review.decidedBy ?? "" })}
          </p>
        ) : null}
      </section>

      <section className={card} aria-labelledby="step3">
        <h2 id="step3" className="text-lg font-semibold">{t("review.step3")}</h2>
        <p className="mt-1 text-sm text-gray-600">{t("review.step3Help", { quarter: earliestEffective })}</p>
        {open ? (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="approve" />
            <label className="text-sm font-medium text-gray-700">
              {t("review.effectiveFromLabel")}
              <input name="effectiveFrom" placeholder={earliestEffective} className={`${field} w-40`} />
            </label>
            <button type="submit" className={button} disabled={busy}>{t("review.approve")}</button>
          </Form>
        ) : (
          <p className="mt-2 text-sm text-emerald-800" data-testid="review-completed">
            {review.effectiveFrom ? t("review.completedAdopt", { quarter: review.effectiveFrom, who: review.completedBy ?? "" }) : t("review.completedKeep", { who: review.completedBy ?? "" })}
          </p>
        )}
        {failure("approve")}
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
