import { z } from "zod";
import { METRIC_CATALOGUE, type MetricDefinition, type MetricDirection, type MetricDomain } from "../metrics/catalogue.ts";
import { round9 } from "../precision.ts";
import { type BandsRule, CHANNELS, type Rubric, rubricShapeSchema, type ScalarRule } from "./schema.ts";

/** Total rubric weight in basis points: 100 %. */
export const TOTAL_WEIGHT_BP = 10_000;

/** A problem with a rubric: where (`dimensions[1].metrics[0].rule.bands[2]`) and what, in plain words. */
export interface RubricIssue {
  path: string;
  /** The problem in English (CLI, logs). */
  message: string;
  /** Stable code; zod's own codes for structural problems. */
  code: string;
  /** What the UI translates: a message key (the code, or the code and its variant) and the values the message names. */
  messageKey: string;
  params: IssueParams;
}

export type IssueParams = Record<string, string | number>;

export type RubricValidation = { ok: true; rubric: Rubric } | { ok: false; issues: RubricIssue[] };

type PathSegment = string | number;
interface RawIssue {
  path: PathSegment[];
  message: string;
  code: string;
  /** Defaults to the code. */
  key?: string;
  params?: IssueParams;
}

/** ["dimensions", 1, "metrics", 0, "rule"] → "dimensions[1].metrics[0].rule" */
export function formatIssuePath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

const pct = (bp: number) => `${round9(bp / 100)}%`;
const bound = (x: number | null, open: string) => (x === null ? open : String(x));
const describeDomain = (d: MetricDomain) => (d.max === null ? `${d.min} or more` : `${d.min}–${d.max}`);
const directionWords = (direction: MetricDirection) =>
  direction === "higher_is_better" ? "higher values first, since higher is better" : "lower values first, since lower is better";

/**
 * Bands: best first, each non-empty, contiguous with its neighbour, covering the metric's
 * whole domain (open ends may reach beyond it), points within 0..scale and never rising
 * toward worse values (a worse result must not pay more).
 */
