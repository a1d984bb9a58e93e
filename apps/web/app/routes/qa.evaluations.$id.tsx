import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fileQaDispute, getQaEvaluationView, resolveQaCalibration, resolveQaDispute, submitQaReview } from "@starboard/core";
import type { QaAnswers } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ActionMessage } from "~/components/qa/ActionMessage";
import { DeviationTable, DisputeList, FinalScoreCard, StatusBadge } from "~/components/qa/EvaluationParts";
import { ScoringForm } from "~/components/qa/ScoringForm";
import { answersFromForm, idParam, loadOr404, runQaAction } from "~/models/qa.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

function parseId(raw: string | undefined): number {
  const id = idParam.safeParse(raw);
  if (!id.success) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  return id.data;
}

/** One evaluation: scoring screen, calibration view, disputes — whatever the viewer may do (policy in core). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const ctx = contextFor(await getDb(), user);
  const view = await loadOr404(() => getQaEvaluationView(ctx, id));
  return { view, role: user.role };
}

const reasonSchema = z.string().trim().min(1).max(2000);
const intentSchema = z.enum(["review", "calibrate", "accept_dispute", "reject_dispute", "dispute"]);

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const id = parseId(params.id);
  const ctx = contextFor(await getDb(), user);
  // The policy check: the viewer must be allowed to see this evaluation at all (404 otherwise);
  // each operation below checks its own permission again in core.
  const view = await loadOr404(() => getQaEvaluationView(ctx, id));
  const data = await readForm(request);
  const intent = intentSchema.safeParse(data.get("intent"));
  if (!intent.success) return { ok: false as const, intent: "unknown", error: "invalid_input", params: {} };

  type Answers = { ok: true; answers: QaAnswers } | { ok: false; error: string; items: string };
  const answers = (): Answers => {
    const formId = idParam.safeParse(data.get("formId"));
    if (!formId.success || formId.data !== view.evaluation.formId) return { ok: false, error: "form_version_changed", items: "" };
    const parsed = answersFromForm(view.form, data);
    if ("invalid" in parsed) return { ok: false, error: "qa_answer_mismatch", items: parsed.invalid.join(", ") };
    return { ok: true, answers: parsed };
  };

  // Permission before validation: only the evaluation's QA leads review, calibrate and resolve
  // disputes (an agent gets 403, not a form error); a dispute's own permission is checked in core
  // before its reason is validated.
  if (intent.data !== "dispute" && !view.viewer.canEvaluate) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });

  switch (intent.data) {
    case "review":
    case "calibrate":
    case "accept_dispute": {
      const a = answers();
      if (!a.ok) return { ok: false as const, intent: intent.data, error: a.error, params: { items: a.items } };
      if (intent.data === "review") {
        return runQaAction("review", async () => {
          const r = await submitQaReview(ctx, { scoringId: id, answers: a.answers });
          return { message: `submitted.${r.status}`, params: { pct: r.scorePct } };
        });
      }
      if (intent.data === "calibrate") {
        return runQaAction("calibrate", async () => {
          const r = await resolveQaCalibration(ctx, { scoringId: id, answers: a.answers });
          return { message: "calibrated", params: { pct: r.scorePct } };
        });
      }
      const disputeId = idParam.safeParse(data.get("disputeId"));
      const reason = reasonSchema.safeParse(data.get("reason"));
      if (!disputeId.success || !reason.success) return { ok: false as const, intent: intent.data, error: "reason_required", params: {} };
      return runQaAction("accept_dispute", async () => {
        await resolveQaDispute(ctx, { disputeId: disputeId.data, decision: "accept", reason: reason.data, answers: a.answers });
        return { message: "disputeAccepted" };
      });
    }
    case "reject_dispute": {
      const disputeId = idParam.safeParse(data.get("disputeId"));
      const reason = reasonSchema.safeParse(data.get("reason"));
      if (!disputeId.success || !reason.success) return { ok: false as const, intent: intent.data, error: "reason_required", params: {} };
      return runQaAction("reject_dispute", async () => {
        await resolveQaDispute(ctx, { disputeId: disputeId.data, decision: "reject", reason: reason.data });
        return { message: "disputeRejected" };
      });
    }
    case "dispute": {
      const reason = data.get("reason");
      return runQaAction("dispute", async () => {
        await fileQaDispute(ctx, { scoringId: id, reason: typeof reason === "string" ? reason : "" });
        return { message: "disputeFiled" };
      });
    }
  }
}

const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm";

export default function EvaluationRoute() {
  const { view, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { t } = useTranslation("qa");
  const e = view.evaluation;
  const openDispute = view.disputes.find((d) => d.status === "open");

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link to={role === "agent" ? "/me/qa" : "/qa"} className="text-sm text-blue-700 hover:underline">
          {role === "agent" ? t("me.title") : t("workspace.title")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("evaluation.title", { id: e.evaluationId })} <StatusBadge status={e.status} />
        </h1>
        <p className="text-sm text-gray-600" data-testid="evaluation-subject">
          {e.agentName === null ? t("evaluation.blindSubject", { code: e.agentCode }) : `${e.agentCode} · ${e.agentName}`} · {e.teamName} ·{" "}
          {t("evaluation.form", { name: e.formName, version: e.formVersion })} · {e.date}
          {e.contactId ? ` · ${t("evaluation.contact", { id: e.contactId })}` : ""}
          {e.dual ? ` · ${t("evaluation.dual")}` : ""}
        </p>
      </header>

      <ActionMessage result={result} />

      {e.status === "final" ? <FinalScoreCard view={view} /> : null}
      {view.reviews.length > 0 ? <DeviationTable view={view} /> : null}

      {view.viewer.canReview ? (
        <section aria-labelledby="review-title" className="space-y-2">
          <h2 id="review-title" className="text-lg font-semibold">
            {t("evaluation.yourReview")}
          </h2>
          {e.blind ? <p className="text-sm text-gray-600">{t("evaluation.blindHelp")}</p> : null}
          <ScoringForm form={view.form} formId={e.formId} intent="review" submitLabel={t("evaluation.submitReview")} busy={busy} testId="review-form" />
        </section>
      ) : null}

      {view.viewer.canCalibrate ? (
        <section aria-labelledby="calibrate-title" className="space-y-2">
          <h2 id="calibrate-title" className="text-lg font-semibold">
            {t("calibration.agreeTitle")}
          </h2>
          <p className="text-sm text-gray-600">{t("calibration.agreeHelp")}</p>
          <ScoringForm form={view.form} formId={e.formId} intent="calibrate" submitLabel={t("calibration.submit")} busy={busy} testId="calibrate-form" />
        </section>
      ) : null}

      {view.disputes.length > 0 ? <DisputeList disputes={view.disputes} /> : null}

      {view.viewer.canResolveDisputes && openDispute ? (
        <section aria-labelledby="resolve-title" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="resolve-title" className="text-lg font-semibold">
            {t("dispute.resolveTitle")}
          </h2>
          <Form method="post" className="flex flex-wrap items-end gap-3" data-testid="reject-dispute-form">
            <input type="hidden" name="intent" value="reject_dispute" />
            <input type="hidden" name="disputeId" value={openDispute.id} />
            <label className="min-w-64 flex-1 text-sm font-medium">
              {t("dispute.rejectReason")}
              <input type="text" name="reason" required maxLength={2000} className={field} />
            </label>
            <button type="submit" disabled={busy} className="rounded-md bg-gray-700 px-4 py-2 text-sm font-medium text-white">
              {t("dispute.reject")}
            </button>
          </Form>
          <h3 className="text-base font-semibold">{t("dispute.acceptTitle")}</h3>
          <ScoringForm
            form={view.form}
            formId={e.formId}
            intent="accept_dispute"
            initial={view.finalAnswers}
            submitLabel={t("dispute.accept")}
            busy={busy}
            testId="accept-dispute-form"
            extra={
              <>
                <input type="hidden" name="disputeId" value={openDispute.id} />
                <label className="block text-sm font-medium">
                  {t("dispute.acceptReason")}
                  <input type="text" name="reason" required maxLength={2000} className={field} />
                </label>
              </>
            }
          />
        </section>
      ) : null}

      {view.viewer.canDispute ? (
        <section aria-labelledby="dispute-title" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="dispute-title" className="text-lg font-semibold">
            {t("dispute.fileTitle")}
          </h2>
          <p className="text-sm text-gray-600">{t("dispute.window", { deadline: view.viewer.disputeDeadline?.slice(0, 16).replace("T", " ") })}</p>
          <Form method="post" className="mt-3 space-y-3" data-testid="dispute-form">
            <input type="hidden" name="intent" value="dispute" />
            <label className="block text-sm font-medium">
              {t("dispute.reason")}
              <textarea name="reason" required maxLength={2000} rows={3} className={field} />
            </label>
            <button type="submit" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
              {t("dispute.file")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
