/**
 * Errors are values with a code (translated at the edge: CLI prints English, the web looks
 * the code up in its locale files) and parameters for the message.
 */
export type DomainErrorCode =
  | "not_found"
  | "forbidden"
  | "invalid_input"
  | "quarter_locked"
  | "import_rejected"
  | "no_rubric"
  | "invalid_transition"
  | "throttled"
  | "invalid_token"
  | "lock_blocked"
  | "conflict"
  | "qa_answer_mismatch"
  | "qa_invalid_state"
  | "qa_dispute_window_closed";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
