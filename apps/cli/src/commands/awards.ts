import { createContext, decideNomination, isDomainError, parseQuarterId } from "@starboard/core";
import { listNominations } from "@starboard/db";
import type { Command } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

/** The `starboard awards <q> --json` contract; customers' scripts depend on it. */
export interface AwardsJson {
  quarter: string;
  nominations: Array<{ agentCode: string; award: string; status: "nominated" | "approved" | "rejected"; reason: string | null }>;
}

export function registerAwards(program: Command, deps: CliDeps): void {
  program
    .command("awards")
    .description("List a quarter's award nominations, or approve/reject one: awards <quarter> [approve|reject <agentCode> [--reason …]]")
    .argument("<quarter>", "the quarter, e.g. 2026-Q1")
    .argument("[decision]", "approve or reject")
    .argument("[agentCode]", "the nominated agent's code")
    .option("--reason <text>", "why (required to reject)")
    .option("--award <key>", "the award's key when the agent has several nominations")
    .option("--json", "print the nominations as JSON")
    .action(async (quarter: string, decision: string | undefined, agentCode: string | undefined, options: { reason?: string; award?: string; json?: boolean }) => {
      const db = await deps.openDb();
      try {
        if (decision === undefined) {
          const id = parseQuarterId(quarter);
          const rows = await listNominations(db, id);
          const json: AwardsJson = {
            quarter: id,
            nominations: rows.map((n) => ({ agentCode: n.agent_code, award: n.award_name, status: n.status as "nominated", reason: n.reason })),
          };
          if (options.json) {
            deps.out(JSON.stringify(json, null, 2));
          } else if (rows.length === 0) {
            deps.out(`${id}: no nominations (they are made when the quarter is locked)`);
          } else {
            deps.out([`${id}: ${rows.length} nomination(s)`, ...json.nominations.map((n) => `${n.agentCode}  ${n.award}  ${n.status}${n.reason ? `  (${n.reason})` : ""}`)].join("\n"));
          }
          return;
        }
        if (decision !== "approve" && decision !== "reject") throw new CliFailure(`starboard awards: unknown action "${decision}" (approve or reject)`, 2);
        if (!agentCode) throw new CliFailure(`starboard awards: ${decision} needs the agent's code, e.g. starboard awards ${quarter} ${decision} AG003`, 2);
        const result = await decideNomination(createContext(db, deps.actor), { quarterId: quarter, agentCode, decision, reason: options.reason, awardKey: options.award });
        deps.out(`${result.quarter}: ${result.award} for ${result.agentCode} ${result.status}${result.reason ? ` (${result.reason})` : ""}`);
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard awards: ${error.message}`);
        throw error;
      }
    });
}
