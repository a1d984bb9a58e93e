import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionMessage } from "~/components/cycle/ActionMessage";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getCyclePageData, handleCycleAction } from "~/models/cycle.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "cycle"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_cycle");
  return getCyclePageData(await getDb(), new URL(request.url));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_cycle");
  requirePermission(user, "decide_awards");
  return handleCycleAction(contextFor(await getDb(), user), await readForm(request));
}

const button = "rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:opacity-60";
const secondary = "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-700 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50";
const field = "rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";

export default function CycleRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { t } = useTranslation("cycle");
  const q = data.quarter;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
            {t("title", { quarter: q.id })}
          </h1>
          <p className="text-sm text-gray-600">
            {t("stateLine")} <strong data-testid="cycle-state" data-state={q.state}>{t(`state.${q.state}`)}</strong>
          </p>
        </div>
        <Form method="get" className="flex items-end gap-2" data-testid="cycle-quarter-picker">
          <label className="text-sm font-medium text-gray-700">
            {t("quarter")}
            <select name="quarter" defaultValue={q.id} key={q.id} className={`mt-1 block ${field}`}>
              {data.quarters.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id} · {t(`state.${o.state}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={secondary}>
            {t("show")}
          </button>
        </Form>
      </header>

      <ActionMessage result={result} />

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="steps-title">
        <h2 id="steps-title" className="text-lg font-semibold">
          {t("steps.title")}
        </h2>
        <ol className="mt-2 flex flex-wrap gap-2 text-xs" aria-label={t("steps.path")}>
          {(["draft", "collecting", "calculated", "in_review", "locked", "published"] as const).map((s) => (
            <li key={s} className={s === q.state ? "rounded-full bg-blue-600 px-2 py-0.5 font-semibold text-white" : "rounded-full bg-gray-100 px-2 py-0.5 text-gray-600"}>
              {t(`state.${s}`)}
            </li>
          ))}
        </ol>
        {data.blockers.length > 0 ? (
          <div className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="pending-blockers">
            <p className="font-medium">{t("steps.blockersTitle")}</p>
            <ul className="list-disc pl-5">
              {data.blockers.map((b, i) => (
                <li key={i}>{t(`blocker.${b.code}`, { defaultValue: b.message, ...b.params })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="mt-4 flex flex-wrap items-end gap-3">
          {data.steps
            .filter((s) => s !== "reopen")
            .map((step) => (
              <Form method="post" key={step}>
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="quarter" value={q.id} />
                <input type="hidden" name="step" value={step} />
                <button type="submit" className={button} disabled={busy} data-testid={`step-${step}`}>
                  {t(`steps.${step}`)}
                </button>
              </Form>
            ))}
          {data.steps.includes("reopen") ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="step" />
              <input type="hidden" name="quarter" value={q.id} />
              <input type="hidden" name="step" value="reopen" />
              <label className="text-sm font-medium text-gray-700">
                {t("steps.reopenReason")}
                <input name="reason" required maxLength={1000} className={`mt-1 block w-72 ${field}`} />
              </label>
              <button type="submit" className={secondary} disabled={busy} data-testid="step-reopen">
                {t("steps.reopen")}
              </button>
            </Form>
          ) : null}
        </div>
        <p className="mt-2 text-xs text-gray-500">{t("steps.help")}</p>
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="awards-title">
        <h2 id="awards-title" className="text-lg font-semibold">
          {t("awards.title")}
        </h2>
        {data.nominations.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">{t("awards.none")}</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm" data-testid="nominations">
            <thead className="text-gray-500">
              <tr>
                <th className="py-1">{t("awards.agent")}</th>
                <th>{t("awards.team")}</th>
                <th>{t("awards.award")}</th>
                <th>{t("awards.status")}</th>
                <th>{t("awards.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {data.nominations.map((n) => (
                <tr key={n.id} className="border-t border-gray-100 align-top" data-testid={`nomination-${n.agentCode}`}>
                  <td className="py-2">
                    <Link to={`/agents/${n.agentCode}?quarter=${q.id}`} className="text-blue-700 hover:underline">
                      {n.agentCode}
                    </Link>{" "}
                    {n.agentName}
                  </td>
                  <td>{n.team}</td>
                  <td>{n.award}</td>
                  <td data-testid="nomination-status">
                    {t(`awards.statuses.${n.status}`)}
                    {n.reason ? <span className="block text-xs text-gray-500">{n.reason}</span> : null}
                  </td>
                  <td>
                    {q.state === "locked" || (q.state === "published" && n.status === "nominated") ? (
                      <Form method="post" className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="quarter" value={q.id} />
                        <input type="hidden" name="agentCode" value={n.agentCode} />
                        <input type="hidden" name="awardKey" value={n.awardKey} />
                        <input name="reason" placeholder={t("awards.reason")} aria-label={t("awards.reason")} maxLength={1000} className={`w-48 ${field}`} />
                        <button type="submit" name="decision" value="approve" className={button} disabled={busy}>
                          {t("awards.approve")}
                        </button>
                        <button type="submit" name="decision" value="reject" className={secondary} disabled={busy}>
                          {t("awards.reject")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="export-title">
        <h2 id="export-title" className="text-lg font-semibold">
          {t("export.title")}
        </h2>
        {data.payable ? (
          <div className="mt-3 flex flex-wrap gap-3 text-sm">
            <a href={`/hr/cycle/export?quarter=${q.id}&kind=incentives&format=csv`} className={secondary} data-testid="export-csv" download>
              {t("export.incentivesCsv")}
            </a>
            <a href={`/hr/cycle/export?quarter=${q.id}&kind=incentives&format=xlsx`} className={secondary} data-testid="export-xlsx" download>
              {t("export.incentivesXlsx")}
            </a>
            <a href={`/hr/cycle/export?quarter=${q.id}&kind=results&format=csv`} className={secondary} data-testid="export-results" download>
              {t("export.results")}
            </a>
          </div>
        ) : (
          <p className="mt-2 text-sm text-gray-600">{t("export.notYet")}</p>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="imports-title">
        <h2 id="imports-title" className="text-lg font-semibold">
          {t("imports.title")}
        </h2>
        {data.imports.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">{t("imports.none")}</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm" data-testid="import-history">
            <thead className="text-gray-500">
              <tr>
                <th className="py-1">#</th>
                <th>{t("imports.file")}</th>
                <th>{t("imports.by")}</th>
                <th className="text-right">{t("imports.added")}</th>
                <th className="text-right">{t("imports.replaced")}</th>
                <th className="text-right">{t("imports.unchanged")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.imports.map((i) => (
                <tr key={i.importId} className="border-t border-gray-100" data-testid={`import-${i.importId}`}>
                  <td className="py-2">{i.importId}</td>
                  <td>
                    {i.fileName} <span className="text-xs text-gray-500">({t(`imports.kind.${i.kind}`)})</span>
                  </td>
                  <td>
                    {i.by}
                    <span className="block text-xs text-gray-500">{i.at.slice(0, 16).replace("T", " ")}</span>
                  </td>
                  <td className="text-right tabular-nums">{i.added}</td>
                  <td className="text-right tabular-nums">{i.replaced}</td>
                  <td className="text-right tabular-nums">{i.unchanged}</td>
                  <td className="text-right">
                    {i.rolledBack ? (
                      <span className="text-xs text-gray-500">{t("imports.rolledBack", { by: i.rolledBack.by })}</span>
                    ) : q.state !== "locked" && q.state !== "published" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="rollback" />
                        <input type="hidden" name="quarter" value={q.id} />
                        <input type="hidden" name="importId" value={i.importId} />
                        <button type="submit" className={secondary} disabled={busy}>
                          {t("imports.rollback")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="appeals-title">
        <h2 id="appeals-title" className="text-lg font-semibold">
          {t("appeals.title")}
        </h2>
        {data.appeals.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">{t("appeals.none")}</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm" data-testid="appeals">
            {data.appeals.map((a) => (
              <li key={a.id}>
                <span className="font-medium">{t(`appeals.kind.${a.kind}`)}</span> ·{" "}
                <Link to={`/agents/${a.agentCode}?quarter=${q.id}`} className="text-blue-700 hover:underline">
                  {a.agentCode} {a.agentName}
                </Link>
                : {a.body}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm text-sm" aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          {t("history.title")}
        </h2>
        <ul className="mt-2 space-y-1" data-testid="transition-history">
          {data.transitions.map((tr) => (
            <li key={tr.id}>
              {tr.from ? t(`state.${tr.from}`) : "—"} → {t(`state.${tr.to}`)} · {tr.by} · {tr.at.slice(0, 16).replace("T", " ")}
              {tr.reason ? <span className="text-gray-500"> · {tr.reason}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
