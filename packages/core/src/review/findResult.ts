import { type Db, findAgentIdentityByCode, findAgentResult, findQuarter, type Quarter, type QuarterResultRow } from "@starboard/db";
import { DomainError } from "../errors.ts";
import { parseQuarterId } from "../cycle/step.ts";

/** A quarter and one agent's stored result in it, or not_found. */
export async function findResultFor(db: Db, quarterId: string, agentCode: string): Promise<{ quarter: Quarter; result: QuarterResultRow }> {
  const id = parseQuarterId(quarterId);
  const quarter = await findQuarter(db, id);
  const agent = await findAgentIdentityByCode(db, agentCode.trim());
  const result = quarter && agent ? await findAgentResult(db, id, agent.agentId) : undefined;
  if (!quarter || !result) throw new DomainError("not_found", `no result for ${agentCode} in ${quarterId}`, { quarter: id, agentCode });
  return { quarter, result };
}
