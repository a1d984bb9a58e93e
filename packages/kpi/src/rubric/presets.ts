import type { BandsRule, LinearRule, MetricKey, Rubric, RubricMetric, StepRule } from "./schema.ts";

/** Presets are shared by every caller; freezing makes an accidental edit throw instead of leaking. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** −1 point per full `step` over `threshold`, from 10 down to 0 (seed 001's response-time rule). */
const tenPointStep = (threshold: number, step: number): StepRule => ({
  type: "step",
  threshold,
  step,
  pointsPerStep: 1,
  top: 10,
  floor: 0,
});

/**
 * Default rubric (seed 001's appraisal table, weights 15 / 25 / 20 / 40). Response time
 * thresholds: phone 30 s, chat 15 s, email 4 h; −1 point per full 10 s (email: per full hour).
 */
export const CONTACT_CENTRE_10_POINT: Rubric = deepFreeze({
  name: "Contact centre 10-point",
  scale: 10,
  dimensions: [
    {
      key: "responsiveness",
      name: "Responsiveness",
      metrics: [
        {
          key: "first_response_time",
          weightBp: 1500,
          minSample: 30,
          rule: {
            type: "per_channel",
            channels: { phone: tenPointStep(30, 10), chat: tenPointStep(15, 10), email: tenPointStep(4 * 3600, 3600) },
          },
        },
      ],
    },
    {
      key: "efficiency",
      name: "Efficiency",
      metrics: [
        {
          key: "first_contact_resolution",
          weightBp: 2500,
          minSample: 30,
          rule: {
            type: "bands",
            bands: [
              { lower: 95, upper: null, points: 10 },
              { lower: 90, upper: 95, points: 8 },
              { lower: 85, upper: 90, points: 6 },
              { lower: null, upper: 85, points: 0 },
            ],
          },
        },
      ],
    },
    {
      key: "process_compliance",
      name: "Process compliance",
      metrics: [{ key: "qa_score", weightBp: 2000, minSample: 3, rule: { type: "linear", factor: 0.1 } }],
    },
    {
      key: "customer_satisfaction",
      name: "Customer satisfaction",
      metrics: [
        {
          key: "csat",
          weightBp: 4000,
          minSample: 10,
          rule: {
            type: "bands",
            bands: [
              { lower: 4.5, upper: null, points: 10 },
              { lower: 4.0, upper: 4.5, points: 8 },
              { lower: 3.5, upper: 4.0, points: 6 },
              { lower: 3.0, upper: 3.5, points: 4 },
              { lower: null, upper: 3.0, points: 0 },
            ],
          },
        },
      ],
    },
  ],
});

/** Seed 000 scores item ratings 5/3/1 directly: the mean item rating (1–5) is the points. */
const ITEM_RATING_AS_POINTS: LinearRule = { type: "linear", factor: 1 };

/** Higher-is-better 5/3/1: ≥ top → 5 · [bottom, top) → 3 · < bottom → 1. */
const fiveThreeOneAtLeast = (top: number, bottom: number): BandsRule => ({
  type: "bands",
  bands: [
    { lower: top, upper: null, points: 5 },
    { lower: bottom, upper: top, points: 3 },
    { lower: null, upper: bottom, points: 1 },
  ],
});

/** Lower-is-better 5/3/1: ≤ best → 5 · (best, worst] → 3 · > worst → 1. */
const fiveThreeOneAtMost = (best: number, worst: number): BandsRule => ({
  type: "bands",
  bands: [
    { lower: null, upper: best, points: 5 },
    { lower: best, upper: worst, points: 3 },
    { lower: worst, upper: null, points: 1 },
  ],
});

type FiveDimensionWeights = Record<
  | "phone_answer_rate_90s"
  | "chat_response_time"
  | "knowledge_accuracy"
  | "first_contact_resolution"
  | "tone_patience"
  | "empathy"
  | "sop_compliance"
  | "record_completeness"
  | "csat"
  | "repeat_contact_rate",
  number
>;

