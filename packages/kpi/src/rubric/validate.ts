import { z } from "zod";
import { METRIC_CATALOGUE, type MetricDefinition, type MetricDirection, type MetricDomain } from "../metrics/catalogue.ts";
import { round9 } from "../precision.ts";
import { type BandsRule, CHANNELS, type Rubric, rubricShapeSchema, type ScalarRule } from "./schema.ts";

/** Total rubric weight in basis points: 100 %. */
export const TOTAL_WEIGHT_BP = 10_000;

/** A problem with a rubric: where (`dimensions[1].metrics[0].rule.bands[2]`) and what, in plain words. */
export interface RubricIssue {
  path: string;
  message: string;
  /** Stable code for translation at the edge; zod's own codes for structural problems. */
  code: string;
}

export type RubricValidation = { ok: true; rubric: Rubric } | { ok: false; issues: RubricIssue[] };

type PathSegment = string | number;
interface RawIssue {
  path: PathSegment[];
  message: string;
  code: string;
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
  const add = (index: number | null, code: string, message: string) =>
    issues.push({ path: index === null ? [...at, "bands"] : [...at, "bands", index], code, message });
  const higher = direction === "higher_is_better";

  bands.forEach((band, i) => {
    if (band.lower !== null && band.upper !== null && band.lower >= band.upper) {
      add(i, "band_empty", `empty band — lower ${band.lower} must be below upper ${band.upper}`);
    }
    if (band.points > scale) add(i, "band_points_above_scale", `${band.points} points is above the rubric's scale of ${scale}`);
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
      add(i, "bands_not_best_first", `bands must be listed best first (${directionWords(direction)})`);
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
    if (gap) add(i, "band_gap", `gap between ${meet} and ${end} — bands must be contiguous`);
    else {
      add(
        i,
        "band_overlap",
        higher
          ? `overlaps bands[${i - 1}]: its upper bound ${bound(end, "(open)")} is above that band's lower bound ${meet} — bands must not overlap`
          : `overlaps bands[${i - 1}]: its lower bound ${bound(end, "(open)")} is below that band's upper bound ${meet} — bands must not overlap`,
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
        : `the best band ends at ${first.upper} (exclusive) but ${name} goes up to ${max} — leave its upper bound open or set it above ${max}`);
    }
    if (last.lower !== null && last.lower > min) {
      add(bands.length - 1, "bands_miss_bottom", `the worst band starts at ${last.lower} but ${name} can be as low as ${min} — leave its lower bound open or set it at or below ${min}`);
    }
  } else {
    if (first.lower !== null && first.lower >= min) {
      add(0, "bands_miss_bottom", `the best band starts above ${first.lower} (exclusive) but ${name} can be as low as ${min} — leave its lower bound open or set it below ${min}`);
    }
    if (last.upper !== null && (max === null || last.upper < max)) {
      add(bands.length - 1, "bands_miss_top", max === null
        ? `the worst band ends at ${last.upper} but ${name} has no upper limit — leave its upper bound open`
        : `the worst band ends at ${last.upper} but ${name} goes up to ${max} — leave its upper bound open or set it at or above ${max}`);
    }
  }

  for (let i = 1; i < bands.length; i++) {
    const better = bands[i - 1]!;
    const cur = bands[i]!;
    if (cur.points > better.points) {
      add(i, "band_points_rise", `${cur.points} points is more than the ${better.points} points of the better band before it — a worse result must never score more`);
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
        issues.push({ path: [...at, "type"], code: "step_needs_lower_is_better", message: `a step deduction takes points off as the value rises, but higher ${def.key} is better — use bands or linear` });
      }
      if (rule.top > scale) issues.push({ path: [...at, "top"], code: "step_top_above_scale", message: `top ${rule.top} is above the rubric's scale of ${scale}` });
      if (rule.floor > rule.top) issues.push({ path: [...at, "floor"], code: "step_floor_above_top", message: `floor ${rule.floor} is above top ${rule.top}` });
      const { min, max } = def.domain;
      if (rule.threshold < min || (max !== null && rule.threshold > max)) {
        issues.push({ path: [...at, "threshold"], code: "step_threshold_outside_domain", message: `threshold ${rule.threshold} is outside ${def.key}'s range ${describeDomain(def.domain)}` });
      }
      return issues;
    }
    case "linear":
      // Any positive factor is valid: raw × factor above the scale is capped (shown as capped).
      return direction === "higher_is_better"
        ? []
        : [{ path: [...at, "type"], code: "linear_needs_higher_is_better", message: `a linear rule gives more points for a higher value, but lower ${def.key} is better — use bands or step` }];
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
      issues.push({ path: ["dimensions", d, "key"], code: "duplicate_dimension", message: `dimension key "${dimension.key}" is already used by dimensions[${earlier}] — keys must be unique` });
    } else dimensionSeen.set(dimension.key, d);

