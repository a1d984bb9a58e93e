import {
  type BandsRule,
  type Channel,
  CHANNELS,
  channelSchema,
  formatIssuePath,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type MetricDefinition,
  type MetricKey,
  metricKeySchema,
  type Rubric,
  type RubricIssue,
  type RubricMetric,
  rubricShapeSchema,
  type Rule,
  type ScalarRule,
  TOTAL_WEIGHT_BP,
} from "@starboard/kpi";
import { z } from "zod";

/**
 * The rubric editor form. Every input is named by its path in the rubric, the same path the
 * engine's validation reports (`dimensions[1].metrics[0].rule.bands[2].lower`), so each problem
 * lands next to the field it is about. Weights are edited in percent (`…weightPct`).
 */
export type FormValues = Record<string, string>;

/** A number typed by a person: digits with an optional '.', leading '-' allowed; "" is empty. */
const numberText = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, "not_a_number")
  .transform(Number);
const percentText = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "not_a_percent")
  .transform((s) => Math.round(Number(s) * 100));
const wholeText = z.string().trim().regex(/^\d+$/, "not_a_whole_number").transform(Number);

export interface FieldProblem {
  path: string;
  /** Translation key under `rubrics:field.` */
  code: "not_a_number" | "not_a_percent" | "not_a_whole_number" | "required";
}

export interface EditorParse {
  rubric: Rubric;
  fieldProblems: FieldProblem[];
}

/** Every editable field of a rubric with its current value as text (what the form shows). */
export function formValuesOf(rubric: Rubric): FormValues {
  const values: FormValues = { name: rubric.name, scale: String(rubric.scale) };
  const scalar = (rule: ScalarRule, at: string) => {
    switch (rule.type) {
      case "bands":
        rule.bands.forEach((b, i) => {
          values[`${at}.bands[${i}].lower`] = b.lower === null ? "" : String(b.lower);
          values[`${at}.bands[${i}].upper`] = b.upper === null ? "" : String(b.upper);
          values[`${at}.bands[${i}].points`] = String(b.points);
        });
        break;
      case "step":
        for (const k of ["threshold", "step", "pointsPerStep", "top", "floor"] as const) values[`${at}.${k}`] = String(rule[k]);
        break;
      case "linear":
        values[`${at}.factor`] = String(rule.factor);
        break;
    }
  };
  rubric.dimensions.forEach((d, di) =>
    d.metrics.forEach((m, mi) => {
      const at = formatIssuePath(["dimensions", di, "metrics", mi]);
      values[`${at}.weightPct`] = String(m.weightBp / 100);
      values[`${at}.minSample`] = String(m.minSample);
      if (m.rule.type === "per_channel") {
        for (const [channel, rule] of Object.entries(m.rule.channels)) if (rule) scalar(rule, `${at}.rule.channels.${channel}`);
      } else scalar(m.rule, `${at}.rule`);
    }),
  );
  return values;
}

/**
 * Applies the submitted values onto the rubric's structure (the form's numbers and names;
 * structural changes are `applyStructureIntent` below). Unparseable fields are reported
 * and keep the stored value, so the engine's validation still runs on everything else.
 */
