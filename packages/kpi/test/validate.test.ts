import { describe, expect, it } from "vitest";
import {
  CONTACT_CENTRE_10_POINT,
  FIVE_DIMENSION_531,
  RUBRIC_PRESETS,
  type Rubric,
  RubricValidationError,
  parseRubric,
  rubricSchema,
  validateRubric,
} from "../src/index.ts";

/** A mutable copy of a preset to break one thing in. */
const copy = (rubric: Rubric): Rubric => structuredClone(rubric);
const defaultRubric = () => copy(CONTACT_CENTRE_10_POINT);
const fiveDimension = () => copy(FIVE_DIMENSION_531);

/** The issues as "path: message" lines, so each test states the exact text a user would read. */
function issuesOf(input: unknown): string[] {
  const result = validateRubric(input);
  if (result.ok) return [];
  return result.issues.map((i) => `${i.path}: ${i.message}`);
}

function fcrBands(rubric: Rubric) {
  const rule = rubric.dimensions[1]!.metrics[0]!.rule;
  if (rule.type !== "bands") throw new Error("FCR uses bands in the default rubric");
  return rule.bands;
}

describe("presets validate", () => {
  it.each(RUBRIC_PRESETS.map((p) => [p.id, p.rubric] as const))("%s", (_id, rubric) => {
    expect(validateRubric(rubric)).toEqual({ ok: true, rubric });
    expect(rubricSchema.safeParse(rubric).success).toBe(true);
  });
});

describe("weights", () => {
  it("must total exactly 100 %", () => {
    const r = defaultRubric();
    r.dimensions[3]!.metrics[0]!.weightBp = 3500; // 15 + 25 + 20 + 35 = 95
    expect(issuesOf(r)).toEqual(["dimensions: weights total 95%, they must total 100%"]);
  });

  it("states fractional totals too", () => {
    const r = defaultRubric();
    r.dimensions[3]!.metrics[0]!.weightBp = 4050; // 100.5 %
    expect(issuesOf(r)).toEqual(["dimensions: weights total 100.5%, they must total 100%"]);
  });

  it("a 0 % metric is rejected", () => {
    const r = defaultRubric();
    r.dimensions[0]!.metrics.push({ key: "complaint_rate", weightBp: 0, minSample: 30, rule: { type: "bands", bands: [{ lower: null, upper: null, points: 10 }] } });
    expect(issuesOf(r)).toEqual([
      "dimensions[0].metrics[1].weightBp: complaint_rate has weight 0% — a metric that counts for nothing must be removed, not weighted 0",
    ]);
  });
});

describe("keys", () => {
  it("dimension keys are unique", () => {
    const r = defaultRubric();
    r.dimensions[2]!.key = "efficiency";
    expect(issuesOf(r)).toEqual(['dimensions[2].key: dimension key "efficiency" is already used by dimensions[1] — keys must be unique']);
  });

  it("a metric is scored once", () => {
    const r = defaultRubric();
    r.dimensions[3]!.metrics[0]!.weightBp = 2000;
    r.dimensions[3]!.metrics.push({ ...r.dimensions[1]!.metrics[0]!, weightBp: 2000 });
    expect(issuesOf(r)).toEqual([
      'dimensions[3].metrics[1].key: metric "first_contact_resolution" is already scored at dimensions[1].metrics[0] — each metric may appear once',
    ]);
  });
});

