import { useTranslation } from "react-i18next";
import { WeakBadge } from "./Badges";
import type { AgentResultView, MetricUnit, MetricView, RuleHitView } from "./types";
import { type DashboardFormat, useDashboardFormat } from "./useDashboardFormat";

type T = (key: string, options?: Record<string, unknown>) => string;

/** A raw value with its unit, 1 decimal ("90.0%", "38.0 s", "4.6 h (16,560.0 s)", "4.4"). */
function formatRaw(value: number, unit: MetricUnit, f: DashboardFormat, t: T): string {
  switch (unit) {
    case "percent":
    case "pct_score":
      return `${f.one(value)}%`;
    case "seconds":
      // Email answers are measured in hours; show hours too, keeping the exact seconds beside them.
      return value >= 3600
        ? t("agent.hours", { value: f.one(value / 3600), seconds: f.one(value) })
        : t("agent.seconds", { value: f.one(value) });
    case "rating":
      return f.one(value);
  }
}

function interval(lower: number | null, upper: number | null, direction: string, f: DashboardFormat) {
  const lo = lower === null ? "−∞" : f.upTo(lower, 3);
  const hi = upper === null ? "∞" : f.upTo(upper, 3);
  const higher = direction === "higher_is_better";
  const open = lower === null ? "(" : higher ? "[" : "(";
  const close = upper === null ? ")" : higher ? ")" : "]";
  return `${open}${lo}, ${hi}${close}`;
}

function RuleLine({ hit, unit, f, t }: { hit: RuleHitView; unit: MetricUnit; f: DashboardFormat; t: T }) {
  switch (hit.type) {
    case "bands":
      return (
        <>
          {t("agent.band", {
            value: formatRaw(hit.value, unit, f, t),
            interval: interval(hit.lower, hit.upper, hit.direction, f),
            points: f.upTo(hit.points, 3),
          })}
        </>
      );
    case "step":
      return (
        <>
          {t("agent.step", {
            value: formatRaw(hit.value, unit, f, t),
            excess: f.upTo(hit.excess, 1),
            threshold: f.upTo(hit.threshold, 1),
            steps: f.int(hit.steps),
            step: f.upTo(hit.step, 1),
            perStep: f.upTo(hit.pointsPerStep, 3),
            top: f.upTo(hit.top, 3),
            deduction: f.upTo(hit.pointsPerStep * hit.steps, 3),
            floor: f.upTo(hit.floor, 3),
            points: f.upTo(hit.points, 3),
          })}
        </>
      );
    case "linear":
      return (
        <>
          {t(hit.capped ? "agent.linearCapped" : "agent.linear", {
            value: `${f.upTo(hit.value, 2)}${unit === "percent" || unit === "pct_score" ? "%" : ""}`,
            factor: f.upTo(hit.factor, 4),
            points: f.upTo(hit.points, 3),
          })}
        </>
      );
    case "per_channel":
      return (
        <>
          <ul className="list-disc space-y-1 pl-5">
            {hit.channels.map((c) => (
              <li key={c.channel}>
                {t("agent.channelLine", {
                  channel: t(`channel.${c.channel}`, { defaultValue: c.channel }),
                  raw: formatRaw(c.value, unit, f, t),
                  contacts: f.int(c.countedContacts),
                })}
                {" — "}
                <RuleLine hit={c.hit} unit={unit} f={f} t={t} />
              </li>
            ))}
          </ul>
          <p className="mt-1">{t("agent.perChannel", { points: f.upTo(hit.points, 3) })}</p>
        </>
      );
  }
}

const CHANNEL_PREFIX = /^(phone|chat|email)([A-Z].*)$/;

function sumLabel(key: string, t: T): string {
  const m = CHANNEL_PREFIX.exec(key);
  if (m) {
    const [, channel = "", rest = ""] = m;
    const inner = rest.charAt(0).toLowerCase() + rest.slice(1);
    return `${t(`channel.${channel}`)}: ${t(`sum.${inner}`, { defaultValue: inner })}`;
  }
  return t(`sum.${key}`, { defaultValue: key });
}

