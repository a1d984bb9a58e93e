import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AppraisalPanelData } from "~/models/appraisal.server";
import { useDashboardFormat } from "../dashboard/useDashboardFormat";
import { ActionMessage, type ActionMessageData } from "./ActionMessage";

const button = "rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:opacity-60";
const secondary = "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-700 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50";
const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";

/** Awards, Service Star tracker, review comments and the forms for HR, the manager and the agent. */
export function AppraisalPanel({ data, reportHref, result }: { data: AppraisalPanelData; reportHref: string | null; result: ActionMessageData | undefined }) {
  const { t } = useTranslation("cycle");
  const f = useDashboardFormat();
  const busy = useNavigation().state !== "idle";
  const q = data.quarter;
  return (
    <section className="space-y-4 rounded-lg bg-white p-4 shadow-sm print:hidden" aria-labelledby="appraisal-title" data-testid="appraisal-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="appraisal-title" className="text-lg font-semibold">
          {t("agent.title")}
        </h2>
        {reportHref ? (
          <Link to={reportHref} className={secondary} data-testid="printable-report">
            {t("agent.printable")}
          </Link>
        ) : null}
      </div>
      <ActionMessage result={result} />

      {data.tracker ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="service-star-tracker" data-kind={data.tracker.kind}>
          ★ {t(`tracker.${data.tracker.kind}`)}
        </p>
      ) : null}

      <div>
        <h3 className="font-medium">{t("agent.awards")}</h3>
        {data.awards.length === 0 ? (
          <p className="text-sm text-gray-600">{t("agent.noAwards")}</p>
        ) : (
          <ul className="mt-1 text-sm" data-testid="awards-earned">
            {data.awards.map((a) => (
              <li key={`${a.quarter}-${a.award}`}>
                {a.quarter} · {a.award} · {f.upTo(a.amount, 2)} {a.currency}
              </li>
            ))}
          </ul>
        )}
      </div>

      {data.adjustment ? (
        <p className="text-sm text-gray-700" data-testid="adjustment-reason">
          {t("agent.adjustment", { value: f.upTo(data.adjustment.value, 2), reason: data.adjustment.reason })}
        </p>
      ) : null}

      {data.comments.length > 0 ? (
        <div>
          <h3 className="font-medium">{t("agent.comments")}</h3>
          <ul className="mt-1 space-y-1 text-sm" data-testid="review-comments">
            {data.comments.map((c) => (
              <li key={c.id}>
                <span className="font-medium">{t(`commentKind.${c.kind}`)}</span> · {c.body}{" "}
                <span className="text-xs text-gray-500">({c.by})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {q && data.can.adjust ? (
        <Form method="post" className="grid gap-2 sm:grid-cols-[8rem_1fr_auto] sm:items-end" data-testid="adjust-form">
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="quarter" value={q} />
          <label className="text-sm font-medium text-gray-700">
            {t("agent.adjustPoints")}
            <input name="adjustment" type="number" step="0.1" min="-5" max="5" required className={field} />
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("agent.adjustReason")}
            <input name="reason" required maxLength={1000} className={field} />
          </label>
          <button type="submit" className={button} disabled={busy}>
            {t("agent.adjust")}
          </button>
        </Form>
      ) : null}

      {q && data.can.comment ? (
        <Form method="post" className="space-y-2" data-testid="comment-form">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="quarter" value={q} />
          <label className="block text-sm font-medium text-gray-700">
            {t("agent.managerComment")}
            <textarea name="body" required maxLength={2000} rows={2} className={field} />
          </label>
          <button type="submit" className={button} disabled={busy}>
            {t("agent.saveComment")}
          </button>
        </Form>
      ) : null}

      {q && data.can.respond ? (
        <div className="space-y-3" data-testid="respond">
          {data.acknowledgedAt ? (
            <p className="text-sm text-emerald-700" data-testid="acknowledged">
              {t("agent.acknowledged", { at: data.acknowledgedAt.slice(0, 10) })}
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="acknowledge" />
              <input type="hidden" name="quarter" value={q} />
              <button type="submit" className={button} disabled={busy}>
                {t("agent.acknowledge")}
              </button>
            </Form>
          )}
          <Form method="post" className="space-y-2">
            <input type="hidden" name="quarter" value={q} />
            <label className="block text-sm font-medium text-gray-700">
              {t("agent.yourComment")}
              <textarea name="body" required maxLength={2000} rows={2} className={field} />
            </label>
            <div className="flex gap-2">
              <button type="submit" name="intent" value="agentComment" className={secondary} disabled={busy}>
                {t("agent.sendComment")}
              </button>
              <button type="submit" name="intent" value="appeal" className={secondary} disabled={busy}>
                {t("agent.appeal")}
              </button>
            </div>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
