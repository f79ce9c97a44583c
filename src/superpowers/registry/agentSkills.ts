// What one agent run gets of the skills: the index for its prompt (names and descriptions, ranked
// for its step and task, within the budget), the use_skill tool, the tools the offered superpowers
// register (callable once their skill is loaded), run_skill_script where a person can approve a
// script and a sandbox can confine it, and its own tools wrapped so a loaded skill's allowed-tools
// narrows them all for the rest of the run.
import type { AgentTool } from '../../agents/tools/agentTool';
import { runSkillScriptTool } from '../../agents/tools/runSkillScript';
import type { SkillScriptAccess } from './scriptSandbox';
import { SkillToolScope, scopedTools, toolsOfSkill } from '../../agents/tools/skillToolScope';
import { useSkillTool } from '../../agents/tools/useSkill';
import { skillIndex, type SkillIndex } from './skillIndex';
import type { LoadedSkillShelf } from './skillShelf';

export type { SkillScriptAccess } from './scriptSandbox';

export interface AgentSkills {
  readonly index: SkillIndex;
  /** Adds use_skill (and what the skills bring) to the agent's tools and puts them all under the skills' allowed-tools. */
  readonly equip: (tools: readonly AgentTool[]) => AgentTool[];
}

export interface AgentSkillsRequest {
  readonly step: string;
  readonly task: string;
  readonly countTokens: (text: string) => number;
  readonly budget?: number;
  /** Absent: no script runs. */
  readonly scripts?: SkillScriptAccess;
}

export function agentSkills(shelf: LoadedSkillShelf, request: AgentSkillsRequest): AgentSkills {
  const index = skillIndex(shelf.skills(), request);
  return {
    index,
    equip: (tools) => {
      // No skill listed for this step: the agent knows of none to load, so use_skill would be dead weight in every request.
      if (index.listed.length === 0) return [...tools];
      const scope = new SkillToolScope();
      const own = new Set(tools.map((tool) => tool.name));
      const brought: AgentTool[] = [];
      const skillTools = new Map<string, readonly string[]>();
      for (const [skill, registered] of shelf.toolsBySkill()) {
        // A superpower's tool never replaces one of the agent's own, nor another superpower's.
        const fresh = registered.filter((tool) => !own.has(tool.name) && !brought.some((other) => other.name === tool.name));
        brought.push(...toolsOfSkill(skill, fresh, scope));
        skillTools.set(skill, fresh.map((tool) => tool.name));
      }
      const hasScripts = request.scripts !== undefined && shelf.list().some((skill) => skill.files.some((file) => file.startsWith('scripts/')));
      const extra = hasScripts && request.scripts ? [runSkillScriptTool(shelf, request.scripts)] : [];
      const names = [...tools, ...brought, ...extra].map((tool) => tool.name);
      const useSkill = useSkillTool(shelf, scope, names, { skillTools, scriptsRun: extra.length > 0 });
      return scopedTools([...tools, ...brought, ...extra, useSkill], scope);
    },
  };
}