function bandIssues(rule: BandsRule, def: MetricDefinition, direction: MetricDirection, scale: number, at: PathSegment[]): RawIssue[] {
  const issues: RawIssue[] = [];
  const bands = rule.bands;
  const add = (index: number | null, code: string, message: string, params: IssueParams = {}, key: string = code) =>
    issues.push({ path: index === null ? [...at, "bands"] : [...at, "bands", index], code, message, key, params });
  const higher = direction === "higher_is_better";

  bands.forEach((band, i) => {
    if (band.lower !== null && band.upper !== null && band.lower >= band.upper) {
      add(i, "band_empty", `empty band — lower ${band.lower} must be below upper ${band.upper}`, { lower: band.lower, upper: band.upper });
    }
    if (band.points > scale) add(i, "band_points_above_scale", `${band.points} points is above the rubric's scale of ${scale}`, { points: band.points, scale });
  });
  if (issues.length > 0) return issues;

  // Order: the key that must strictly move away from "best" along the list.
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    const cur = bands[i]!;
    const ordered = higher
      ? prev.lower !== null && (cur.lower === null || cur.lower < prev.lower)
      : prev.upper !== null && (cur.upper === null || cur.upper > prev.upper);
    if (!ordered) {
      add(i, "bands_not_best_first", `bands must be listed best first (${directionWords(direction)})`, {}, `bands_not_best_first_${higher ? "higher" : "lower"}`);
      return issues; // contiguity messages about a mis-ordered list would only confuse
    }
  }

  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    const cur = bands[i]!;
    // Where this band must end for the two to touch, and where it does end.
    const meet = higher ? prev.lower! : prev.upper!;
    const end = higher ? cur.upper : cur.lower;
    if (end === meet) continue;
    const gap = end !== null && (higher ? end < meet : end > meet);
    if (gap) add(i, "band_gap", `gap between ${meet} and ${end} — bands must be contiguous`, { meet, end: end! });
    else {
      add(
        i,
        "band_overlap",
        higher
          ? `overlaps bands[${i - 1}]: its upper bound ${bound(end, "(open)")} is above that band's lower bound ${meet} — bands must not overlap`
          : `overlaps bands[${i - 1}]: its lower bound ${bound(end, "(open)")} is below that band's upper bound ${meet} — bands must not overlap`,
        end === null ? { previous: i - 1, meet } : { previous: i - 1, meet, end },
        `band_overlap_${higher ? "higher" : "lower"}${end === null ? "_open" : ""}`,
      );
    }
  }

  const first = bands[0]!;
  const last = bands[bands.length - 1]!;
  const { min, max } = def.domain;
  const name = def.key;
  if (higher) {
    if (first.upper !== null && (max === null || first.upper <= max)) {
      add(0, "bands_miss_top", max === null
        ? `the best band ends at ${first.upper} but ${name} has no upper limit — leave its upper bound open`
        : `the best band ends at ${first.upper} (exclusive) but ${name} goes up to ${max} — leave its upper bound open or set it above ${max}`,
        max === null ? { upper: first.upper, name } : { upper: first.upper, name, max },
        max === null ? "bands_miss_top_best_unbounded" : "bands_miss_top_best");
    }
    if (last.lower !== null && last.lower > min) {
      add(bands.length - 1, "bands_miss_bottom", `the worst band starts at ${last.lower} but ${name} can be as low as ${min} — leave its lower bound open or set it at or below ${min}`, { lower: last.lower, name, min }, "bands_miss_bottom_worst");
    }
  } else {
    if (first.lower !== null && first.lower >= min) {
      add(0, "bands_miss_bottom", `the best band starts above ${first.lower} (exclusive) but ${name} can be as low as ${min} — leave its lower bound open or set it below ${min}`, { lower: first.lower, name, min }, "bands_miss_bottom_best");
    }
    if (last.upper !== null && (max === null || last.upper < max)) {
      add(bands.length - 1, "bands_miss_top", max === null
        ? `the worst band ends at ${last.upper} but ${name} has no upper limit — leave its upper bound open`
        : `the worst band ends at ${last.upper} but ${name} goes up to ${max} — leave its upper bound open or set it at or above ${max}`,
        max === null ? { upper: last.upper, name } : { upper: last.upper, name, max },
        max === null ? "bands_miss_top_worst_unbounded" : "bands_miss_top_worst");
    }
  }

  for (let i = 1; i < bands.length; i++) {
    const better = bands[i - 1]!;
    const cur = bands[i]!;
    if (cur.points > better.points) {
      add(i, "band_points_rise", `${cur.points} points is more than the ${better.points} points of the better band before it — a worse result must never score more`, { points: cur.points, better: better.points });
    }
  }
  return issues;
}

function scalarRuleIssues(rule: ScalarRule, def: MetricDefinition, scale: number, at: PathSegment[]): RawIssue[] {
  const direction = def.direction;
  switch (rule.type) {
    case "bands":
      return bandIssues(rule, def, direction, scale, at);
    case "step": {
      const issues: RawIssue[] = [];
      if (direction !== "lower_is_better") {
        issues.push({ path: [...at, "type"], code: "step_needs_lower_is_better", message: `a step deduction takes points off as the value rises, but higher ${def.key} is better — use bands or linear`, params: { metric: def.key } });
      }
      if (rule.top > scale) issues.push({ path: [...at, "top"], code: "step_top_above_scale", message: `top ${rule.top} is above the rubric's scale of ${scale}`, params: { top: rule.top, scale } });
      if (rule.floor > rule.top) issues.push({ path: [...at, "floor"], code: "step_floor_above_top", message: `floor ${rule.floor} is above top ${rule.top}`, params: { floor: rule.floor, top: rule.top } });
      const { min, max } = def.domain;
      if (rule.threshold < min || (max !== null && rule.threshold > max)) {
        issues.push({
          path: [...at, "threshold"],
          code: "step_threshold_outside_domain",
          message: `threshold ${rule.threshold} is outside ${def.key}'s range ${describeDomain(def.domain)}`,
          key: max === null ? "step_threshold_outside_domain_unbounded" : "step_threshold_outside_domain",
          params: max === null ? { threshold: rule.threshold, metric: def.key, min } : { threshold: rule.threshold, metric: def.key, min, max },
        });
      }
      return issues;
    }
    case "linear":
      // Any positive factor is valid: raw × factor above the scale is capped (shown as capped).
      return direction === "higher_is_better"
        ? []
        : [{ path: [...at, "type"], code: "linear_needs_higher_is_better", message: `a linear rule gives more points for a higher value, but lower ${def.key} is better — use bands or step`, params: { metric: def.key } }];
  }
}