describe("bands (FCR, higher is better, domain 0–100)", () => {
  it("a gap between bands", () => {
    const r = defaultRubric();
    fcrBands(r)[2] = { lower: 85, upper: 89, points: 6 };
    expect(issuesOf(r)).toEqual(["dimensions[1].metrics[0].rule.bands[2]: gap between 90 and 89 — bands must be contiguous"]);
  });

  it("overlapping bands", () => {
    const r = defaultRubric();
    fcrBands(r)[2] = { lower: 85, upper: 92, points: 6 };
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.bands[2]: overlaps bands[1]: its upper bound 92 is above that band's lower bound 90 — bands must not overlap",
    ]);
  });

  it("bands listed worst first", () => {
    const r = defaultRubric();
    fcrBands(r).reverse();
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.bands[1]: bands must be listed best first (higher values first, since higher is better)",
    ]);
  });

  it("an empty band", () => {
    const r = defaultRubric();
    fcrBands(r)[1] = { lower: 95, upper: 90, points: 8 };
    expect(issuesOf(r)).toEqual(["dimensions[1].metrics[0].rule.bands[1]: empty band — lower 95 must be below upper 90"]);
  });

  it("the best band must reach the top of the domain (100 % itself is not in [95, 100))", () => {
    const r = defaultRubric();
    fcrBands(r)[0] = { lower: 95, upper: 100, points: 10 };
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.bands[0]: the best band ends at 100 (exclusive) but first_contact_resolution goes up to 100 — leave its upper bound open or set it above 100",
    ]);
  });

  it("the worst band must reach the bottom of the domain", () => {
    const r = defaultRubric();
    fcrBands(r)[3] = { lower: 10, upper: 85, points: 0 };
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.bands[3]: the worst band starts at 10 but first_contact_resolution can be as low as 0 — leave its lower bound open or set it at or below 0",
    ]);
  });

  it("closed ends exactly on the domain are fine (FCR [0, 85), CSAT [1, 3))", () => {
    const r = defaultRubric();
    fcrBands(r)[3] = { lower: 0, upper: 85, points: 0 };
    const csat = r.dimensions[3]!.metrics[0]!.rule;
    if (csat.type !== "bands") throw new Error("CSAT uses bands");
    csat.bands[4] = { lower: 1, upper: 3, points: 0 };
    expect(issuesOf(r)).toEqual([]);
  });

  it("points above the scale", () => {
    const r = defaultRubric();
    fcrBands(r)[0]!.points = 12;
    expect(issuesOf(r)).toEqual(["dimensions[1].metrics[0].rule.bands[0]: 12 points is above the rubric's scale of 10"]);
  });

  it("a worse band paying more than a better one", () => {
    const r = defaultRubric();
    fcrBands(r)[2]!.points = 9;
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.bands[2]: 9 points is more than the 8 points of the better band before it — a worse result must never score more",
    ]);
  });

  it("negative points (structural)", () => {
    const r = defaultRubric();
    fcrBands(r)[3]!.points = -1;
    expect(issuesOf(r)).toEqual(["dimensions[1].metrics[0].rule.bands[3].points: must be at least 0"]);
  });
});

describe("bands (chat response time, lower is better, 0 s upward)", () => {
  const chatBands = (r: Rubric) => {
    const rule = r.dimensions[0]!.metrics[1]!.rule;
    if (rule.type !== "bands") throw new Error("chat uses bands");
    return rule.bands;
  };

  it("the best band must include 0 s: (0, 30] leaves 0 out", () => {
    const r = fiveDimension();
    chatBands(r)[0]!.lower = 0;
    expect(issuesOf(r)).toEqual([
      "dimensions[0].metrics[1].rule.bands[0]: the best band starts above 0 (exclusive) but chat_response_time can be as low as 0 — leave its lower bound open or set it below 0",
    ]);
  });

  it("the worst band must stay open for an unbounded metric", () => {
    const r = fiveDimension();
    chatBands(r)[2]!.upper = 3600;
    expect(issuesOf(r)).toEqual([
      "dimensions[0].metrics[1].rule.bands[2]: the worst band ends at 3600 but chat_response_time has no upper limit — leave its upper bound open",
    ]);
  });

  it("a gap, lower-is-better", () => {
    const r = fiveDimension();
    chatBands(r)[1]!.lower = 35;
    expect(issuesOf(r)).toEqual(["dimensions[0].metrics[1].rule.bands[1]: gap between 30 and 35 — bands must be contiguous"]);
  });
});

describe("step rules", () => {
  const phoneStep = (r: Rubric) => {
    const rule = r.dimensions[0]!.metrics[0]!.rule;
    if (rule.type !== "per_channel" || rule.channels.phone?.type !== "step") throw new Error("phone uses a step rule");
    return rule.channels.phone;
  };

  it("top above the scale", () => {
    const r = defaultRubric();
    phoneStep(r).top = 11;
    expect(issuesOf(r)).toEqual(["dimensions[0].metrics[0].rule.channels.phone.top: top 11 is above the rubric's scale of 10"]);
  });

  it("floor above top", () => {
    const r = defaultRubric();
    phoneStep(r).top = 5;
    phoneStep(r).floor = 6;
    expect(issuesOf(r)).toEqual(["dimensions[0].metrics[0].rule.channels.phone.floor: floor 6 is above top 5"]);
  });

  it("threshold outside the metric's domain", () => {
    const r = fiveDimension();
    r.dimensions[4]!.metrics[1]!.rule = { type: "step", threshold: 120, step: 1, pointsPerStep: 1, top: 5, floor: 1 };
    expect(issuesOf(r)).toEqual(["dimensions[4].metrics[1].rule.threshold: threshold 120 is outside repeat_contact_rate's range 0–100"]);
  });

  it("a step deduction on a higher-is-better metric", () => {
    const r = defaultRubric();
    r.dimensions[1]!.metrics[0]!.rule = { type: "step", threshold: 90, step: 1, pointsPerStep: 1, top: 10, floor: 0 };
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].rule.type: a step deduction takes points off as the value rises, but higher first_contact_resolution is better — use bands or linear",
    ]);
  });

  it("step must be positive (structural)", () => {
    const r = defaultRubric();
    phoneStep(r).step = 0;
    expect(issuesOf(r)).toEqual(["dimensions[0].metrics[0].rule.channels.phone.step: must be more than 0"]);
  });
});

