import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { findAgentIdentityByCode } from "@starboard/db";
import { getQaWorkspace, listQaFormVersions, startQaEvaluation } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ActionMessage } from "~/components/qa/ActionMessage";
import { StatusBadge } from "~/components/qa/EvaluationParts";
import { QaNav } from "~/components/qa/QaNav";
import { agentCodeSchema } from "~/models/agentPage.server";
import { loadOr404, runQaAction } from "~/models/qa.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

/** The QA lead's workspace: my review queue, start an evaluation, calibrations, disputes, recent evaluations. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr", "manager");
  const ctx = contextFor(await getDb(), user);
  const [workspace, forms] = await loadOr404(() => Promise.all([getQaWorkspace(ctx), listQaFormVersions(ctx, { currentOnly: true })]));
  return { workspace, forms: forms.map((f) => ({ id: f.id, name: f.name, version: f.version })) };
}

const startSchema = z.object({
  agentCode: z.string().trim().min(1).max(40),
  formId: z.coerce.number().int().positive().max(2_147_483_647),
  contactId: z.string().trim().max(100).transform((v) => (v === "" ? null : v)),
  blind: z.literal("on").optional(),
  dual: z.enum(["auto", "yes", "no"]),
  secondReviewerUserId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive().max(2_147_483_647)]),
});

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireRole(request, "hr", "manager");
  const db = await getDb();
  const ctx = contextFor(db, user);
  const data = await readForm(request);
  // Permission before validation: another team's agent (or an unknown code) is a 404 whatever the rest of the form says.
  const code = agentCodeSchema.safeParse(data.get("agentCode"));
  if (code.success) {
    const agent = await findAgentIdentityByCode(db, code.data);
    if (!agent) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    requirePermission(user, "qa_evaluate_agent", { teamId: agent.teamId });
  }
  const parsed = startSchema.safeParse({
    agentCode: data.get("agentCode") ?? "",
    formId: data.get("formId") ?? "",
    contactId: data.get("contactId") ?? "",
    blind: data.get("blind") ?? undefined,
    dual: data.get("dual") ?? "auto",
    secondReviewerUserId: data.get("secondReviewerUserId") ?? "",
  });
  if (!parsed.success) return { ok: false as const, intent: "start", error: "invalid_start", params: { field: String(parsed.error.issues[0]?.path[0] ?? "") } };
  const input = parsed.data;
  // Policy (qa_evaluate_agent for the agent's team) is checked inside startQaEvaluation.
  const result = await runQaAction("start", async () => {
    const started = await startQaEvaluation(ctx, { ...input, blind: input.blind === "on" });
    return { message: "started", params: { id: started.scoringId } };
  });
  if (result.ok) throw redirect(`/qa/evaluations/${result.params?.id}`);
  return result;
}

const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm";

export default function QaWorkspaceRoute() {
  const { workspace, forms } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("qa");

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("workspace.title")}
        </h1>
        <QaNav />
      </header>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-lg font-semibold">
          {t("workspace.queue")}
        </h2>
        {workspace.pendingReviews.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">{t("workspace.queueEmpty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100 text-sm" data-testid="review-queue">
            {workspace.pendingReviews.map((r) => (
              <li key={r.scoringId} className="flex flex-wrap items-center gap-3 py-2">
                <Link to={`/qa/evaluations/${r.scoringId}`} className="font-medium text-blue-700 hover:underline">
                  SB-{r.scoringId}
                </Link>
                <span>{r.agentName === null ? t("evaluation.blindSubject", { code: r.agentCode }) : `${r.agentCode} · ${r.agentName}`}</span>
                <span className="text-gray-600">{r.formName}</span>
                {r.contactId ? <span className="text-gray-600">{t("evaluation.contact", { id: r.contactId })}</span> : null}
                {r.dual ? <span className="rounded bg-blue-50 px-1.5 text-xs text-blue-800">{t("evaluation.dual")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="start-title">
        <h2 id="start-title" className="text-lg font-semibold">
          {t("start.title")}
        </h2>
        <Form method="post" className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="start-form">
          <label className="text-sm font-medium">
            {t("start.agent")}
            <select name="agentCode" required className={field} defaultValue="">
              <option value="" disabled>
                {t("start.chooseAgent")}
              </option>
              {workspace.agents.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} · {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            {t("start.form")}
            <select name="formId" required className={field}>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {t("evaluation.form", { name: f.name, version: f.version })}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            {t("start.contact")}
            <input type="text" name="contactId" maxLength={100} className={field} />
          </label>
          <label className="text-sm font-medium">
            {t("start.dual")}
            <select name="dual" className={field} defaultValue="auto">
              <option value="auto">{t("start.dualAuto")}</option>
              <option value="yes">{t("start.dualYes")}</option>
              <option value="no">{t("start.dualNo")}</option>
            </select>
          </label>
          <label className="text-sm font-medium">
            {t("start.secondReviewer")}
            <select name="secondReviewerUserId" className={field} defaultValue="">
              <option value="">{t("start.secondReviewerAuto")}</option>
              {workspace.reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.email}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 self-end text-sm font-medium">
            <input type="checkbox" name="blind" />
            {t("start.blind")}
          </label>
          <div className="sm:col-span-3">
            <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-500 disabled:opacity-60">
              {t("start.submit")}
            </button>
          </div>
        </Form>
        <div className="mt-3">
          <ActionMessage result={result} />
        </div>
      </section>

      <EvaluationTable title={t("workspace.calibrations")} rows={workspace.calibrations} testId="calibration-list" empty={t("workspace.calibrationsEmpty")} />

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="disputes-open-title">
        <h2 id="disputes-open-title" className="text-lg font-semibold">
          {t("workspace.disputes")}
        </h2>
        {workspace.openDisputes.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">{t("workspace.disputesEmpty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100 text-sm" data-testid="open-disputes">
            {workspace.openDisputes.map((d) => (
              <li key={d.id} className="py-2">
                <Link to={`/qa/evaluations/${d.scoringId}`} className="font-medium text-blue-700 hover:underline">
                  SB-{d.scoringId}
                </Link>{" "}
                · {d.agentCode} · “{d.reason}”
              </li>
            ))}
          </ul>
        )}
      </section>

      <EvaluationTable title={t("workspace.recent")} rows={workspace.evaluations} testId="recent-evaluations" empty={t("workspace.recentEmpty")} />
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["workspace"]["evaluations"][number];

function EvaluationTable({ title, rows, testId, empty }: { title: string; rows: Row[]; testId: string; empty: string }) {
  const { t } = useTranslation("qa");
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm" data-testid={testId}>
          <thead>
            <tr className="text-gray-500">
              <th className="py-1">{t("table.evaluation")}</th>
              <th className="py-1">{t("table.date")}</th>
              <th className="py-1">{t("table.agent")}</th>
              <th className="py-1">{t("table.form")}</th>
              <th className="py-1">{t("table.status")}</th>
              <th className="py-1">{t("table.score")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-gray-100">
                <td className="py-1">
                  <Link to={`/qa/evaluations/${r.id}`} className="text-blue-700 hover:underline">
                    {r.evaluationId}
                  </Link>
                </td>
                <td className="py-1">{r.date}</td>
                <td className="py-1">{r.agentName === null ? r.agentCode : `${r.agentCode} · ${r.agentName}`}</td>
                <td className="py-1">{t("evaluation.form", { name: r.formName, version: r.formVersion })}</td>
                <td className="py-1">
                  <StatusBadge status={r.status} />
                </td>
                <td className="py-1">{r.scorePct === null ? "–" : `${r.scorePct}%${r.fatal ? ` · ${t("evaluation.fatal")}` : ""}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