/** The cross-field rules the zod shape cannot express. Runs on a structurally valid rubric. */
export function rubricIssues(rubric: Rubric): RawIssue[] {
  const issues: RawIssue[] = [];
  const dimensionSeen = new Map<string, number>();
  const metricSeen = new Map<string, string>();
  let totalBp = 0;

  rubric.dimensions.forEach((dimension, d) => {
    const earlier = dimensionSeen.get(dimension.key);
    if (earlier !== undefined) {
      issues.push({ path: ["dimensions", d, "key"], code: "duplicate_dimension", message: `dimension key "${dimension.key}" is already used by dimensions[${earlier}] — keys must be unique`, params: { key: dimension.key, earlier } });
    } else dimensionSeen.set(dimension.key, d);

    dimension.metrics.forEach((metric, m) => {
      const at: PathSegment[] = ["dimensions", d, "metrics", m];
      const def = METRIC_CATALOGUE[metric.key];
      totalBp += metric.weightBp;

      const first = metricSeen.get(metric.key);
      if (first !== undefined) {
        issues.push({ path: [...at, "key"], code: "duplicate_metric", message: `metric "${metric.key}" is already scored at ${first} — each metric may appear once`, params: { metric: metric.key, first } });
      } else metricSeen.set(metric.key, formatIssuePath(at));

      if (metric.weightBp === 0) {
        issues.push({ path: [...at, "weightBp"], code: "zero_weight", message: `${metric.key} has weight 0% — a metric that counts for nothing must be removed, not weighted 0`, params: { metric: metric.key } });
      }

      const rule = metric.rule;
      if (rule.type === "per_channel") {
        if (!def.perChannel) {
          issues.push({ path: [...at, "rule", "type"], code: "per_channel_not_allowed", message: `${metric.key} is one value per agent, not per channel — use a bands, step or linear rule`, params: { metric: metric.key } });
          return;
        }
        const ruled = CHANNELS.filter((c) => rule.channels[c] !== undefined);
        if (ruled.length === 0) {
          issues.push({ path: [...at, "rule", "channels"], code: "per_channel_empty", message: "give a rule for at least one channel (phone, chat or email)" });
        }
        for (const channel of ruled) {
          issues.push(...scalarRuleIssues(rule.channels[channel]!, def, rubric.scale, [...at, "rule", "channels", channel]));
        }
      } else if (def.perChannel) {
        issues.push({ path: [...at, "rule", "type"], code: "per_channel_required", message: `${metric.key} is measured per channel — use a per_channel rule giving each channel its own rule`, params: { metric: metric.key } });
      } else {
        issues.push(...scalarRuleIssues(rule, def, rubric.scale, [...at, "rule"]));
      }
    });
  });

  if (totalBp !== TOTAL_WEIGHT_BP) {
    issues.push({ path: ["dimensions"], code: "weights_total", message: `weights total ${pct(totalBp)}, they must total 100%`, params: { total: pct(totalBp) } });
  }
  return issues;
}

/** The rubric's full schema: the structural shape plus every cross-field rule above. */
export const rubricSchema = rubricShapeSchema.superRefine((rubric, ctx) => {
  for (const issue of rubricIssues(rubric)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message, params: { code: issue.code, key: issue.key ?? issue.code, values: issue.params ?? {} } });
  }
});

interface Worded {
  message: string;
  key: string;
  params: IssueParams;
}
const worded = (message: string, key: string, params: IssueParams = {}): Worded => ({ message, key, params });

