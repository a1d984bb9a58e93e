import { isDomainError, QaAnswerMismatchError } from "@starboard/core";
import type { QaAnswers, QaFormDefinition } from "@starboard/kpi";
import { z } from "zod";
import { domainErrorResponse } from "~/utils/policy.server";
import type { SessionUser } from "~/utils/session.server";

/** What a QA action returns: success with a message key, or a translated error code with params. */
export type QaActionResult =
  | { ok: true; intent: string; message: string; params?: Record<string, string | number> }
  | { ok: false; intent: string; error: string; params: Record<string, string | number> };

/**
 * Runs a core operation for an action: domain errors become a translated message (a 404
 * for someone else's data stays a 404); anything else propagates to the error boundary.
 */
export async function runQaAction(intent: string, op: () => Promise<Omit<Extract<QaActionResult, { ok: true }>, "ok" | "intent">>): Promise<QaActionResult> {
  try {
    return { ok: true, intent, ...(await op()) };
  } catch (error) {
    if (error instanceof QaAnswerMismatchError) return { ok: false, intent, error: "qa_answer_mismatch", params: { items: String(error.params.items ?? "") } };
    if (isDomainError(error)) {
      if (error.code === "not_found" || error.code === "forbidden") throw domainErrorResponse(error);
      return { ok: false, intent, error: error.code, params: Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, v])) };
    }
    throw error;
  }
}

/** For a loader: a DomainError becomes 404/403/400. */
export async function loadOr404<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (isDomainError(error)) throw domainErrorResponse(error);
    throw error;
  }
}

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

const occurrences = z.coerce.number().int().min(0).max(1000);
const optionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const noteSchema = z.string().trim().max(1000);
const bonusSchema = z.union([z.literal("").transform(() => 0), z.coerce.number().finite().min(0).max(1000)]);

/**
 * Reads the scoring screen's fields (`item.<key>`, `note.<key>`, `bonus`) into answers for
 * the given form version. A field that can't be read is left out, so the engine reports
 * the item (missing / unknown option) and nothing is saved.
 */
export function answersFromForm(form: QaFormDefinition, data: FormData): QaAnswers | { invalid: string[] } {
  const items: QaAnswers["items"] = {};
  const invalid: string[] = [];
  for (const item of form.sections.flatMap((s) => s.items)) {
    const raw = data.get(`item.${item.key}`);
    const note = noteSchema.safeParse(data.get(`note.${item.key}`) ?? "");
    const noteValue = note.success && note.data !== "" ? { note: note.data } : {};
    if (item.scoring.type === "graded") {
      const parsed = optionKey.safeParse(raw);
      if (parsed.success) items[item.key] = { option: parsed.data, ...noteValue };
      else invalid.push(item.key);
    } else {
      const parsed = occurrences.safeParse(raw === "" || raw === null ? Number.NaN : raw);
      if (parsed.success) items[item.key] = { occurrences: parsed.data, ...noteValue };
      else invalid.push(item.key);
    }
  }
  const bonus = bonusSchema.safeParse(data.get("bonus") ?? "");
  if (!bonus.success) invalid.push("bonus");
  if (invalid.length > 0) return { invalid };
  return { items, bonusPoints: bonus.success ? bonus.data : 0 };
}
