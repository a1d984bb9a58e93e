import { openTestDatabase } from "@starboard/db/testing";
import { isUniqueViolation } from "@starboard/db";
import { CONTACT_CENTRE_10_POINT } from "@starboard/kpi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  approveRubricVersion,
  completedReviewHalves,
  type Db,
  ensureDefaultRubric,
  findRubricForQuarter,
  findRubricVersion,
  insertRubricReview,
  insertRubricVersion,
  nextRubricVersionNumber,
  updateDraftRubricVersion,
  updateRubricReview,
} from "../src/index.ts";

const AT = "2026-05-01T00:00:00.000Z";
let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.destroy();
});

describe("rubric drafts and reviews", () => {
  it("edits drafts only, and an approved version applies from its first quarter on", async () => {
    await ensureDefaultRubric(db, AT);
    expect(await nextRubricVersionNumber(db)).toBe(2);
    const draft = await insertRubricVersion(db, {
      name: "Draft", version: 2, definition: JSON.stringify(CONTACT_CENTRE_10_POINT), status: "draft",
      effective_from: null, created_at: AT, created_by: "hr@x", approved_at: null, approved_by: null,
    });
    expect(await updateDraftRubricVersion(db, draft.id, "Draft 2", "{}")).toBe(true);
    expect((await findRubricVersion(db, draft.id))?.name).toBe("Draft 2");
    expect(await approveRubricVersion(db, draft.id, "2026-Q3", "hr@x", AT)).toBe(true);
    expect(await updateDraftRubricVersion(db, draft.id, "changed", "{}")).toBe(false);
    expect(await approveRubricVersion(db, draft.id, "2026-Q4", "hr@x", AT)).toBe(false);
    expect((await findRubricForQuarter(db, "2026-Q2"))?.version).toBe(1);
    expect((await findRubricForQuarter(db, "2026-Q3"))?.version).toBe(2);
  });

  it("keeps one review per half and lists the completed halves", async () => {
    await insertRubricReview(db, { half: "2026-H1", status: "open", draft_version_id: null, whatif: null, whatif_at: null, decision: null, rationale: null, effective_from: null, opened_at: AT, opened_by: "hr@x", decided_at: null, decided_by: null, completed_at: null, completed_by: null });
    await expect(
      insertRubricReview(db, { half: "2026-H1", status: "open", draft_version_id: null, whatif: null, whatif_at: null, decision: null, rationale: null, effective_from: null, opened_at: AT, opened_by: "hr@y", decided_at: null, decided_by: null, completed_at: null, completed_by: null }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await completedReviewHalves(db)).toEqual(new Set());
    await updateRubricReview(db, "2026-H1", { status: "completed", completed_at: AT, completed_by: "hr@x" });
    expect(await completedReviewHalves(db)).toEqual(new Set(["2026-H1"]));
  });
});