/** zod's structural messages, reworded for an HR admin editing a rubric. */
function humanZodMessage(issue: z.ZodIssue): Worded {
  const raw = worded(issue.message, issue.code, { message: issue.message });
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return worded("is required", "zod_required");
      if (issue.expected === "integer") return worded("must be a whole number", "zod_whole_number");
      {
        const an = /^[aeiou]/.test(issue.expected);
        return worded(`must be ${an ? "an" : "a"} ${issue.expected}, not ${issue.received}`, an ? "zod_type_an" : "zod_type", { expected: issue.expected, received: issue.received });
      }
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.type === "number") return issue.inclusive ? worded(`must be at least ${minimum}`, "zod_at_least", { minimum }) : worded(`must be more than ${minimum}`, "zod_more_than", { minimum });
      if (issue.type === "array") return worded(`needs at least ${minimum} ${minimum === 1 ? "entry" : "entries"}`, minimum === 1 ? "zod_entries_one" : "zod_entries", { minimum });
      if (issue.type === "string" && minimum === 1) return worded("must not be empty", "zod_not_empty");
      return raw;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.type === "number") return issue.inclusive ? worded(`must be at most ${maximum}`, "zod_at_most", { maximum }) : worded(`must be less than ${maximum}`, "zod_less_than", { maximum });
      return raw;
    }
    case "invalid_enum_value":
      return worded(`${JSON.stringify(issue.received)} is not one of: ${issue.options.join(", ")}`, "zod_not_one_of", { received: JSON.stringify(issue.received), options: issue.options.join(", ") });
    case "invalid_union_discriminator":
      return worded(`must be one of: ${issue.options.map(String).join(", ")}`, "zod_one_of", { options: issue.options.map(String).join(", ") });
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(", ");
      return worded(`unknown ${issue.keys.length === 1 ? "field" : "fields"} ${keys}`, issue.keys.length === 1 ? "zod_unknown_field" : "zod_unknown_fields", { keys });
    }
    case "invalid_union": {
      // A union of literals (the scale: 5 | 10) reads better as the list of allowed values.
      const literals = issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === "invalid_literal");
      if (literals.length === issue.unionErrors.length) {
        const values = literals.map((i) => String(i.expected));
        const message = `must be ${values.join(" or ")}`;
        // Two choices (the scale: 5 or 10) translate as a pair; longer lists keep the English.
        return values.length === 2 ? worded(message, "zod_literals", { first: values[0]!, second: values[1]! }) : worded(message, "custom", { message });
      }
      return raw;
    }
    default:
      return raw;
  }
}

function toRubricIssue(issue: z.ZodIssue): RubricIssue {
  const path = formatIssuePath(issue.path);
  if (issue.code === "custom") {
    const code = typeof issue.params?.code === "string" ? issue.params.code : "custom";
    const messageKey = typeof issue.params?.key === "string" ? issue.params.key : code;
    const params = (issue.params?.values as IssueParams | undefined) ?? (code === "custom" ? { message: issue.message } : {});
    return { path, message: issue.message, code, messageKey, params };
  }
  const { message, key, params } = humanZodMessage(issue);
  return { path, message, code: issue.code, messageKey: key, params };
}

/**
 * Validates a rubric (e.g. a draft from the rubric editor or a stored JSON definition) and
 * returns every problem at once, each with its path, so the editor can show them all.
 */
export function validateRubric(input: unknown): RubricValidation {
  const parsed = rubricSchema.safeParse(input);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(toRubricIssue) };
}

export class RubricValidationError extends Error {
  readonly code = "rubric_invalid";
  constructor(readonly issues: RubricIssue[]) {
    super(`invalid rubric:\n${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n")}`);
    this.name = "RubricValidationError";
  }
}

/** Like validateRubric, but throws a RubricValidationError listing every problem. */
export function parseRubric(input: unknown): Rubric {
  const result = validateRubric(input);
  if (!result.ok) throw new RubricValidationError(result.issues);
  return result.rubric;
}
