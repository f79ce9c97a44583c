// Which skills a workflow's agents used, from its 'skill' events (so a report read after a reload
// or a crash still has them): each skill once, with its source and content hash, the agents that
// loaded it and the files of it they read.
import type { EngineEvent, SkillEvent } from '../shared/events';
import type { SkillUse } from '../shared/superpowers';

export interface SkillUsed extends SkillUse {
  readonly agents: readonly string[];
  /** Its files read besides SKILL.md, relative to its folder. */
  readonly files: readonly string[];
  /** Its scripts that ran (each approved by a person, confined). */
  readonly ran: readonly string[];
}

export function skillsUsed(events: readonly EngineEvent[], workflowId: string): SkillUsed[] {
  const byKey = new Map<string, { use: SkillUse; agents: Set<string>; files: Set<string>; ran: Set<string> }>();
  for (const event of events) {
    if (event.type !== 'skill' || event.workflowId !== workflowId) continue;
    const { name, source, sourceLabel, contentHash, ran } = event as SkillEvent;
    const key = `${name}\u0000${contentHash}`;
    const entry = byKey.get(key) ?? { use: { name, source, sourceLabel, contentHash }, agents: new Set<string>(), files: new Set<string>(), ran: new Set<string>() };
    entry.agents.add(event.agent);
    if (event.file !== undefined) (ran ? entry.ran : entry.files).add(event.file);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ use, agents, files, ran }) => ({ ...use, agents: [...agents], files: [...files], ran: [...ran] }));
}
