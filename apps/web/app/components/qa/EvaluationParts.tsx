import type { QaEvaluationView } from "@starboard/core";
import { useTranslation } from "react-i18next";

type JsonView = Omit<QaEvaluationView, never>;

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("qa");
  const colour = status === "final" ? "bg-emerald-100 text-emerald-800" : status === "calibration" ? "bg-amber-100 text-amber-900" : "bg-gray-100 text-gray-700";
  return (
    <span className={`ml-2 rounded px-2 py-0.5 align-middle text-sm font-semibold ${colour}`} data-testid="evaluation-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** The counted result: score %, points, pass/fail, fatal, and each item's points. */
export function FinalScoreCard({ view }: { view: JsonView }) {
  const { t } = useTranslation("qa");
  const e = view.evaluation;
  // Only forms with items tagged for the 5/3/1 item-rated metrics get the column.
  const hasRatings = Object.keys(view.finalItemRatings).length > 0;
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="final-title" data-testid="final-score">
      <h2 id="final-title" className="text-lg font-semibold">
        {t("evaluation.finalTitle")}
      </h2>
      <p className="mt-2 text-3xl font-bold" data-testid="final-pct">
        {t("evaluation.pct", { pct: e.scorePct })}
      </p>
      <p className="text-sm text-gray-600">
        {t("score.running", { points: view.finalPoints, max: view.maxPoints })} ·{" "}
        <span data-testid="final-verdict">{e.passed ? t("evaluation.passed") : t("evaluation.failed")}</span>
        {e.fatal ? <span className="ml-2 font-semibold text-rose-700" data-testid="final-fatal">{t("evaluation.fatal")}</span> : null}
      </p>
      {view.finalAnswers ? (
        <table className="mt-4 w-full text-left text-sm">
          <thead>
            <tr className="text-gray-500">
              <th className="py-1">{t("table.item")}</th>
              <th className="py-1">{t("table.points")}</th>
              {hasRatings ? <th className="py-1">{t("table.rating")}</th> : null}
              <th className="py-1">{t("table.note")}</th>
            </tr>
          </thead>
          <tbody>
            {view.form.sections.flatMap((s) => s.items).map((item) => (
              <tr key={item.key} className="border-t border-gray-100">
                <td className="py-1">
                  {item.title} {item.fatal ? <span className="text-xs font-semibold text-rose-700">{t("score.keyItem")}</span> : null}
                </td>
                <td className="py-1">
                  {view.finalItemPoints[item.key] ?? "–"} / {item.maxPoints}
                </td>
                {hasRatings ? (
                  <td className="py-1" data-testid={`item-rating-${item.key}`}>
                    {item.metricKey && view.finalItemRatings[item.key] !== undefined
                      ? t("evaluation.itemRating", { rating: view.finalItemRatings[item.key], metric: t(`builder.metrics.${item.metricKey}`) })
                      : ""}
                  </td>
                ) : null}
                <td className="py-1 text-gray-600">{view.finalAnswers?.items[item.key]?.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const signed = (n: number | null) => (n === null ? "–" : n > 0 ? `+${n}` : String(n));

/** Calibration view: each reviewer's points per item, reviewer-vs-reviewer and reviewer-vs-consensus deviation. */
export function DeviationTable({ view }: { view: JsonView }) {
  const { t } = useTranslation("qa");
  const titles = new Map(view.form.sections.flatMap((s) => s.items).map((i) => [i.key, i.title]));
  const submitted = view.reviews.filter((r) => r.submitted);
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm" aria-labelledby="reviews-title" data-testid="calibration-view">
      <h2 id="reviews-title" className="text-lg font-semibold">
        {t("calibration.title")}
      </h2>
      <ul className="mt-2 text-sm">
        {view.reviews.map((r) => (
          <li key={r.reviewer} data-testid="review-summary">
            {r.reviewer}: {r.submitted ? t("calibration.reviewTotal", { points: r.totalPoints, pct: r.scorePct }) : t("calibration.pending")}
            {r.fatal ? ` · ${t("evaluation.fatal")}` : ""}
          </li>
        ))}
      </ul>
      {view.deviations.length > 0 ? (
        <table className="mt-4 w-full text-left text-sm">
          <thead>
            <tr className="text-gray-500">
              <th className="py-1">{t("table.item")}</th>
              {submitted.map((r) => (
                <th key={r.reviewer} className="py-1">
                  {r.reviewer}
                </th>
              ))}
              <th className="py-1">{t("calibration.delta")}</th>
              <th className="py-1">{t("calibration.consensus")}</th>
              {submitted.map((r) => (
                <th key={`vs-${r.reviewer}`} className="py-1">
                  {t("calibration.vsConsensus", { reviewer: r.reviewer })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.deviations.map((d) => (
              <tr key={d.itemKey} className={`border-t border-gray-100 ${d.reviewerDelta ? "bg-amber-50" : ""}`} data-testid={`deviation-${d.itemKey}`}>
                <td className="py-1">{titles.get(d.itemKey)}</td>
                {d.reviewerPoints.map((p, i) => (
                  <td key={i} className="py-1">
                    {p}
                  </td>
                ))}
                <td className="py-1 font-medium">{signed(d.reviewerDelta)}</td>
                <td className="py-1">{d.consensusPoints ?? "–"}</td>
                {d.vsConsensus.map((v, i) => (
                  <td key={i} className="py-1">
                    {signed(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function DisputeList({ disputes }: { disputes: JsonView["disputes"] }) {
  const { t } = useTranslation("qa");
  const score = (json: string | null) => {
    if (!json) return "–";
    const s = JSON.parse(json) as { pct: number | null; fatal: boolean };
    return `${s.pct ?? "–"}%${s.fatal ? ` (${t("evaluation.fatal")})` : ""}`;
  };
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="disputes-title" data-testid="disputes">
      <h2 id="disputes-title" className="text-lg font-semibold">
        {t("dispute.title")}
      </h2>
      <ul className="mt-2 space-y-3 text-sm">
        {disputes.map((d) => (
          <li key={d.id} data-testid="dispute" data-status={d.status}>
            <p>
              <span className="font-semibold">{t(`dispute.status.${d.status}`)}</span> · {t("dispute.filed", { by: d.filed_by, at: d.filed_at.slice(0, 16).replace("T", " ") })}
            </p>
            <p className="text-gray-700">“{d.reason}”</p>
            {d.status !== "open" ? (
              <p className="text-gray-700" data-testid="dispute-outcome">
                {t("dispute.resolved", { by: d.resolved_by, at: d.resolved_at?.slice(0, 16).replace("T", " ") })}: “{d.resolution_reason}” ·{" "}
                {t("dispute.beforeAfter", { before: score(d.before), after: score(d.after) })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
