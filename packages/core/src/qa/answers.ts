import { type QaAnswerProblem, type QaAnswers, type QaFormDefinition, type QaScore, scoreQaEvaluation } from "@starboard/kpi";
import { z } from "zod";
import { DomainError } from "../errors.ts";

const note = z.string().max(1000).optional();
/** Answers as they arrive from a form or a file; checked against the form version by the engine. */
export const qaAnswersSchema = z.object({
  items: z.record(
    z.string().max(40),
    z.union([
      z.object({ option: z.string().min(1).max(40), note }).strict(),
      z.object({ occurrences: z.number().int().min(0).max(1000), note }).strict(),
    ]),
  ),
  bonusPoints: z.number().finite().min(0).max(1000).default(0),
});

/** The answers don't fit the evaluation's form version; nothing was changed. */
export class QaAnswerMismatchError extends DomainError {
  override name = "QaAnswerMismatchError";
  constructor(readonly problems: QaAnswerProblem[]) {
    super(
      "qa_answer_mismatch",
      `the answers do not match the form version: ${problems.map((p) => `${p.itemKey || "bonus"} (${p.code})`).join(", ")}`,
      { problems: problems.length, items: problems.map((p) => p.itemKey || "bonus").join(", ") },
    );
  }
}

/** Parses untrusted answers and scores them against the form, or throws QaAnswerMismatchError. */
export function scoreAnswers(form: QaFormDefinition, raw: unknown): { answers: QaAnswers; score: QaScore } {
  const parsed = qaAnswersSchema.safeParse(raw);
  if (!parsed.success) throw new QaAnswerMismatchError([{ itemKey: "", code: "unknown_option" }]);
  const answers: QaAnswers = parsed.data;
  const result = scoreQaEvaluation(form, answers);
  if (!result.ok) throw new QaAnswerMismatchError(result.problems);
  return { answers, score: result.score };
}
