import { finalQaAnswersInRange, findQaForm, sumCsatByAgent, sumInteractionsByAgentChannel, sumQaByAgent, type Db } from "@starboard/db";
import { addItemRatings, type AgentFacts, emptyAgentFacts, type QaFormDefinition, qaFormDefinitionSchema, qaItemRatings } from "@starboard/kpi";
import { scoreAnswers } from "../qa/answers.ts";

/**
 * Builds the engine's facts for every agent with any data in the date range (inclusive ISO
 * dates), from three GROUP BY queries and the item answers of final internal QA evaluations.
 * Agents without data are absent from the map; the caller gives them `emptyAgentFacts()`.
 */
export async function loadAgentFacts(db: Db, firstDay: string, lastDay: string): Promise<Map<number, AgentFacts>> {
  const facts = new Map<number, AgentFacts>();
  const of = (agentId: number): AgentFacts => {
    let f = facts.get(agentId);
    if (!f) facts.set(agentId, (f = emptyAgentFacts()));
    return f;
  };
  for (const { agentId, channel, ...sums } of await sumInteractionsByAgentChannel(db, firstDay, lastDay)) {
    of(agentId).channels[channel] = sums;
  }
  for (const { agentId, ...sums } of await sumQaByAgent(db, firstDay, lastDay)) of(agentId).qa = sums;
  for (const { agentId, ...sums } of await sumCsatByAgent(db, firstDay, lastDay)) of(agentId).csat = sums;
  await addQaItemRatings(db, firstDay, lastDay, of);
  return facts;
}

/**
 * The 5/3/1 item-rated metrics come from the items of Starboard's own QA evaluations (imported
 * evaluations carry only a total). Each evaluation is re-scored against its form version —
 * versions in use never change — so the ratings follow the answers that made the final score.
 */
async function addQaItemRatings(db: Db, firstDay: string, lastDay: string, of: (agentId: number) => AgentFacts): Promise<void> {
  const evaluations = await finalQaAnswersInRange(db, firstDay, lastDay);
  if (evaluations.length === 0) return;
  const forms = new Map<number, QaFormDefinition | null>();
  for (const { agentId, formId, answers } of evaluations) {
    let form = forms.get(formId);
    if (form === undefined) {
      const row = await findQaForm(db, formId);
      const definition = row ? qaFormDefinitionSchema.parse(JSON.parse(row.definition)) : null;
      form = definition && definition.sections.some((s) => s.items.some((i) => i.metricKey)) ? definition : null;
      forms.set(formId, form);
    }
    if (form === null) continue; // no item on this form feeds a metric
    const { score } = scoreAnswers(form, JSON.parse(answers));
    addItemRatings(of(agentId).itemRatings, qaItemRatings(form, score));
  }
}
