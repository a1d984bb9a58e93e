import { createContext, generateQaSample, isDomainError, type QaSamplePlanView } from "@starboard/core";
import { type Command, InvalidArgumentError } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

/** The `starboard qa sample --json` contract; customers' scripts depend on it. */
export interface QaSampleJson {
  month: string;
  agents: Array<{ agentCode: string; quota: number; random: string[]; targeted: Array<{ contactId: string; reason: string }> }>;
}

export function qaSampleJson(plan: QaSamplePlanView): QaSampleJson {
  return {
    month: plan.month,
    agents: plan.agents.map((a) => ({
      agentCode: a.agentCode,
      quota: a.quota,
      random: [...a.random],
      targeted: a.targeted.map((t) => ({ contactId: t.contactId, reason: t.reason })),
    })),
  };
}

function parseSeed(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) throw new InvalidArgumentError("a whole number from 0 to 2147483647");
  return Number(value);
}

/** `starboard qa sample <YYYY-MM> [--json] [--regenerate] [--seed N]` */
export function registerQa(program: Command, deps: CliDeps): void {
  const qa = program.command("qa").description("QA scorecards");
  qa.command("sample")
    .description("the month's QA sampling plan: stored once generated, shown again unless --regenerate")
    .argument("<month>", "the month, YYYY-MM")
    .option("--json", "print the plan as JSON")
    .option("--regenerate", "draw a new plan (next seed) and replace the stored one")
    .option("--seed <n>", "seed for a new draw (with --regenerate, or for the first plan)", parseSeed)
    .action(async (month: string, options: { json?: boolean; regenerate?: boolean; seed?: number }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new CliFailure(`starboard qa sample: "${month}" is not a month written YYYY-MM`, 1);
      const db = await deps.openDb();
      try {
        const plan = await generateQaSample(createContext(db, deps.actor), {
          month,
          regenerate: options.regenerate ?? false,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
        if (options.json) {
          deps.out(JSON.stringify(qaSampleJson(plan)));
          return;
        }
        const picks = plan.agents.reduce((n, a) => n + a.quota + a.targeted.length, 0);
        deps.out(
          `${plan.month}: ${plan.agents.length} agent${plan.agents.length === 1 ? "" : "s"}, ${picks} contacts to evaluate (seed ${plan.seed}, ${plan.generated ? "new plan" : `stored plan of ${plan.generatedAt}`})`,
        );
        for (const a of plan.agents) {
          const reasons = a.targeted.map((t) => `${t.contactId} (${t.reason})`).join(", ");
          deps.out(`${a.agentCode}: random ${a.quota} [${a.random.join(", ")}]${a.targeted.length > 0 ? `; targeted ${a.targeted.length} [${reasons}]` : ""}`);
        }
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard qa sample: ${error.message}`, 1);
        throw error;
      }
    });
}
