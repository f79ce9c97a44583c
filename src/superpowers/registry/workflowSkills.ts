// The skills one engine's workflows use: for each agent run, the index for its prompt and use_skill
// (agentSkills), and afterwards which skills a workflow's agents used, for the Board and the report.
import type { EventSink } from '../../core/ports';
import type { SkillUse } from '../../shared/superpowers';
import { agentSkills, type AgentSkills } from './agentSkills';
import type { SkillFileSystem } from './skillFileSystem';
import { LoadedSkillShelf } from './skillShelf';
import type { Skill } from './skill';

export class WorkflowSkills {
  private readonly shelf: LoadedSkillShelf;

  constructor(
    skills: readonly Skill[],
    files: SkillFileSystem,
    events: EventSink,
    private readonly countTokens: (text: string) => number,
    private readonly budget?: number,
  ) {
    this.shelf = new LoadedSkillShelf(skills, files, events);
  }

  /** What an agent working on `step` of `task` is told of the skills, and its use_skill. */
  forAgent(step: string, task: string): AgentSkills {
    return agentSkills(this.shelf, { step, task, countTokens: this.countTokens, ...(this.budget !== undefined && { budget: this.budget }) });
  }

  /** Offers the skills loaded again to the agents that start from now on. */
  replace(skills: readonly Skill[]): void {
    this.shelf.replace(skills);
  }

  /** The skills the workflow's agents used in this process, first use first. */
  usedBy(workflowId: string): readonly SkillUse[] {
    return this.shelf.usedBy(workflowId);
  }
}
