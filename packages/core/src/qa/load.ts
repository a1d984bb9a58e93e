import { type Db, findQaScoring, type QaScoringRow } from "@starboard/db";
import { type QaFormDefinition, qaFormDefinitionSchema } from "@starboard/kpi";
import { DomainError } from "../errors.ts";

/** A stored evaluation with its parsed form version; `not_found` when absent. */
export async function loadScoring(db: Db, scoringId: number): Promise<{ scoring: QaScoringRow; form: QaFormDefinition }> {
  const scoring = Number.isSafeInteger(scoringId) ? await findQaScoring(db, scoringId) : undefined;
  if (!scoring) throw new DomainError("not_found", "no such evaluation");
  return { scoring, form: qaFormDefinitionSchema.parse(JSON.parse(scoring.form_definition)) };
}
