import { type QaFormDefinition, qaFormDefinitionSchema } from "./form.ts";

const graded = (max: number, average: number) => ({
  type: "graded" as const,
  options: [
    { key: "good", label: "Good", points: max, failed: false },
    { key: "average", label: "Average", points: average, failed: false },
    { key: "poor", label: "Poor", points: 0, failed: true },
  ],
});
const passFail = (max: number) => ({
  type: "graded" as const,
  options: [
    { key: "good", label: "Good", points: max, failed: false },
    { key: "poor", label: "Poor", points: 0, failed: true },
  ],
});

/**
 * Seed 003's call-quality form: seven service steps, 100 points. Confirming the need, the
 * customer's information, the solution, the ticket and communication are key (fatal) items.
 */
export const CALL_QUALITY_FORM: QaFormDefinition = qaFormDefinitionSchema.parse({
  name: "Call quality",
  bonusMaxPoints: 5,
  sections: [
    {
      key: "opening",
      title: "Polite opening",
      items: [{ key: "opening", title: "Greets politely and asks how to help", maxPoints: 10, fatal: false, scoring: passFail(10), metricKey: "tone_patience" }],
    },
    {
      key: "need",
      title: "Confirm the need",
      items: [{ key: "confirm_need", title: "Confirms the request and that it is in scope", maxPoints: 15, fatal: true, scoring: graded(15, 12) }],
    },
    {
      key: "information",
      title: "Confirm information",
      items: [{ key: "confirm_information", title: "Confirms name, phone and address as the business requires", maxPoints: 15, fatal: true, scoring: graded(15, 12), metricKey: "sop_compliance" }],
    },
    {
      key: "solution",
      title: "Solution",
      items: [{ key: "solution", title: "Gives a correct and complete solution", maxPoints: 15, fatal: true, scoring: graded(15, 12), metricKey: "knowledge_accuracy" }],
    },
    {
      key: "closing",
      title: "Polite closing",
      items: [{ key: "closing", title: "Asks for other questions and thanks the customer", maxPoints: 10, fatal: false, scoring: passFail(10) }],
    },
    {
      key: "ticket",
      title: "Ticket",
      items: [{ key: "ticket", title: "Records the ticket accurately and passes it to the right owner", maxPoints: 15, fatal: true, scoring: graded(15, 12), metricKey: "record_completeness" }],
    },
    {
      key: "communication",
      title: "Communication",
      items: [
        { key: "listening", title: "Listens, responds, no forbidden phrases, no interrupting, proactive service", maxPoints: 15, fatal: true, scoring: graded(15, 12), metricKey: "empathy" },
        { key: "pace_and_courtesy", title: "Controls the pace, plain language, courtesy phrases", maxPoints: 5, fatal: false, scoring: graded(5, 3) },
      ],
    },
  ],
});

/** The 10-point compliance form: −2 per missed SOP step, −1 per non-standard phrase, floor 0. */
export const COMPLIANCE_FORM: QaFormDefinition = qaFormDefinitionSchema.parse({
  name: "Compliance (10 points)",
  bonusMaxPoints: 0,
  sections: [
    {
      key: "compliance",
      title: "Compliance",
      items: [
        { key: "sop_steps", title: "SOP steps followed (−2 per missed step)", maxPoints: 6, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 2, floorPoints: 0, failAtOccurrences: 1 }, metricKey: "sop_compliance" },
        { key: "standard_phrases", title: "Standard phrasing (−1 per non-standard phrase)", maxPoints: 4, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 1, floorPoints: 0, failAtOccurrences: 1 } },
      ],
    },
  ],
});

/** Presets shipped with Starboard, by stable form key. */
export const QA_FORM_PRESETS: Readonly<Record<"call_quality" | "compliance", QaFormDefinition>> = {
  call_quality: CALL_QUALITY_FORM,
  compliance: COMPLIANCE_FORM,
};
