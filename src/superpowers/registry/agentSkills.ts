// What one agent run gets of the skills: the index for its prompt (names and descriptions, ranked
// for its step and task, within the budget), the use_skill tool, and its own tools wrapped so a
// loaded skill's allowed-tools narrows them for the rest of the run.
import type { AgentTool } from '../../agents/tools/agentTool';
import { SkillToolScope, scopedTools } from '../../agents/tools/skillToolScope';
import { useSkillTool } from '../../agents/tools/useSkill';
import { skillIndex, type SkillIndex } from './skillIndex';
import type { LoadedSkillShelf } from './skillShelf';

export interface AgentSkills {
  readonly index: SkillIndex;
  /** Adds use_skill to the agent's tools and puts them all under the skills' allowed-tools. */
  readonly equip: (tools: readonly AgentTool[]) => AgentTool[];
}

export interface AgentSkillsRequest {
  readonly step: string;
  readonly task: string;
  readonly countTokens: (text: string) => number;
  readonly budget?: number;
}

export function agentSkills(shelf: LoadedSkillShelf, request: AgentSkillsRequest): AgentSkills {
  const index = skillIndex(shelf.skills(), request);
  return {
    index,
    equip: (tools) => {
      if (shelf.skills().length === 0) return [...tools];
      const scope = new SkillToolScope();
      const names = tools.map((tool) => tool.name);
      return scopedTools([...tools, useSkillTool(shelf, scope, names)], scope);
    },
  };
}
