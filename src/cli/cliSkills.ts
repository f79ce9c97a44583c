// The skills the headless engine's agents are offered: the built-ins, the folder's skill folders and
// the user's (a person ran the CLI on the folder, so it is trusted). Rejected skills and clashes go
// to the log, so a skill that did not load is never a silent mystery. A skill's script may run only
// where the engine has someone to ask (approvals), and then confined.
import { homedir } from 'node:os';
import type { Approvals, EventSink, Logger } from '../core/ports';
import { SkillScriptSandbox } from '../infra/sandbox/skillScriptSandbox';
import { nodeSkillFileSystem } from '../infra/skills/nodeSkillFileSystem';
import { tokenCounter } from '../llm/tokenCount';
import { BUILTIN_CODE_SKILLS } from '../superpowers/builtinSuperpowers';
import { discoverSkills } from '../superpowers/registry/skillDiscovery';
import { WorkflowSkills } from '../superpowers/registry/workflowSkills';
import { packageRoot } from './packageRoot';

export interface CliSkillOptions {
  readonly folder: string;
  /** The home folder whose ~/.claude/skills and the like are read; false: none. Default the user's. */
  readonly home?: string | false;
  readonly logger: Logger;
}

export async function openCliSkills(options: CliSkillOptions): Promise<(events: EventSink, approvals?: Approvals) => WorkflowSkills> {
  const home = options.home === undefined ? homedir() : options.home;
  const result = await discoverSkills({
    files: nodeSkillFileSystem,
    packageRoot: packageRoot(),
    builtinCode: BUILTIN_CODE_SKILLS,
    workspaceRoot: options.folder,
    ...(home !== false && { home }),
    trusted: true,
  });
  for (const rejected of result.rejected) options.logger.warn(`skill ${rejected.name} (${rejected.source.label}) not loaded: ${rejected.reason}`);
  for (const clash of result.clashes) {
    options.logger.warn(`skill ${clash.name}: kept from ${clash.kept.label}, not loaded from ${clash.others.map((other) => other.source.label).join(', ')}`);
  }
  options.logger.info(`skills: ${result.skills.map((skill) => `${skill.name} (${skill.source.label})`).join(', ')}`);
  const countTokens = await tokenCounter();
  return (events, approvals) =>
    new WorkflowSkills(result.skills, nodeSkillFileSystem, events, countTokens, {
      ...(approvals && { scripts: { approvals, sandbox: new SkillScriptSandbox(options.folder) } }),
    });
}
