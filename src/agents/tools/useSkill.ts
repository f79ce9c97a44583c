// use_skill: the second and third tiers of progressive disclosure. The agent's prompt lists skills by
// name and description only; this tool loads one skill's instructions (its SKILL.md body), or one
// of its other files on demand. Each load is recorded by the shelf (name, source, content hash).
// A skill's scripts are served as text; only run_skill_script runs one, after a person approves it.
// Loading a superpower that brings tools makes them callable.
import { z } from 'zod';
import type { AgentRole } from '../../shared/agents';
import { failed, ok, type AgentTool } from './agentTool';
import type { SkillToolScope } from './skillToolScope';

const MAX_FILE_CHARS = 24_000;

export interface ShelvedSkill {
  readonly name: string;
  readonly description: string;
  /** "built-in", ".claude/skills", "extension acme.kit". */
  readonly sourceLabel: string;
  readonly body: string;
  /** Its other files, relative to its folder. */
  readonly files: readonly string[];
  readonly allowedTools?: readonly string[];
}

/** The skills agents may load, and the record of what they loaded. */
export interface SkillShelf {
  /** Every skill offered to agents. */
  list(): readonly ShelvedSkill[];
  /** Records that `agent` loaded the skill (or read `file` of it, or ran that script: `ran`) in this workflow. */
  recordUse(name: string, agent: AgentRole, origin: { readonly workflowId: string; readonly taskId?: string }, file?: string, ran?: boolean): void;
  /** The text of one of the skill's files; throws with a reason a person can read. */
  readFile(name: string, file: string): Promise<string>;
}

const schema = z.strictObject({
  name: z.string().min(1),
  file: z.string().min(1).optional().describe('A file its instructions name, instead.'),
});

export interface UseSkillOptions {
  /** The tools each code-bringing superpower registers, by skill name: callable once it is loaded. */
  readonly skillTools?: ReadonlyMap<string, readonly string[]>;
  /** run_skill_script is among the agent's tools. */
  readonly scriptsRun?: boolean;
}

/** The tool for one agent run; `scope` applies the loaded skills' allowed-tools to the agent's tools. */
export function useSkillTool(shelf: SkillShelf, scope: SkillToolScope, agentTools: readonly string[], options: UseSkillOptions = {}): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'use_skill',
    description: 'Load a listed skill before work it fits.',
    schema,
    async run(args, context) {
      const skills = shelf.list();
      const skill = skills.find((candidate) => candidate.name === args.name);
      if (!skill) {
        return failed(`No skill named "${args.name}". Skills: ${skills.map((candidate) => candidate.name).join(', ') || 'none'}.`);
      }
      const origin = { workflowId: context.origin.workflowId, ...(context.origin.taskId !== undefined && { taskId: context.origin.taskId }) };
      const role = context.origin.agent as AgentRole;
      if (args.file !== undefined) {
        const file = args.file.replace(/^\.\//, '');
        if (!skill.files.includes(file)) {
          return failed(`The skill "${skill.name}" has no file "${args.file}". Its files: ${skill.files.join(', ') || 'none besides SKILL.md'}.`);
        }
        const text = await shelf.readFile(skill.name, file);
        shelf.recordUse(skill.name, role, origin, file);
        const shown = text.length > MAX_FILE_CHARS ? `${text.slice(0, MAX_FILE_CHARS)}\n[… cut at ${MAX_FILE_CHARS} characters]` : text;
        const script = !/^scripts\//.test(file)
          ? ''
          : options.scriptsRun
            ? '\n[A script of the skill, as text. To run it, call run_skill_script: a person is asked first, and it runs confined.]'
            : '\n[A script of the skill, as text: no tool of yours runs it here (a script runs only after a person approves it, confined).]';
        return ok(`"${file}" of the skill "${skill.name}":\n${shown}${script}`);
      }
      shelf.recordUse(skill.name, role, origin);
      scope.markLoaded(skill.name);
      const parts = [`The skill "${skill.name}" (${skill.sourceLabel}):`, skill.body.trim()];
      if (skill.files.length > 0) parts.push(`Its other files, loaded with use_skill and file when needed: ${skill.files.join(', ')}.`);
      const brought = options.skillTools?.get(skill.name) ?? [];
      if (brought.length > 0) parts.push(`It brings tools you may call now: ${brought.join(', ')}.`);
      if (skill.allowedTools !== undefined) {
        const left = scope.narrow(skill.name, skill.allowedTools, agentTools);
        parts.push(`While it is in use you may call only: ${[...left, 'use_skill', 'finish'].join(', ')} (its allowed-tools, within yours).`);
      }
      return ok(parts.join('\n\n'));
    },
  };
}
