import { type Db, findQuarter, lastCalculatedQuarters, listQuarterResults } from "@starboard/db";
import {
  emptyAgentFacts,
  finalComposite,
  type Grade,
  gradeFor,
  quarterEnd,
  quarterIdSchema,
  quarterStart,
  type Rubric,
  type ScoreStatus,
  scoreAgent,
  summariseWhatIf,
  validateRubric,
  type WhatIfAgent,
  type WhatIfQuarter,
  type WhatIfSummary,
} from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { loadAgentFacts } from "../scoring/facts.ts";
import { getOrganisationSettings } from "../settings/organisation.ts";
import { assertCanManageRubrics } from "./access.ts";
import { RubricInvalidError } from "./errors.ts";

/** How many calculated quarters a what-if looks at when none are named. */
export const WHATIF_DEFAULT_QUARTERS = 2;
export const WHATIF_MAX_QUARTERS = 8;

export interface WhatIfReport {
  /** Oldest first. */
  quarters: WhatIfQuarter[];
  summary: WhatIfSummary;
  currency: string;
}

async function compareQuarter(db: Db, quarterId: string, draft: Rubric): Promise<WhatIfQuarter> {
  const stored = await listQuarterResults(db, quarterId);
  const facts = await loadAgentFacts(db, quarterStart(quarterId), quarterEnd(quarterId));
  const agents: WhatIfAgent[] = stored.map((row) => {
    const agentFacts = facts.get(Number(row.agent_id)) ?? emptyAgentFacts();
    // Exactly what scoreQuarter would store under the draft: same facts, same HR adjustment.
    const score = scoreAgent(draft, agentFacts);
    const final = score.composite === null ? null : finalComposite(score.composite, Number(row.adjustment));
    return {
      agentCode: row.agent_code,
      agentName: row.agent_name,
      teamName: row.team_name,
      before: { composite: row.final_composite, grade: row.grade as Grade | null, status: row.status as ScoreStatus },
      after: { composite: final, grade: final === null ? null : gradeFor(final), status: score.status },
      fatalQaEvaluations: agentFacts.qa.fatalEvaluations,
    };
  });
  return { quarter: quarterId, agents };
}

/**
 * Recomputes calculated quarters under a draft rubric WITHOUT touching stored results: per
 * agent the stored (before) and draft (after) final composite, grade and status, plus the
 * summary (grade distribution, movers, rank correlation, Service Star gained/lost, incentive
 * cost change). With no quarters named, the last two calculated quarters are used.
 */
export async function runWhatIf(ctx: Context, draft: unknown, quarterIds?: readonly string[]): Promise<WhatIfReport> {
  assertCanManageRubrics(ctx.actor);
  const validation = validateRubric(draft);
  if (!validation.ok) throw new RubricInvalidError(validation.issues);
  for (const q of quarterIds ?? []) {
    const parsed = quarterIdSchema.safeParse(q);
    if (!parsed.success) throw new DomainError("invalid_input", `"${q}" is not a quarter: ${parsed.error.issues[0]?.message ?? "use YYYY-Qn"}`, { reason: "bad_quarter", quarter: q });
  }
  if (quarterIds && quarterIds.length > WHATIF_MAX_QUARTERS) {
    throw new DomainError("invalid_input", `at most ${WHATIF_MAX_QUARTERS} quarters at a time`, { reason: "too_many_quarters", max: WHATIF_MAX_QUARTERS });
  }
  // A read-only transaction: one consistent snapshot, nothing written.
  return ctx.db.transaction().execute(async (trx) => {
    let ids: string[];
    if (quarterIds && quarterIds.length > 0) {
      ids = [...new Set(quarterIds)].sort();
      for (const id of ids) {
        const quarter = await findQuarter(trx, id);
        if (!quarter || quarter.calculated_at === null) {
          throw new DomainError("not_found", `quarter ${id} has no calculated results to compare with`, { reason: "not_calculated", quarter: id });
        }
      }
    } else {
      ids = (await lastCalculatedQuarters(trx, WHATIF_DEFAULT_QUARTERS)).map((q) => q.id).sort();
      if (ids.length === 0) throw new DomainError("not_found", "no quarter has been calculated yet", { reason: "no_calculated_quarter" });
    }
    const quarters: WhatIfQuarter[] = [];
    for (const id of ids) quarters.push(await compareQuarter(trx, id, validation.rubric));
    const settings = await getOrganisationSettings(trx);
    const summary = summariseWhatIf(quarters, { baseAmount: settings.incentiveBaseAmount, multipliers: settings.incentiveGradeMultipliers });
    return { quarters, summary, currency: settings.currency };
  });
}