    dimension.metrics.forEach((metric, m) => {
      const at: PathSegment[] = ["dimensions", d, "metrics", m];
      const def = METRIC_CATALOGUE[metric.key];
      totalBp += metric.weightBp;

      const first = metricSeen.get(metric.key);
      if (first !== undefined) {
        issues.push({ path: [...at, "key"], code: "duplicate_metric", message: `metric "${metric.key}" is already scored at ${first} — each metric may appear once` });
      } else metricSeen.set(metric.key, formatIssuePath(at));

      if (metric.weightBp === 0) {
        issues.push({ path: [...at, "weightBp"], code: "zero_weight", message: `${metric.key} has weight 0% — a metric that counts for nothing must be removed, not weighted 0` });
      }

      const rule = metric.rule;
      if (rule.type === "per_channel") {
        if (!def.perChannel) {
          issues.push({ path: [...at, "rule", "type"], code: "per_channel_not_allowed", message: `${metric.key} is one value per agent, not per channel — use a bands, step or linear rule` });
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
        issues.push({ path: [...at, "rule", "type"], code: "per_channel_required", message: `${metric.key} is measured per channel — use a per_channel rule giving each channel its own rule` });
      } else {
        issues.push(...scalarRuleIssues(rule, def, rubric.scale, [...at, "rule"]));
      }
    });
  });

  if (totalBp !== TOTAL_WEIGHT_BP) {
    issues.push({ path: ["dimensions"], code: "weights_total", message: `weights total ${pct(totalBp)}, they must total 100%` });
  }
  return issues;
}

/** The rubric's full schema: the structural shape plus every cross-field rule above. */
export const rubricSchema = rubricShapeSchema.superRefine((rubric, ctx) => {
  for (const issue of rubricIssues(rubric)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message, params: { code: issue.code } });
  }
});

/** zod's structural messages, reworded for an HR admin editing a rubric. */
function humanZodMessage(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return "is required";
      if (issue.expected === "integer") return "must be a whole number";
      return `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}, not ${issue.received}`;
    case "too_small":
      if (issue.type === "number") return issue.inclusive ? `must be at least ${issue.minimum}` : `must be more than ${issue.minimum}`;
      if (issue.type === "array") return `needs at least ${issue.minimum} ${issue.minimum === 1 ? "entry" : "entries"}`;
      if (issue.type === "string" && issue.minimum === 1) return "must not be empty";
      return issue.message;
    case "too_big":
      if (issue.type === "number") return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
      return issue.message;
    case "invalid_enum_value":
      return `${JSON.stringify(issue.received)} is not one of: ${issue.options.join(", ")}`;
    case "invalid_union_discriminator":
      return `must be one of: ${issue.options.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_union": {
      // A union of literals (the scale: 5 | 10) reads better as the list of allowed values.
      const literals = issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === "invalid_literal");
      if (literals.length === issue.unionErrors.length) {
        return `must be ${literals.map((i) => String(i.expected)).join(" or ")}`;
      }
      return issue.message;
    }
    default:
      return issue.message;
  }
}

function toRubricIssue(issue: z.ZodIssue): RubricIssue {
  const path = formatIssuePath(issue.path);
  if (issue.code === "custom") {
    const code = typeof issue.params?.code === "string" ? issue.params.code : "custom";
    return { path, message: issue.message, code };
  }
  return { path, message: humanZodMessage(issue), code: issue.code };
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
