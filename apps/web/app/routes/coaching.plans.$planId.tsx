import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { button, card, field, MetricValue, OutcomeBadge, OverdueBadge, PlanStatusBadge, secondaryButton, TargetValue, useDate } from "~/components/coaching/CoachingBits";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getPlanPageData, requireViewablePlan } from "~/models/coaching.server";
import { handlePlanAction } from "~/models/coachingPlan.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** One plan: HR, the team's manager, or the agent it is for (anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const plan = await requireViewablePlan(db, user, params.planId);
  requirePermission(user, "view_coaching_plan", { agentId: plan.agent_id, teamId: plan.team_id });
  return getPlanPageData(contextFor(db, user), user, plan);
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const db = await getDb();
  const plan = await requireViewablePlan(db, user, params.planId);
  requirePermission(user, "view_coaching_plan", { agentId: plan.agent_id, teamId: plan.team_id });
  return handlePlanAction(contextFor(db, user), plan.id, await readForm(request));
}

export default function PlanRoute() {
  const { plan, notes, progress, actions, canNote, isOwnPlan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const date = useDate();
  const noteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok && result.intent === "note") noteForm.current?.reset();
  }, [result]);
  const busy = navigation.state === "submitting";

  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to={isOwnPlan ? "/me/coaching" : "/coaching"} className="text-blue-700 hover:underline">
            {isOwnPlan ? t("me.title") : t("overview.title")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("plan.title", { metric: td(`metric.${plan.metric}`, { defaultValue: plan.metric }), agent: `${plan.agentCode} ${plan.agentName}` })}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-600">
          <PlanStatusBadge status={plan.status} />
          {t("plan.due", { date: date(plan.dueDate) })}
          {plan.overdue ? <OverdueBadge /> : null}
        </p>
      </header>

      <section className={`${card} grid gap-4 sm:grid-cols-2`}>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="text-gray-500">{t("plan.intervention")}</dt>
            <dd className="font-medium">
              {plan.interventionName} · {t(`kind.${plan.interventionKind}`)}
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.owner")}</dt>
            <dd className="font-medium">{plan.ownerName}</dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.activities")}</dt>
            <dd className="whitespace-pre-line">{plan.activities}</dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.assigned")}</dt>
            <dd>{t("plan.assignedBy", { by: plan.assignedBy, date: date(plan.createdAt, true) })}</dd>
          </div>
        </dl>
        <dl className="space-y-2 text-sm" data-testid="plan-measure">
          <div>
            <dt className="text-gray-500">{t("plan.target", { quarter: plan.targetQuarter })}</dt>
            <dd className="text-lg font-semibold" data-testid="plan-target">
              <TargetValue target={plan.target} unit={plan.unit} direction={plan.direction} />
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.before", { quarter: plan.sourceQuarter ?? "–" })}</dt>
            <dd data-testid="plan-before">
              <MetricValue value={plan.before} unit={plan.unit} />
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.after", { quarter: plan.targetQuarter })}</dt>
            <dd data-testid="plan-after">
              <MetricValue value={plan.after} unit={plan.unit} />
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t("plan.outcome")}</dt>
            <dd>
              <OutcomeBadge outcome={plan.outcome} />
            </dd>
          </div>
        </dl>
      </section>

      {progress && plan.outcome === null ? (
        <section className={card} aria-labelledby="progress-title" data-testid="plan-progress">
          <h2 id="progress-title" className="text-lg font-semibold">
            {t("progress.title", { quarter: progress.quarter })}
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            {progress.dataThrough ? t("progress.through", { date: date(progress.dataThrough) }) : t("progress.noData")}
          </p>
          <table className="mt-3 text-sm">
            <tbody>
              {progress.checkpoints.map((c) => (
                <tr key={c.through}>
                  <th className="py-1 pr-4 text-left font-normal text-gray-500">{t("progress.upTo", { date: date(c.through) })}</th>
                  <td className="py-1 font-medium">
                    <MetricValue value={c.value} unit={plan.unit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress.onTrack !== null ? (
            <p className={`mt-2 text-sm font-medium ${progress.onTrack ? "text-emerald-700" : "text-amber-700"}`} data-testid="progress-on-track">
              {progress.onTrack ? t("progress.onTrack") : t("progress.notYet")}
            </p>
          ) : null}
        </section>
      ) : null}

      {actions.length > 0 ? (
        <section className={card} aria-label={t("plan.actions")}>
          <Form method="post" className="flex flex-wrap gap-2">
            <input type="hidden" name="intent" value="transition" />
            {actions.map((a) => (
              <button key={a} type="submit" name="action" value={a} disabled={busy} className={a === "cancel" ? secondaryButton : button}>
                {t(`action.${a}`)}
              </button>
            ))}
          </Form>
        </section>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="plan-error">
          {t(`error.${result.error}`)}
        </p>
      ) : null}

      <section className={card} aria-labelledby="notes-title">
        <h2 id="notes-title" className="text-lg font-semibold">
          {t("notes.title")}
        </h2>
        {notes.length === 0 ? <p className="mt-2 text-sm text-gray-600">{t("notes.none")}</p> : null}
        <ul className="mt-2 space-y-2" data-testid="plan-notes">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md bg-gray-50 p-2 text-sm">
              <p className="text-xs text-gray-500">
                {n.author} · {date(n.createdAt, true)}
              </p>
              <p className="whitespace-pre-line">{n.body}</p>
            </li>
          ))}
        </ul>
        {canNote ? (
          <Form method="post" ref={noteForm} className="mt-3 space-y-2">
            <input type="hidden" name="intent" value="note" />
            <label className="block text-sm font-medium text-gray-700">
              {t("notes.add")}
              <textarea name="body" required maxLength={2000} rows={2} className={field} />
            </label>
            <button type="submit" className={button} disabled={busy}>
              {t("notes.submit")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
