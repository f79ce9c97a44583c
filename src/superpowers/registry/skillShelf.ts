// The loaded skills as agents use them: the ones offered to models (not those marked
// disable-model-invocation), their files read on demand from the skill folder only, the tools a
// code-bringing superpower registers, a snapshot of a folder for running one of its scripts (only
// while its bytes are still the ones loaded), and every use recorded as a 'skill' event (name,
// source, content hash) and kept for the workflow's report.
import { join } from 'node:path';
import type { EventSink } from '../../core/ports';
import type { AgentTool } from '../../agents/tools/agentTool';
import type { ShelvedSkill, SkillShelf } from '../../agents/tools/useSkill';
import type { SkillFolderCopy } from './scriptSandbox';
import type { AgentRole } from '../../shared/agents';
import type { SkillUse } from '../../shared/superpowers';
import { codeOfSkill, type ExtensionSuperpowerCode } from '../superpowers';
import type { SkillFileSystem } from './skillFileSystem';
import { readSkillSnapshot } from './skillSnapshot';
import type { Skill } from './skill';

export class LoadedSkillShelf implements SkillShelf {
  private offered: readonly Skill[];
  /** workflow id -> skill name -> its use. */
  private readonly uses = new Map<string, Map<string, SkillUse>>();

  constructor(
    skills: readonly Skill[],
    private readonly files: SkillFileSystem,
    private readonly events: EventSink,
    private extensionCode: ExtensionSuperpowerCode = new Map(),
  ) {
    this.offered = skills.filter((skill) => skill.modelInvocable);
  }

  /** Takes the skills loaded again (after trust was granted, or an extension came or went); uses so far are kept. */
  replace(skills: readonly Skill[], extensionCode: ExtensionSuperpowerCode = new Map()): void {
    this.offered = skills.filter((skill) => skill.modelInvocable);
    this.extensionCode = extensionCode;
  }

  list(): readonly ShelvedSkill[] {
    return this.offered.map((skill) => ({
      name: skill.name,
      description: skill.description,
      sourceLabel: skill.source.label,
      body: skill.body,
      files: skill.files,
      ...(skill.allowedTools !== undefined && { allowedTools: skill.allowedTools }),
    }));
  }

  /** The skills offered to agents, as loaded. */
  skills(): readonly Skill[] {
    return this.offered;
  }

  /** The tools each offered superpower registers, by skill name (built-ins' and extensions' code only). */
  toolsBySkill(): ReadonlyMap<string, readonly AgentTool[]> {
    const tools = new Map<string, readonly AgentTool[]>();
    for (const skill of this.offered) {
      const code = codeOfSkill(skill, this.extensionCode);
      if (code?.tools?.length) tools.set(skill.name, code.tools);
    }
    return tools;
  }

  recordUse(name: string, agent: AgentRole, origin: { readonly workflowId: string; readonly taskId?: string }, file?: string, ran?: boolean): void {
    const skill = this.find(name);
    const use: SkillUse = { name, source: skill.source.kind, sourceLabel: skill.source.label, contentHash: skill.contentHash };
    const used = this.uses.get(origin.workflowId) ?? new Map<string, SkillUse>();
    used.set(name, use);
    this.uses.set(origin.workflowId, used);
    this.events({ type: 'skill', agent, ...origin, ...use, ...(file !== undefined && { file }), ...(file !== undefined && ran === true && { ran: true as const }) });
  }

  async readFile(name: string, file: string): Promise<string> {
    const skill = this.find(name);
    // Only a file the registry listed: no path of the model's reaches outside the folder.
    if (!skill.files.includes(file)) throw new Error(`The skill "${name}" has no file "${file}".`);
    const bytes = await this.files.read(join(skill.folder, ...file.split('/')));
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\u0000')) throw new Error(`"${file}" of the skill "${name}" is not text.`);
    return text;
  }

  /** The skill's folder, byte for byte as it was loaded; throws when it changed on disk since. */
  async copyOf(name: string): Promise<SkillFolderCopy> {
    const skill = this.find(name);
    const snapshot = await readSkillSnapshot(this.files, skill.folder, skill.skillFile, skill.files);
    if (snapshot.contentHash !== skill.contentHash) {
      throw new Error(`The skill "${name}" changed on disk since it was loaded (${skill.source.label}); none of its scripts runs until the skills are reloaded.`);
    }
    return { name, sourceLabel: skill.source.label, contentHash: skill.contentHash, files: snapshot.files };
  }

  /** The skills the workflow's agents used, in the order first used. */
  usedBy(workflowId: string): readonly SkillUse[] {
    return [...(this.uses.get(workflowId)?.values() ?? [])];
  }

  private find(name: string): Skill {
    const skill = this.offered.find((candidate) => candidate.name === name);
    if (!skill) throw new Error(`No skill named "${name}" is loaded.`);
    return skill;
  }
}