describe("linear rules", () => {
  it("a linear rule on a lower-is-better metric", () => {
    const r = fiveDimension();
    r.dimensions[0]!.metrics[1]!.rule = { type: "linear", factor: 0.1 };
    expect(issuesOf(r)).toEqual([
      "dimensions[0].metrics[1].rule.type: a linear rule gives more points for a higher value, but lower chat_response_time is better — use bands or step",
    ]);
  });

  it("a factor that overshoots the scale is valid (points are capped)", () => {
    const r = defaultRubric();
    r.dimensions[2]!.metrics[0]!.rule = { type: "linear", factor: 0.2 };
    expect(issuesOf(r)).toEqual([]);
  });
});

describe("per-channel rules", () => {
  it("only for first response time", () => {
    const r = defaultRubric();
    r.dimensions[3]!.metrics[0]!.rule = { type: "per_channel", channels: { phone: { type: "linear", factor: 2 } } };
    expect(issuesOf(r)).toEqual([
      "dimensions[3].metrics[0].rule.type: csat is one value per agent, not per channel — use a bands, step or linear rule",
    ]);
  });

  it("first response time needs one", () => {
    const r = defaultRubric();
    r.dimensions[0]!.metrics[0]!.rule = { type: "step", threshold: 30, step: 10, pointsPerStep: 1, top: 10, floor: 0 };
    expect(issuesOf(r)).toEqual([
      "dimensions[0].metrics[0].rule.type: first_response_time is measured per channel — use a per_channel rule giving each channel its own rule",
    ]);
  });

  it("with at least one channel", () => {
    const r = defaultRubric();
    r.dimensions[0]!.metrics[0]!.rule = { type: "per_channel", channels: {} };
    expect(issuesOf(r)).toEqual(["dimensions[0].metrics[0].rule.channels: give a rule for at least one channel (phone, chat or email)"]);
  });

  it("an unknown channel (structural)", () => {
    const r = defaultRubric() as unknown as { dimensions: { metrics: { rule: { channels: Record<string, unknown> } }[] }[] };
    r.dimensions[0]!.metrics[0]!.rule.channels.fax = { type: "linear", factor: 1 };
    expect(issuesOf(r)).toEqual(['dimensions[0].metrics[0].rule.channels: unknown field "fax"']);
  });
});

describe("structure", () => {
  it("minimum sample is a whole number ≥ 0", () => {
    const r = defaultRubric();
    r.dimensions[1]!.metrics[0]!.minSample = -1;
    r.dimensions[2]!.metrics[0]!.minSample = 2.5;
    expect(issuesOf(r)).toEqual([
      "dimensions[1].metrics[0].minSample: must be at least 0",
      "dimensions[2].metrics[0].minSample: must be a whole number",
    ]);
  });

  it("scale is 5 or 10", () => {
    expect(issuesOf({ ...defaultRubric(), scale: 7 })).toEqual(["scale: must be 5 or 10"]);
  });

  it("unknown metric and rule type", () => {
    const r = defaultRubric() as unknown as { dimensions: { metrics: { key: string; rule: { type: string } }[] }[] };
    r.dimensions[3]!.metrics[0]!.key = "nps";
    expect(issuesOf(r)[0]).toMatch(/^dimensions\[3\]\.metrics\[0\]\.key: "nps" is not one of: first_response_time, first_contact_resolution, /);
    const s = defaultRubric() as unknown as typeof r;
    s.dimensions[2]!.metrics[0]!.rule.type = "curve";
    expect(issuesOf(s)).toEqual(["dimensions[2].metrics[0].rule.type: must be one of: bands, step, linear, per_channel"]);
  });

  it("a missing name and no dimensions", () => {
    expect(issuesOf({ scale: 10, dimensions: [] })).toEqual(["name: is required", "dimensions: needs at least 1 entry"]);
  });

  it("not an object at all", () => {
    expect(validateRubric(null)).toEqual({
      ok: false,
      issues: [{ path: "", message: "must be an object, not null", code: "invalid_type", messageKey: "zod_type_an", params: { expected: "object", received: "null" } }],
    });
  });
});

describe("parseRubric", () => {
  it("returns the rubric when valid", () => {
    expect(parseRubric(defaultRubric())).toEqual(CONTACT_CENTRE_10_POINT);
  });

  it("throws with every message", () => {
    const r = defaultRubric();
    r.dimensions[3]!.metrics[0]!.weightBp = 3500;
    fcrBands(r)[2] = { lower: 85, upper: 89, points: 6 };
    expect(() => parseRubric(r)).toThrow(RubricValidationError);
    expect(() => parseRubric(r)).toThrow(
      "invalid rubric:\n" +
        "dimensions[1].metrics[0].rule.bands[2]: gap between 90 and 89 — bands must be contiguous\n" +
        "dimensions: weights total 95%, they must total 100%",
    );
  });
});