export function applyEditorForm(base: Rubric, form: FormData): { values: FormValues; parse: EditorParse } {
  const rubric = structuredClone(base) as Rubric;
  const expected = formValuesOf(base);
  const values: FormValues = {};
  for (const key of Object.keys(expected)) {
    const raw = form.get(key);
    values[key] = typeof raw === "string" ? raw.slice(0, 200) : "";
  }
  const fieldProblems: FieldProblem[] = [];
  const num = (path: string, schema: z.ZodType<number, z.ZodTypeDef, string>, optional = false): number | null | undefined => {
    const text = values[path] ?? "";
    if (text.trim() === "") {
      if (optional) return null;
      fieldProblems.push({ path, code: "required" });
      return undefined;
    }
    const parsed = schema.safeParse(text);
    if (!parsed.success) {
      fieldProblems.push({ path, code: parsed.error.issues[0]!.message as FieldProblem["code"] });
      return undefined;
    }
    return parsed.data;
  };
  const name = (values.name ?? "").trim();
  if (name === "") fieldProblems.push({ path: "name", code: "required" });
  else rubric.name = name;
  const scale = Number(values.scale);
  if (scale === 5 || scale === 10) rubric.scale = scale;

  const scalar = (rule: ScalarRule, at: string) => {
    switch (rule.type) {
      case "bands":
        rule.bands.forEach((b, i) => {
          const lower = num(`${at}.bands[${i}].lower`, numberText, true);
          const upper = num(`${at}.bands[${i}].upper`, numberText, true);
          const points = num(`${at}.bands[${i}].points`, numberText);
          if (lower !== undefined) b.lower = lower;
          if (upper !== undefined) b.upper = upper;
          if (points !== undefined && points !== null) b.points = points;
        });
        break;
      case "step":
        for (const k of ["threshold", "step", "pointsPerStep", "top", "floor"] as const) {
          const v = num(`${at}.${k}`, numberText);
          if (v !== undefined && v !== null) rule[k] = v;
        }
        break;
      case "linear": {
        const v = num(`${at}.factor`, numberText);
        if (v !== undefined && v !== null) rule.factor = v;
        break;
      }
    }
  };
  rubric.dimensions.forEach((d, di) =>
    d.metrics.forEach((m, mi) => {
      const at = formatIssuePath(["dimensions", di, "metrics", mi]);
      const weight = num(`${at}.weightPct`, percentText);
      if (weight !== undefined && weight !== null) m.weightBp = weight;
      const minSample = num(`${at}.minSample`, wholeText);
      if (minSample !== undefined && minSample !== null) m.minSample = minSample;
      if (m.rule.type === "per_channel") {
        for (const [channel, rule] of Object.entries(m.rule.channels)) if (rule) scalar(rule, `${at}.rule.channels.${channel}`);
      } else scalar(m.rule, `${at}.rule`);
    }),
  );
  return { values, parse: { rubric, fieldProblems } };
}

/** Engine issues speak of `weightBp`; the form edits `weightPct`. */
export function issueForForm(issue: RubricIssue): RubricIssue {
  return { ...issue, path: issue.path.replace(/\.weightBp$/, ".weightPct") };
}

/* ------------------------------------------------------------------------------------------ */
/* Structure: adding and removing dimensions, metrics, bands and channel rules in the form.    */
/* ------------------------------------------------------------------------------------------ */

const MAX_STRUCTURE_CHARS = 200_000;

/**
 * The rubric the form was drawn from. A structural change that leaves the rubric invalid (a
 * removed metric: weights no longer total 100 %) is not saved; the form then carries the
 * unsaved structure in a hidden field so the next submit continues from it. Anything that is
 * not a structurally sound rubric falls back to the stored draft; saving validates everything.
 */
export function workingRubric(stored: Rubric, form: FormData): Rubric {
  const raw = form.get("structure");
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_STRUCTURE_CHARS) return stored;
  try {
    const parsed = rubricShapeSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : stored;
  } catch {
    return stored;
  }
}

