// run_skill_script: a skill's script runs only after a person approves that exact script (the
// skill's name, source and content hash, the script's own hash, the command line and how it will be
// confined are what they are asked), and only confined: from a private copy of the skill folder
// taken from the bytes the registry loaded, with the workspace read-only, no network and a scrubbed
// environment. Where this machine has no sandbox, no script runs at all. Hooks are never run.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AgentRole } from '../../shared/agents';
import { failed, ok, refused, type AgentTool } from './agentTool';
import type { SkillFolderCopy, SkillScriptAccess } from '../../superpowers/registry/scriptSandbox';
import type { ShelvedSkill } from './useSkill';

/** The skills whose scripts may be asked for. */
export interface SkillScriptShelf {
  list(): readonly ShelvedSkill[];
  /** Throws, with a reason for the model, when the folder changed since it was loaded. */
  copyOf(name: string): Promise<SkillFolderCopy>;
  recordUse(name: string, agent: AgentRole, origin: { readonly workflowId: string; readonly taskId?: string }, file?: string, ran?: boolean): void;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** By file extension: the interpreters a script may run under. Anything else is not run. */
const INTERPRETERS: Readonly<Record<string, string>> = { py: 'python3', sh: 'bash', js: 'node', mjs: 'node', cjs: 'node' };

const schema = z.strictObject({
  name: z.string().min(1).describe('The skill, as listed.'),
  script: z.string().min(1).describe("The script, as the skill's instructions name it (e.g. scripts/check.py)."),
  args: z.array(z.string().max(500)).max(20).optional().describe('Its command-line arguments.'),
});

export function runSkillScriptTool(shelf: SkillScriptShelf, access: SkillScriptAccess): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'run_skill_script',
    description: "Run one of a loaded skill's scripts, only when its instructions call for it. A person is asked first; it runs confined (workspace read-only, no network) and you get its output.",
    schema,
    async run(args, context) {
      const skill = shelf.list().find((candidate) => candidate.name === args.name);
      if (!skill) return failed(`No skill named "${args.name}". Skills: ${shelf.list().map((candidate) => candidate.name).join(', ') || 'none'}.`);
      const script = args.script.replace(/^\.\//, '');
      const scripts = skill.files.filter((file) => file.startsWith('scripts/'));
      if (!skill.files.includes(script)) return failed(`The skill "${skill.name}" has no file "${args.script}". Its scripts: ${scripts.join(', ') || 'none'}.`);
      if (!script.startsWith('scripts/')) return refused(`"${script}" is not one of the skill's scripts (files under scripts/): only those run. Read it with use_skill and file instead.`);
      const extension = /\.([a-z]+)$/i.exec(script)?.[1]?.toLowerCase() ?? '';
      const interpreter = INTERPRETERS[extension];
      if (interpreter === undefined) return refused(`"${script}" is not a Python (.py), shell (.sh) or JavaScript (.js, .mjs, .cjs) script; no other kind runs.`);
      const confinement = await access.sandbox.confinement();
      if (confinement === undefined) {
        return refused(`This machine has no sandbox (bubblewrap on Linux), and a skill's scripts run only confined: "${script}" does not run here. Read it with use_skill and file and do its work with your own tools.`);
      }
      const folder = await shelf.copyOf(skill.name);
      const argv = args.args ?? [];
      const commandLine = [interpreter, script, ...argv.map(quoted)].join(' ');
      const scriptHash = createHash('sha256').update(folder.files.get(script) ?? new Uint8Array()).digest('hex');
      const decision = await access.approvals.request(
        {
          kind: 'command',
          workflowId: context.origin.workflowId,
          command: `${commandLine}  (a script of the skill "${skill.name}" from ${folder.sourceLabel}; script sha256 ${scriptHash.slice(0, 12)}, skill sha256 ${folder.contentHash.slice(0, 12)}; ${confinement})`,
        },
        context.signal,
      );
      if (!decision.approved) return refused(`A person declined to run ${script} of the skill "${skill.name}"${decision.note ? `: ${decision.note}` : ''}. Do the work without it.`);
      const origin = { workflowId: context.origin.workflowId, ...(context.origin.taskId !== undefined && { taskId: context.origin.taskId }) };
      shelf.recordUse(skill.name, context.origin.agent as AgentRole, origin, script, true);
      const end = await access.sandbox.run({ folder, script, interpreter, args: argv, timeoutMs: access.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(context.signal && { signal: context.signal }) });
      if (end.ending === 'canceled') throw context.signal?.reason ?? new Error('canceled');
      const how = end.ending === 'exited' ? `exit code ${end.exitCode}` : end.ending === 'timed-out' ? 'stopped: it ran out of time' : 'it could not start';
      const text = `${commandLine} (${how}; ${confinement}):\n${end.output || '(no output)'}`;
      return end.ending === 'exited' && end.exitCode === 0 ? ok(text) : failed(text);
    },
  };
}

function quoted(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
