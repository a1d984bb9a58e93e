import { z } from "zod";

/** Contact channels recorded in interactions.csv and csat.csv. */
export const CHANNELS = ["phone", "chat", "email"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/**
 * Every metric the engine knows how to compute from raw sums. The key decides the raw
 * computation (see metrics/catalogue.ts); the rubric decides weight, sample and rule.
 */
export const METRIC_KEYS = [
  "first_response_time",
  "first_contact_resolution",
  "qa_score",
  "csat",
  "phone_answer_rate_90s",
  "chat_response_time",
  "repeat_contact_rate",
  "complaint_rate",
  "knowledge_accuracy",
  "tone_patience",
  "empathy",
  "sop_compliance",
  "record_completeness",
] as const;
export const metricKeySchema = z.enum(METRIC_KEYS);
export type MetricKey = z.infer<typeof metricKeySchema>;

/** Metrics rated 5/3/1 per item on QA forms: items tagged with one feed it (qa/itemRatings.ts). */
export const ITEM_RATED_METRIC_KEYS = [
  "knowledge_accuracy",
  "tone_patience",
  "empathy",
  "sop_compliance",
  "record_completeness",
] as const satisfies readonly MetricKey[];
export type ItemRatedMetricKey = (typeof ITEM_RATED_METRIC_KEYS)[number];

const finite = z.number().finite();

/**
 * One interval of a banded rule. `null` bounds are open (−∞ / +∞). Closedness follows the
 * metric's direction: higher-is-better bands are [lower, upper), lower-is-better bands are
 * (lower, upper], so a value exactly on a boundary always lands in the better band.
 */
export const bandSchema = z.object({
  lower: finite.nullable(),
  upper: finite.nullable(),
  points: finite.min(0),
});
export type Band = z.infer<typeof bandSchema>;

export const bandsRuleSchema = z.object({
  type: z.literal("bands"),
  bands: z.array(bandSchema).min(1),
});

/** excess = max(0, raw − threshold); points = max(floor, top − pointsPerStep × ⌊excess / step⌋). */
export const stepRuleSchema = z.object({
  type: z.literal("step"),
  threshold: finite.min(0),
  step: finite.positive(),
  pointsPerStep: finite.positive(),
  top: finite.min(0),
  floor: finite.min(0),
});

/** points = clamp(raw × factor, 0, scale). */
export const linearRuleSchema = z.object({
  type: z.literal("linear"),
  factor: finite.positive(),
});

export const scalarRuleSchema = z.discriminatedUnion("type", [bandsRuleSchema, stepRuleSchema, linearRuleSchema]);
export type ScalarRule = z.infer<typeof scalarRuleSchema>;

/** A rule per channel; channel points are combined weighted by each channel's counted contacts. */
export const perChannelRuleSchema = z.object({
  type: z.literal("per_channel"),
  channels: z
    .object({ phone: scalarRuleSchema.optional(), chat: scalarRuleSchema.optional(), email: scalarRuleSchema.optional() })
    .strict(),
});

export const ruleSchema = z.discriminatedUnion("type", [
  bandsRuleSchema,
  stepRuleSchema,
  linearRuleSchema,
  perChannelRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type BandsRule = z.infer<typeof bandsRuleSchema>;
export type StepRule = z.infer<typeof stepRuleSchema>;
export type LinearRule = z.infer<typeof linearRuleSchema>;
export type PerChannelRule = z.infer<typeof perChannelRuleSchema>;

export const rubricMetricSchema = z.object({
  key: metricKeySchema,
  /** Weight in basis points (15% = 1500) so that sums are exact integers. */
  weightBp: z.number().int().min(0).max(10_000),
  /** Below this sample the metric counts as missing. */
  minSample: z.number().int().min(0),
  rule: ruleSchema,
});
export type RubricMetric = z.infer<typeof rubricMetricSchema>;

export const rubricDimensionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _"),
  name: z.string().min(1).max(80),
  metrics: z.array(rubricMetricSchema).min(1),
});
export type RubricDimension = z.infer<typeof rubricDimensionSchema>;

export const SCALES = [5, 10] as const;

/** Structural shape only; `validateRubric` adds the cross-field rules (weights, bands, thresholds). */
export const rubricShapeSchema = z.object({
  name: z.string().min(1).max(120),
  scale: z.union([z.literal(5), z.literal(10)]),
  dimensions: z.array(rubricDimensionSchema).min(1),
});
export type Rubric = z.infer<typeof rubricShapeSchema>;