/** Metric keys a rubric does not score yet, in catalogue order (what "add metric" offers). */
export function addableMetrics(rubric: Rubric): MetricKey[] {
  const used = new Set(rubric.dimensions.flatMap((d) => d.metrics.map((m) => m.key)));
  return METRIC_KEYS.filter((k) => !used.has(k));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Four bands best first (full points, 70 %, 40 %, nothing) with cut points suited to the metric's range. */
function defaultBands(def: MetricDefinition, scale: number, channel?: Channel): BandsRule {
  const points = [scale, round1(scale * 0.7), round1(scale * 0.4), 0];
  const higher = def.direction === "higher_is_better";
  let cuts: number[];
  if (def.domain.max !== null) {
    const { min, max } = def.domain;
    cuts = (higher ? [0.9, 0.75, 0.6] : [0.1, 0.25, 0.4]).map((f) => round1(min + f * (max - min)));
  } else {
    // Seconds: half a minute for phone and chat, an hour for e-mail.
    const base = channel === "email" ? 3600 : 30;
    cuts = higher ? [4 * base, 2 * base, base] : [base, 2 * base, 4 * base];
  }
  const bands = higher
    ? [
        { lower: cuts[0]!, upper: null, points: points[0]! },
        { lower: cuts[1]!, upper: cuts[0]!, points: points[1]! },
        { lower: cuts[2]!, upper: cuts[1]!, points: points[2]! },
        { lower: null, upper: cuts[2]!, points: points[3]! },
      ]
    : [
        { lower: null, upper: cuts[0]!, points: points[0]! },
        { lower: cuts[0]!, upper: cuts[1]!, points: points[1]! },
        { lower: cuts[1]!, upper: cuts[2]!, points: points[2]! },
        { lower: cuts[2]!, upper: null, points: points[3]! },
      ];
  return { type: "bands", bands };
}

const DEFAULT_MIN_SAMPLE: Record<MetricDefinition["unit"], number> = { seconds: 30, percent: 30, rating: 10, pct_score: 3 };

/**
 * A new metric with a rule that validates for its direction and range (bands; per channel for
 * first response time), the engine's usual minimum sample for its unit, and the weight still
 * missing to 100 % (10 % when nothing is missing — the total then tells HR what to lower).
 */
export function defaultMetric(key: MetricKey, rubric: Rubric): RubricMetric {
  const def = METRIC_CATALOGUE[key];
  const total = rubric.dimensions.reduce((s, d) => s + d.metrics.reduce((t, m) => t + m.weightBp, 0), 0);
  const missing = TOTAL_WEIGHT_BP - total;
  const rule: Rule = def.perChannel
    ? { type: "per_channel", channels: Object.fromEntries(CHANNELS.map((c) => [c, defaultBands(def, rubric.scale, c)])) }
    : defaultBands(def, rubric.scale);
  return { key, weightBp: missing > 0 ? missing : 1000, minSample: DEFAULT_MIN_SAMPLE[def.unit], rule };
}

/**
 * A new band: the worst band is split in two at the middle of its finite part, both keeping
 * its points, so the rubric stays valid and HR adjusts the numbers.
 */
function addBand(rule: BandsRule, def: MetricDefinition): void {
  const higher = def.direction === "higher_is_better";
  const last = rule.bands[rule.bands.length - 1]!;
  const { min, max } = def.domain;
  if (higher) {
    const from = last.lower ?? min;
    const to = last.upper ?? max ?? from + 100;
    const cut = to - from > 10 ? Math.round((from + to) / 2) : round1((from + to) / 2);
    rule.bands.splice(rule.bands.length - 1, 1, { ...last, lower: cut }, { lower: last.lower, upper: cut, points: last.points });
  } else {
    const from = last.lower ?? min;
    const to = last.upper ?? max ?? (from > 0 ? from * 2 : 60);
    const cut = to - from > 10 ? Math.round((from + to) / 2) : round1((from + to) / 2);
    rule.bands.splice(rule.bands.length - 1, 1, { ...last, upper: cut }, { lower: cut, upper: last.upper, points: last.points });
  }
}

/** Removes a band; its neighbour takes over its range, so the bands stay contiguous. */
function removeBand(rule: BandsRule, index: number, def: MetricDefinition): void {
  if (rule.bands.length <= 1 || index >= rule.bands.length) return;
  const higher = def.direction === "higher_is_better";
  const [gone] = rule.bands.splice(index, 1);
  if (index < rule.bands.length) {
    const next = rule.bands[index]!;
    if (higher) next.upper = gone!.upper;
    else next.lower = gone!.lower;
  } else {
    const prev = rule.bands[index - 1]!;
    if (higher) prev.lower = gone!.lower;
    else prev.upper = gone!.upper;
  }
}

function dimensionKeyFor(name: string, rubric: Rubric): string {
  let key = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40);
  if (!/^[a-z]/.test(key)) key = key === "" ? "dimension" : `dimension_${key}`;
  const used = new Set(rubric.dimensions.map((d) => d.key));
  let candidate = key;
  for (let n = 2; used.has(candidate); n++) candidate = `${key}_${n}`;
  return candidate;
}

