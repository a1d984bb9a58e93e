import { CALL_QUALITY_FORM, type QaAnswers, type QaFormDefinition, type QaScore, scoreQaEvaluation } from "../../src/index.ts";

/** Every item of the call-quality preset answered "good" (100 points). */
export const allGood = (): QaAnswers["items"] => ({
  opening: { option: "good" },
  confirm_need: { option: "good" },
  confirm_information: { option: "good" },
  solution: { option: "good" },
  closing: { option: "good" },
  ticket: { option: "good" },
  listening: { option: "good" },
  pace_and_courtesy: { option: "good" },
});

/** Scores answers that must fit the form (a test mistake otherwise). */
export function scoreOrThrow(form: QaFormDefinition = CALL_QUALITY_FORM, items: QaAnswers["items"] = allGood(), bonusPoints = 0): QaScore {
  const r = scoreQaEvaluation(form, { items, bonusPoints });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.score;
}
