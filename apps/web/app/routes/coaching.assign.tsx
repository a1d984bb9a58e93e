import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { button, card, field, MetricValue } from "~/components/coaching/CoachingBits";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getAssignPageData, handleAssign } from "~/models/coachingAssign.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** A manager assigns a plan for one weak item (prefilled from the suggestion's link). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager");
  requirePermission(user, "view_coaching_overview");
  // assign_coaching_plan for the agent's team is checked in getAssignPageData (404 if not yours).
  return getAssignPageData(await getDb(), user, new URL(request.url));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireRole(request, "manager");
  requirePermission(user, "view_coaching_overview");
  // assignCoachingPlan checks assign_coaching_plan for the agent's team and validates every field (zod).
  const result = await handleAssign(contextFor(await getDb(), user), await readForm(request));
  if ("planId" in result) return redirect(`/coaching/plans/${result.planId}`);
  return result;
}

export default function AssignRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const errorFor = (name: string) =>
    result && !("planId" in result) && result.field === name ? (
      <span className="mt-1 block text-xs text-rose-700" role="alert" data-testid={`error-${name}`}>
        {t(`error.${result.error}`)}
      </span>
    ) : (
      <span className="mt-1 block h-4" aria-hidden />
    );
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("assign.title", { agent: `${data.agent.code} ${data.agent.name}` })}
        </h1>
        <p className="text-sm text-gray-600">
          {t("assign.weakItem", {
            metric: td(`metric.${data.metric.key}`),
            dimension: data.metric.dimension ? td(`dimension.${data.metric.dimension}`, { defaultValue: data.metric.dimension }) : "–",
            quarter: data.sourceQuarter,
          })}{" "}
          <strong>
            <MetricValue value={data.metric.before} unit={data.metric.unit} />
          </strong>
        </p>
      </header>
      <section className={card}>
        <Form method="post" className="grid gap-4 sm:grid-cols-2" data-testid="assign-form">
          <input type="hidden" name="agentCode" value={data.agent.code} />
          <input type="hidden" name="metric" value={data.metric.key} />
          <input type="hidden" name="sourceQuarter" value={data.sourceQuarter} />
          <label className="text-sm font-medium text-gray-700 sm:col-span-2">
            {t("assign.intervention")}
            <select name="interventionId" required className={field} defaultValue={data.defaults.interventionId ?? undefined}>
              {data.interventions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.suggested ? `★ ${i.name}` : i.name} · {t(`kind.${i.kind}`)}
                </option>
              ))}
            </select>
            {errorFor("interventionId")}
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t(data.metric.direction === "lower_is_better" ? "assign.targetAtMost" : "assign.targetAtLeast", { unit: t(`unitName.${data.metric.unit}`) })}
            <input type="number" name="target" required step="any" min={0} className={field} />
            {errorFor("target")}
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("assign.targetQuarter")}
            <select name="targetQuarter" className={field} defaultValue={data.defaults.targetQuarter}>
              {data.quarterOptions.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
            {errorFor("targetQuarter")}
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("assign.owner")}
            <select name="ownerUserId" required className={field}>
              {data.mentors.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} · {t(`role.${m.role}`)}
                </option>
              ))}
            </select>
            {errorFor("ownerUserId")}
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("assign.dueDate")}
            <input type="date" name="dueDate" required defaultValue={data.defaults.dueDate} className={field} />
            {errorFor("dueDate")}
          </label>
          <label className="text-sm font-medium text-gray-700 sm:col-span-2">
            {t("assign.activities")}
            <textarea name="activities" required rows={3} maxLength={2000} className={field} placeholder={t("assign.activitiesHelp")} />
            {errorFor("activities")}
          </label>
          {result && !("planId" in result) && result.field === null ? (
            <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800 sm:col-span-2" data-testid="assign-error">
              {t(`error.${result.error}`)}
            </p>
          ) : null}
          {result && !("planId" in result) && result.field !== null && !["interventionId", "target", "targetQuarter", "ownerUserId", "dueDate", "activities"].includes(result.field) ? (
            <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800 sm:col-span-2" data-testid="assign-error">
              {t(`error.${result.error}`)}
            </p>
          ) : null}
          <div className="sm:col-span-2">
            <button type="submit" className={button} disabled={navigation.state === "submitting"}>
              {t("assign.submit")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