const metricKeyOf = (value: FormDataEntryValue | null): MetricKey | null => {
  const parsed = metricKeySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

const METRIC_AT = /^dimensions\[(\d+)\]\.metrics\[(\d+)\]$/;
const RULE_AT = /^dimensions\[(\d+)\]\.metrics\[(\d+)\]\.rule(?:\.channels\.(phone|chat|email))?$/;
const BAND_AT = /^(dimensions\[\d+\]\.metrics\[\d+\]\.rule(?:\.channels\.(?:phone|chat|email))?)\.bands\[(\d+)\]$/;
const CHANNEL_AT = /^dimensions\[(\d+)\]\.metrics\[(\d+)\]\.rule\.channels\.(phone|chat|email)$/;

export type StructureChange = { ok: true; rubric: Rubric } | { ok: false; fieldProblems: FieldProblem[] };

/**
 * Applies a structural `intent` ("addBand:dimensions[1].metrics[0].rule", "removeMetric:…")
 * to a copy of the rubric. Returns null for an intent that names nothing in this rubric.
 */
export function applyStructureIntent(base: Rubric, intent: string, form: FormData): StructureChange | null {
  const rubric = structuredClone(base) as Rubric;
  const colon = intent.indexOf(":");
  const op = colon < 0 ? intent : intent.slice(0, colon);
  const at = colon < 0 ? "" : intent.slice(colon + 1);
  const metricAt = (di: string, mi: string) => rubric.dimensions[Number(di)]?.metrics[Number(mi)];
  const bandsRuleAt = (path: string): { rule: BandsRule; def: MetricDefinition } | null => {
    const m = RULE_AT.exec(path);
    const metric = m ? metricAt(m[1]!, m[2]!) : undefined;
    if (!m || !metric) return null;
    const rule = m[3] ? (metric.rule.type === "per_channel" ? metric.rule.channels[m[3] as Channel] : undefined) : metric.rule;
    return rule?.type === "bands" ? { rule, def: METRIC_CATALOGUE[metric.key] } : null;
  };

  switch (op) {
    case "addDimension": {
      const nameRaw = form.get("newDimension.name");
      const name = typeof nameRaw === "string" ? nameRaw.trim().slice(0, 80) : "";
      const key = metricKeyOf(form.get("newDimension.metric"));
      const problems: FieldProblem[] = [];
      if (name === "") problems.push({ path: "newDimension.name", code: "required" });
      if (!key || !addableMetrics(rubric).includes(key)) problems.push({ path: "newDimension.metric", code: "required" });
      if (problems.length > 0) return { ok: false, fieldProblems: problems };
      rubric.dimensions.push({ key: dimensionKeyFor(name, rubric), name, metrics: [defaultMetric(key!, rubric)] });
      return { ok: true, rubric };
    }
    case "removeDimension": {
      const m = /^dimensions\[(\d+)\]$/.exec(at);
      if (!m || !rubric.dimensions[Number(m[1])] || rubric.dimensions.length <= 1) return null;
      rubric.dimensions.splice(Number(m[1]), 1);
      return { ok: true, rubric };
    }
    case "addMetric": {
      const m = /^dimensions\[(\d+)\]$/.exec(at);
      const dimension = m ? rubric.dimensions[Number(m[1])] : undefined;
      if (!dimension) return null;
      const key = metricKeyOf(form.get(`${at}.newMetric`));
      if (!key || !addableMetrics(rubric).includes(key)) return { ok: false, fieldProblems: [{ path: `${at}.newMetric`, code: "required" }] };
      dimension.metrics.push(defaultMetric(key, rubric));
      return { ok: true, rubric };
    }
    case "removeMetric": {
      // The only metric of a dimension takes its dimension with it (a dimension needs a metric).
      const m = METRIC_AT.exec(at);
      if (!m || !metricAt(m[1]!, m[2]!)) return null;
      const dimension = rubric.dimensions[Number(m[1])]!;
      if (dimension.metrics.length > 1) dimension.metrics.splice(Number(m[2]), 1);
      else if (rubric.dimensions.length > 1) rubric.dimensions.splice(Number(m[1]), 1);
      else return null;
      return { ok: true, rubric };
    }
    case "addBand": {
      const found = bandsRuleAt(at);
      if (!found) return null;
      addBand(found.rule, found.def);
      return { ok: true, rubric };
    }
    case "removeBand": {
      const m = BAND_AT.exec(at);
      const found = m ? bandsRuleAt(m[1]!) : null;
      if (!m || !found || found.rule.bands.length <= 1 || !found.rule.bands[Number(m[2])]) return null;
      removeBand(found.rule, Number(m[2]), found.def);
      return { ok: true, rubric };
    }
    case "addChannel": {
      const m = METRIC_AT.exec(at);
      const metric = m ? metricAt(m[1]!, m[2]!) : undefined;
      if (!metric || metric.rule.type !== "per_channel") return null;
      const channel = channelSchema.safeParse(form.get(`${at}.newChannel`));
      if (!channel.success || metric.rule.channels[channel.data]) return { ok: false, fieldProblems: [{ path: `${at}.newChannel`, code: "required" }] };
      metric.rule.channels[channel.data] = defaultBands(METRIC_CATALOGUE[metric.key], rubric.scale, channel.data);
      return { ok: true, rubric };
    }
    case "removeChannel": {
      const m = CHANNEL_AT.exec(at);
      const metric = m ? metricAt(m[1]!, m[2]!) : undefined;
      if (!m || !metric || metric.rule.type !== "per_channel") return null;
      const channels = metric.rule.channels;
      if (!channels[m[3] as Channel] || CHANNELS.filter((c) => channels[c]).length <= 1) return null;
      delete channels[m[3] as Channel];
      return { ok: true, rubric };
    }
    default:
      return null;
  }
}
