import { z } from "zod";
import { ITEM_RATED_METRIC_KEYS } from "../rubric/schema.ts";

/**
 * A QA scorecard form (seed 003): sections of items. Each item has its maximum points, is
 * key (fatal) or not, and is scored either by graded options (good / average / poor, e.g.
 * 15/12/0) or by per-occurrence deductions down to a floor (e.g. −2 per missed SOP step,
 * floor 0). A form may allow bonus points for exemplary handling; the total never exceeds
 * the form's maximum (the sum of its items' maximum points).
 */

/** The rubric's 5/3/1 item-rated metrics an item may feed (optional tag). */
export const QA_ITEM_METRIC_KEYS = ITEM_RATED_METRIC_KEYS;
export type QaItemMetricKey = (typeof QA_ITEM_METRIC_KEYS)[number];

const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _ (start with a letter)");
const points = z.number().finite().min(0).max(1000);

export const qaGradedOptionSchema = z.object({
  key: keySchema,
  label: z.string().min(1).max(80),
  points,
  /** Choosing this option fails the item (counts towards pass/fail; zeroes the form if key). */
  failed: z.boolean(),
});
export type QaGradedOption = z.infer<typeof qaGradedOptionSchema>;

export const qaItemScoringSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("graded"), options: z.array(qaGradedOptionSchema).min(2).max(6) }),
  z.object({
    type: z.literal("deduction"),
    /** Points taken off per occurrence (e.g. 2 per missed SOP step). */
    pointsPerOccurrence: points.refine((p) => p > 0, "must be more than 0"),
    /** The item never scores below this (usually 0). */
    floorPoints: points,
    /** The item counts as failed from this many occurrences (default 1). */
    failAtOccurrences: z.number().int().min(1).max(100).default(1),
  }),
]);
export type QaItemScoring = z.infer<typeof qaItemScoringSchema>;

export const qaItemSchema = z.object({
  key: keySchema,
  title: z.string().min(1).max(200),
  maxPoints: points.refine((p) => p > 0, "must be more than 0"),
  /** Key (fatal) item: failing it zeroes the whole evaluation. */
  fatal: z.boolean(),
  scoring: qaItemScoringSchema,
  metricKey: z.enum(QA_ITEM_METRIC_KEYS).optional(),
});
export type QaItem = z.infer<typeof qaItemSchema>;

export const qaSectionSchema = z.object({
  key: keySchema,
  title: z.string().min(1).max(200),
  items: z.array(qaItemSchema).min(1).max(50),
});
export type QaSection = z.infer<typeof qaSectionSchema>;

export const qaFormDefinitionSchema = z
  .object({
    name: z.string().min(1).max(120),
    sections: z.array(qaSectionSchema).min(1).max(20),
    /** Bonus points a reviewer may add for exemplary handling (0 = none). */
    bonusMaxPoints: points.default(0),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        if (seen.has(item.key)) {
          ctx.addIssue({ code: "custom", path: ["sections", s, "items", i, "key"], message: `item key "${item.key}" is used twice` });
        }
        seen.add(item.key);
        const sc = item.scoring;
        if (sc.type === "graded") {
          const keys = new Set(sc.options.map((o) => o.key));
          if (keys.size !== sc.options.length) {
            ctx.addIssue({ code: "custom", path: ["sections", s, "items", i, "scoring"], message: "option keys must differ" });
          }
          if (sc.options.some((o) => o.points > item.maxPoints)) {
            ctx.addIssue({ code: "custom", path: ["sections", s, "items", i, "scoring"], message: "an option is worth more than the item's maximum" });
          }
          if (!sc.options.some((o) => o.points === item.maxPoints)) {
            ctx.addIssue({ code: "custom", path: ["sections", s, "items", i, "scoring"], message: "one option must give the item's maximum" });
          }
        } else if (sc.floorPoints >= item.maxPoints) {
          ctx.addIssue({ code: "custom", path: ["sections", s, "items", i, "scoring", "floorPoints"], message: "the floor must be below the item's maximum" });
        }
      }),
    );
  });
export type QaFormDefinition = z.infer<typeof qaFormDefinitionSchema>;
export type QaFormDefinitionInput = z.input<typeof qaFormDefinitionSchema>;

/** Every item of the form, in order. */
export const qaFormItems = (form: QaFormDefinition): QaItem[] => form.sections.flatMap((s) => s.items);

/** The form maximum: the sum of its items' maximum points. */
export function qaFormMaxPoints(form: QaFormDefinition): number {
  return qaFormItems(form).reduce((sum, item) => sum + item.maxPoints, 0);
}
