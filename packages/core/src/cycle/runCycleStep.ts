import type { CycleStep } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { scoreQuarter } from "../scoring/scoreQuarter.ts";
import { collectQuarter } from "./collectQuarter.ts";
import { lockQuarter } from "./lockQuarter.ts";
import { publishQuarter } from "./publishQuarter.ts";
import { reopenQuarter } from "./reopenQuarter.ts";
import { reviewQuarter } from "./reviewQuarter.ts";
import { assertActorCan } from "../policy/actor.ts";
import { assertStepAllowed, parseQuarterId, type TransitionResult } from "./step.ts";
import { findQuarter } from "@starboard/db";

/** One step of the cycle by name (CLI `starboard cycle <q> <step>`, the web's cycle page). */
export async function runCycleStep(ctx: Context, quarterId: string, step: CycleStep, reason?: string): Promise<TransitionResult & { nominations?: number; agents?: number }> {
  switch (step) {
    case "collect":
      return collectQuarter(ctx, quarterId);
    case "calculate": {
      assertActorCan(ctx, "calculate_quarter");
      const id = parseQuarterId(quarterId);
      const before = (await findQuarter(ctx.db, id))?.state ?? "draft";
      assertStepAllowed({ id, state: before }, "calculate");
      const report = await scoreQuarter(ctx, id);
      return { quarter: id, from: report.previousState, to: "calculated", at: report.calculatedAt, agents: report.agents.length };
    }
    case "review":
      return reviewQuarter(ctx, quarterId);
    case "lock":
      return lockQuarter(ctx, quarterId);
    case "publish":
      return publishQuarter(ctx, quarterId);
    case "reopen":
      return reopenQuarter(ctx, quarterId, reason ?? "");
  }
}