/** "How was this computed?" for one metric: raw sums → raw value → rule hit → points → normalised → weight → contribution. */
function MetricSteps({ metric, f, t }: { metric: MetricView; f: DashboardFormat; t: T }) {
  const term = "font-medium text-gray-700";
  return (
    <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]" data-testid="explanation-steps">
      <dt className={term}>{t("agent.rawSums")}</dt>
      <dd>
        {metric.rawSums.length === 0 ? (
          t("common.noData")
        ) : (
          <ul className="space-y-0.5">
            {metric.rawSums.map((s) => (
              <li key={s.key}>
                {sumLabel(s.key, t)}: <span className="tabular-nums">{f.upTo(s.value, 2)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="text-gray-500">{t("agent.sample", { sample: f.int(metric.sample), minSample: f.int(metric.minSample) })}</p>
      </dd>
      {metric.missing ? (
        <>
          <dt className={term}>{t("common.missing")}</dt>
          <dd className="text-amber-800">
            {t(`agent.missingReason.${metric.missing}`, { sample: f.int(metric.sample), minSample: f.int(metric.minSample) })}
          </dd>
        </>
      ) : (
        <>
          <dt className={term}>{t("agent.rawValue")}</dt>
          <dd className="tabular-nums">
            {metric.rawDisplay !== null
              ? formatRaw(metric.rawDisplay, metric.unit, f, t)
              : metric.hit?.type === "per_channel"
                ? metric.hit.channels.map((c) => `${t(`channel.${c.channel}`)} ${formatRaw(c.value, metric.unit, f, t)}`).join(" · ")
                : "—"}
          </dd>
          <dt className={term}>{t("agent.rule")}</dt>
          <dd>{metric.hit ? <RuleLine hit={metric.hit} unit={metric.unit} f={f} t={t} /> : "—"}</dd>
          <dt className={term}>{t("agent.points")}</dt>
          <dd className="tabular-nums">{t("agent.pointsOf", { points: f.upTo(metric.points, 3), scale: f.int(metric.scale) })}</dd>
          <dt className={term}>{t("common.normalized")}</dt>
          <dd className="tabular-nums">
            {t("agent.normalizedLine", {
              points: f.upTo(metric.points, 3),
              scale: f.int(metric.scale),
              normalized: f.one(metric.normalized),
            })}
          </dd>
        </>
      )}
      <dt className={term}>{t("agent.weight")}</dt>
      <dd className="tabular-nums">
        {t("agent.weightLine", { rubric: f.upTo(metric.weightPct, 2), effective: f.upTo(metric.effectiveWeightPct, 2) })}
      </dd>
      <dt className={term}>{t("agent.contribution")}</dt>
      <dd className="tabular-nums">
        {metric.contribution === null
          ? "—"
          : t("agent.contributionLine", {
              effective: f.upTo(metric.effectiveWeightPct, 2),
              normalized: f.upTo(metric.normalized, 1),
              contribution: f.upTo(metric.contribution, 2),
            })}
      </dd>
    </dl>
  );
}

/**
 * Every metric of one agent's quarter with its score, weak items highlighted, and a
 * `<details>` per metric explaining each step; closes with Σ contributions = composite.
 */
export function ScoreExplanation({ result, weakThreshold }: { result: AgentResultView; weakThreshold: number }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  const counted = result.metrics.filter((m) => m.contribution !== null);
  return (
    <section aria-labelledby="metrics-title" className="space-y-3" data-testid="score-explanation">
      <h2 id="metrics-title" className="text-lg font-semibold">
        {t("agent.metricsTitle")}
      </h2>
      {result.weakCount > 0 ? (
        <p className="text-sm text-amber-800">{t("agent.weakCount", { count: result.weakCount })}</p>
      ) : null}
      <ul className="space-y-3">
        {result.metrics.map((m) => (
          <li
            key={m.key}
            data-testid={`metric-${m.key}`}
            data-weak={m.weak ? "true" : undefined}
            className={`rounded-lg border bg-white p-4 shadow-sm ${m.weak ? "border-amber-400 bg-amber-50/40" : "border-gray-200"}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <div>
                <p className="text-xs uppercase tracking-wide text-gray-500">
                  {t(`dimension.${m.dimensionKey}`, { defaultValue: m.dimensionName })}
                </p>
                <h3 className="font-semibold">
                  {t(`metric.${m.key}`, { defaultValue: m.key })} {m.weak ? <WeakBadge /> : null}
                </h3>
              </div>
              <div className="flex gap-6 text-right text-sm">
                <div>
                  <p className="text-gray-500">{t("common.normalized")}</p>
                  <p className={`text-lg font-semibold tabular-nums ${m.weak ? "text-amber-800" : ""}`}>
                    {m.missing ? t("common.missing") : f.one(m.normalized)}
                  </p>
                </div>
                <div>
                  <p className="text-gray-500">{t("common.teamAverage")}</p>
                  <p className="text-lg tabular-nums text-gray-600">{f.one(m.teamAverage)}</p>
                </div>
                <div>
                  <p className="text-gray-500">{t("agent.contribution")}</p>
                  <p className="text-lg font-semibold tabular-nums" data-testid="contribution">
                    {f.upTo(m.contribution, 2)}
                  </p>
                </div>
              </div>
            </div>
            {m.weak ? <p className="mt-1 text-xs text-amber-800">{t("common.weak", { threshold: f.int(weakThreshold) })}</p> : null}
            <details className="mt-2 group">
              <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">{t("agent.howComputed")}</summary>
              <MetricSteps metric={m} f={f} t={t} />
            </details>
          </li>
        ))}
      </ul>
      {result.compositeExact !== null ? (
        <p className="rounded-lg bg-gray-100 p-3 text-sm tabular-nums" data-testid="contribution-sum">
          {t("agent.sumLine")}: {counted.map((m) => f.upTo(m.contribution, 2)).join(" + ")} = {f.upTo(result.compositeExact, 2)} →{" "}
          <strong>{f.one(result.computedDisplay)}</strong>
          {result.adjustment !== 0 ? (
            <span className="ml-2 text-gray-600">
              ({t("agent.adjusted", { computed: f.one(result.computedDisplay), adjustment: f.upTo(result.adjustment, 2) })} →{" "}
              {f.one(result.compositeDisplay)})
            </span>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
