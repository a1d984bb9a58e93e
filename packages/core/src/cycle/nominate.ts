import {
  type Db,
  fatalQaCounts,
  findNomination,
  insertNomination,
  listAwardTypes,
  listQuarterResults,
  setNominationStatus,
} from "@starboard/db";
import { type Grade, mostImproved, previousQuarter, quarterEnd, quarterStart, type ScoreStatus, serviceStarVerdict } from "@starboard/kpi";
import { ensureDefaultAwardTypes } from "../awards/awardTypes.ts";

/**
 * Applies every active award type's rule to a quarter being locked and records the
 * nominations (status "nominated"). A nomination withdrawn by a reopen comes back if the
 * agent still qualifies; approved and rejected ones are left as HR decided them.
 * Returns the number of nominations made.
 */
export async function generateNominations(db: Db, quarterId: string, now: string): Promise<number> {
  await ensureDefaultAwardTypes(db, now);
  const previousId = previousQuarter(quarterId);
  const [current, previous, fatalNow, fatalBefore, types] = await Promise.all([
    listQuarterResults(db, quarterId),
    listQuarterResults(db, previousId),
    fatalQaCounts(db, quarterStart(quarterId), quarterEnd(quarterId)),
    fatalQaCounts(db, quarterStart(previousId), quarterEnd(previousId)),
    listAwardTypes(db, { activeOnly: true }),
  ]);
  const previousByAgent = new Map(previous.map((r) => [Number(r.agent_id), r]));
  let made = 0;
  const nominate = async (agentId: number, awardTypeId: number) => {
    const existing = await findNomination(db, quarterId, agentId, awardTypeId);
    if (!existing) {
      await insertNomination(db, { quarter_id: quarterId, agent_id: agentId, award_type_id: awardTypeId, status: "nominated", reason: null, nominated_at: now, decided_by: null, decided_at: null });
      made++;
    } else if (existing.status === "withdrawn") {
      await setNominationStatus(db, existing.id, { status: "nominated", reason: null, decidedBy: null, decidedAt: null, nominatedAt: now });
      made++;
    }
  };

  for (const type of types) {
    if (type.rule === "service_star") {
      for (const r of current) {
        const agentId = Number(r.agent_id);
        const before = previousByAgent.get(agentId);
        const verdict = serviceStarVerdict(
          { quarterId, grade: r.grade as Grade | null, status: r.status as ScoreStatus, fatalQaEvaluations: fatalNow.get(agentId) ?? 0 },
          before && { quarterId: previousId, grade: before.grade as Grade | null, status: before.status as ScoreStatus, fatalQaEvaluations: fatalBefore.get(agentId) ?? 0 },
          previousId,
        );
        if (verdict.nominated) await nominate(agentId, type.id);
      }
    } else if (type.rule === "most_improved") {
      const winners = mostImproved(
        current.map((r) => ({
          item: Number(r.agent_id),
          current: r.final_composite,
          previous: previousByAgent.get(Number(r.agent_id))?.final_composite ?? null,
          grade: r.grade as Grade | null,
        })),
      );
      for (const w of winners) await nominate(w.item, type.id);
    }
  }
  return made;
}
