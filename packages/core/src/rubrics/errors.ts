import type { RubricIssue } from "@starboard/kpi";
import { DomainError } from "../errors.ts";

/** A rubric (draft, file, --weights) that does not validate; carries every problem with its path. */
export class RubricInvalidError extends DomainError {
  constructor(readonly issues: RubricIssue[]) {
    super("invalid_input", `invalid rubric:\n${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n")}`, {
      reason: "rubric_invalid",
      problems: issues.length,
    });
  }
}
