import { round9 } from "../precision.ts";
import { type QaFormDefinition, type QaItem, qaFormItems, qaFormMaxPoints } from "./form.ts";

/** A reviewer's answer for one item: the chosen option (graded) or the occurrences (deduction). */
export type QaItemAnswer = { option: string; note?: string } | { occurrences: number; note?: string };

export interface QaAnswers {
  items: Record<string, QaItemAnswer>;
  /** Bonus points for exemplary handling (0 … the form's bonusMaxPoints). */
  bonusPoints: number;
}

export interface QaItemScore {
  itemKey: string;
  points: number;
  maxPoints: number;
  failed: boolean;
  fatal: boolean;
}

export interface QaScore {
  /** Final points: 0 when a key item failed; otherwise items + bonus, capped at the maximum. */
  totalPoints: number;
  maxPoints: number;
  /** totalPoints / maxPoints × 100, to 2 decimals. */
  scorePct: number;
  /** A key (fatal) item failed: the evaluation is zeroed. */
  fatal: boolean;
  keyFailures: number;
  nonKeyFailures: number;
  /** Fails on one key failure or three non-key failures. */
  passed: boolean;
  /** Σ item points before bonus and the fatal rule. */
  itemPoints: number;
  bonusPoints: number;
  items: QaItemScore[];
}

export type QaAnswerProblemCode = "missing_answer" | "unknown_item" | "unknown_option" | "bad_occurrences" | "bad_bonus";
export interface QaAnswerProblem {
  itemKey: string;
  code: QaAnswerProblemCode;
}

/** Three non-key failures fail an evaluation. */
export const QA_NON_KEY_FAILURES_TO_FAIL = 3;

function scoreItem(item: QaItem, answer: QaItemAnswer): QaItemScore | QaAnswerProblemCode {
  const sc = item.scoring;
  if (sc.type === "graded") {
    if (!("option" in answer)) return "unknown_option";
    const option = sc.options.find((o) => o.key === answer.option);
    if (!option) return "unknown_option";
    return { itemKey: item.key, points: option.points, maxPoints: item.maxPoints, failed: option.failed, fatal: item.fatal };
  }
  if (!("occurrences" in answer) || !Number.isInteger(answer.occurrences) || answer.occurrences < 0 || answer.occurrences > 1000) {
    return "bad_occurrences";
  }
  const points = Math.max(sc.floorPoints, round9(item.maxPoints - answer.occurrences * sc.pointsPerOccurrence));
  return {
    itemKey: item.key,
    points,
    maxPoints: item.maxPoints,
    failed: answer.occurrences >= sc.failAtOccurrences,
    fatal: item.fatal,
  };
}

/**
 * Scores answers against one form version. Every item must be answered and nothing else;
 * a graded answer must name one of the item's options; a deduction answer is a whole
 * number of occurrences ≥ 0; bonus is 0 … bonusMaxPoints. Otherwise the problems are
 * returned and nothing is scored.
 */
export function scoreQaEvaluation(
  form: QaFormDefinition,
  answers: QaAnswers,
): { ok: true; score: QaScore } | { ok: false; problems: QaAnswerProblem[] } {
  const problems: QaAnswerProblem[] = [];
  const items = qaFormItems(form);
  const known = new Set(items.map((i) => i.key));
  for (const key of Object.keys(answers.items)) if (!known.has(key)) problems.push({ itemKey: key, code: "unknown_item" });
  const scored: QaItemScore[] = [];
  for (const item of items) {
    const answer = answers.items[item.key];
    if (answer === undefined) {
      problems.push({ itemKey: item.key, code: "missing_answer" });
      continue;
    }
    const result = scoreItem(item, answer);
    if (typeof result === "string") problems.push({ itemKey: item.key, code: result });
    else scored.push(result);
  }
  const bonus = answers.bonusPoints;
  if (!Number.isFinite(bonus) || bonus < 0 || bonus > form.bonusMaxPoints) problems.push({ itemKey: "", code: "bad_bonus" });
  if (problems.length > 0) return { ok: false, problems };

  const maxPoints = qaFormMaxPoints(form);
  const itemPoints = round9(scored.reduce((sum, i) => sum + i.points, 0));
  const keyFailures = scored.filter((i) => i.failed && i.fatal).length;
  const nonKeyFailures = scored.filter((i) => i.failed && !i.fatal).length;
  const fatal = keyFailures > 0;
  const totalPoints = fatal ? 0 : Math.min(maxPoints, round9(itemPoints + bonus));
  return {
    ok: true,
    score: {
      totalPoints,
      maxPoints,
      scorePct: Math.round(round9((totalPoints / maxPoints) * 100) * 100) / 100,
      fatal,
      keyFailures,
      nonKeyFailures,
      passed: keyFailures === 0 && nonKeyFailures < QA_NON_KEY_FAILURES_TO_FAIL,
      itemPoints,
      bonusPoints: bonus,
      items: scored,
    },
  };
}
