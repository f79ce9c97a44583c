// The skills one engine's workflows use: for each agent run, the index for its prompt and use_skill
// (agentSkills), the code the loaded superpowers register (the tdd gates; an extension's tools), and
// afterwards which skills a workflow's agents used, for the Board and the report.
import type { EventSink } from '../../core/ports';
import type { SkillUse } from '../../shared/superpowers';
import type { TddCode } from '../tdd/tddSuperpower';
import { registeredSuperpowers, type ExtensionSuperpowerCode } from '../superpowers';
import type { Superpowers } from '../superpowersPort';
import { agentSkills, type AgentSkills, type SkillScriptAccess } from './agentSkills';
import type { SkillFileSystem } from './skillFileSystem';
import { LoadedSkillShelf } from './skillShelf';
import type { Skill } from './skill';

export interface WorkflowSkillsOptions {
  /** Tokens the index may take in a prompt (default: skillIndex's). */
  readonly budget?: number;
  /** The code installed extensions supplied for the superpowers they declared. */
  readonly extensionCode?: ExtensionSuperpowerCode;
  /** How a skill's script may run: only after a person approves it, confined. Absent: scripts never run. */
  readonly scripts?: SkillScriptAccess;
}

export class WorkflowSkills implements Superpowers {
  private readonly shelf: LoadedSkillShelf;
  private loaded: readonly Skill[];
  private readonly registered: Superpowers;

  constructor(
    skills: readonly Skill[],
    files: SkillFileSystem,
    events: EventSink,
    private readonly countTokens: (text: string) => number,
    private readonly options: WorkflowSkillsOptions = {},
  ) {
    this.loaded = skills;
    this.shelf = new LoadedSkillShelf(skills, files, events, options.extensionCode);
    this.registered = registeredSuperpowers(() => this.loaded);
  }

  /** What an agent working on `step` of `task` is told of the skills, and its use_skill. */
  forAgent(step: string, task: string): AgentSkills {
    const { budget, scripts } = this.options;
    return agentSkills(this.shelf, { step, task, countTokens: this.countTokens, ...(budget !== undefined && { budget }), ...(scripts && { scripts }) });
  }

  tdd(): TddCode {
    return this.registered.tdd();
  }

  /** Offers the skills loaded again to the agents that start from now on. */
  replace(skills: readonly Skill[], extensionCode?: ExtensionSuperpowerCode): void {
    this.loaded = skills;
    this.shelf.replace(skills, extensionCode);
  }

  /** The skills the workflow's agents used in this process, first use first. */
  usedBy(workflowId: string): readonly SkillUse[] {
    return this.shelf.usedBy(workflowId);
  }
}
