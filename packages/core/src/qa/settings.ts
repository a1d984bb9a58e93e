import { type Db, getSetting } from "@starboard/db";

/** Setting key: the share (0–100 %) of evaluations that automatically go to a second reviewer. */
export const QA_DUAL_REVIEW_SETTING = "qa.dual_review_pct";
export const DEFAULT_QA_DUAL_REVIEW_PCT = 10;

export async function qaDualReviewPct(db: Db): Promise<number> {
  const raw = await getSetting(db, QA_DUAL_REVIEW_SETTING);
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_QA_DUAL_REVIEW_PCT;
}