/** Seed 000's five dimensions and ten metrics on the 1–5 scale, with the weights given. */
function fiveDimensionRubric(name: string, w: FiveDimensionWeights): Rubric {
  const metric = (key: keyof FiveDimensionWeights & MetricKey, minSample: number, rule: RubricMetric["rule"]): RubricMetric => ({
    key,
    weightBp: w[key],
    minSample,
    rule,
  });
  return {
    name,
    scale: 5,
    dimensions: [
      {
        key: "responsiveness",
        name: "Responsiveness",
        metrics: [
          metric("phone_answer_rate_90s", 30, fiveThreeOneAtLeast(95, 80)),
          metric("chat_response_time", 30, fiveThreeOneAtMost(30, 60)),
        ],
      },
      {
        key: "professionalism",
        name: "Professionalism",
        metrics: [
          metric("knowledge_accuracy", 3, ITEM_RATING_AS_POINTS),
          metric("first_contact_resolution", 30, fiveThreeOneAtLeast(90, 70)),
        ],
      },
      {
        key: "attitude",
        name: "Attitude",
        metrics: [metric("tone_patience", 3, ITEM_RATING_AS_POINTS), metric("empathy", 3, ITEM_RATING_AS_POINTS)],
      },
      {
        key: "compliance",
        name: "Compliance",
        metrics: [metric("sop_compliance", 3, ITEM_RATING_AS_POINTS), metric("record_completeness", 3, ITEM_RATING_AS_POINTS)],
      },
      {
        key: "satisfaction",
        name: "Satisfaction",
        metrics: [metric("csat", 10, fiveThreeOneAtLeast(4.5, 3.5)), metric("repeat_contact_rate", 30, fiveThreeOneAtMost(5, 10))],
      },
    ],
  };
}

/** Seed 000 as written: each dimension 20 %, split 10 / 10 between its two metrics. */
export const FIVE_DIMENSION_531: Rubric = deepFreeze(
  fiveDimensionRubric("Five-dimension 5/3/1", {
    phone_answer_rate_90s: 1000,
    chat_response_time: 1000,
    knowledge_accuracy: 1000,
    first_contact_resolution: 1000,
    tone_patience: 1000,
    empathy: 1000,
    sop_compliance: 1000,
    record_completeness: 1000,
    csat: 1000,
    repeat_contact_rate: 1000,
  }),
);

/**
 * Seed 000: "e-commerce leans on problem-solving efficiency". FCR 25 % and, as its mirror
 * image, repeat contacts 10 %; compliance paperwork weighs less. A starting point for the
 * semiannual review, not a recommendation.
 */
export const ECOMMERCE_FCR_FOCUS: Rubric = deepFreeze(
  fiveDimensionRubric("E-commerce: FCR focus", {
    phone_answer_rate_90s: 1000,
    chat_response_time: 1000,
    knowledge_accuracy: 750,
    first_contact_resolution: 2500,
    tone_patience: 750,
    empathy: 750,
    sop_compliance: 500,
    record_completeness: 500,
    csat: 1250,
    repeat_contact_rate: 1000,
  }),
);

/**
 * Seed 000: "finance leans on knowledge accuracy". Knowledge accuracy 25 % and, because
 * regulated work must follow procedure, SOP compliance 15 % and record completeness 10 %.
 */
export const FINANCE_KNOWLEDGE_FOCUS: Rubric = deepFreeze(
  fiveDimensionRubric("Finance: knowledge accuracy focus", {
    phone_answer_rate_90s: 750,
    chat_response_time: 750,
    knowledge_accuracy: 2500,
    first_contact_resolution: 1000,
    tone_patience: 500,
    empathy: 500,
    sop_compliance: 1500,
    record_completeness: 1000,
    csat: 1000,
    repeat_contact_rate: 500,
  }),
);

export const RUBRIC_PRESET_IDS = [
  "contact_centre_10_point",
  "five_dimension_531",
  "ecommerce_fcr_focus",
  "finance_knowledge_focus",
] as const;
export type RubricPresetId = (typeof RUBRIC_PRESET_IDS)[number];

export interface RubricPreset {
  id: RubricPresetId;
  rubric: Rubric;
}

/** Starting points offered when HR creates a rubric version. Each is frozen; copy before editing. */
export const RUBRIC_PRESETS: readonly RubricPreset[] = deepFreeze([
  { id: "contact_centre_10_point", rubric: CONTACT_CENTRE_10_POINT },
  { id: "five_dimension_531", rubric: FIVE_DIMENSION_531 },
  { id: "ecommerce_fcr_focus", rubric: ECOMMERCE_FCR_FOCUS },
  { id: "finance_knowledge_focus", rubric: FINANCE_KNOWLEDGE_FOCUS },
]);
