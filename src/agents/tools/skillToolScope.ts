// A skill's `allowed-tools` narrows what the agent may call while the skill is in use, and can never
// widen it: the agent keeps only its own tools that the skill names, each further skill narrows the
// set again, and a tool the agent does not have (a shell, the web) is not granted by being named.
// Names from Claude Code and the specification's examples are read as the nearest tool of ours.
import { refused, type AgentTool } from './agentTool';

/** Tool names skills are written with, as ours. A name with no counterpart here grants nothing. */
const SKILL_TOOL_NAMES: Readonly<Record<string, readonly string[]>> = {
  read: ['read_file'],
  grep: ['search_text'],
  glob: ['list_files'],
  ls: ['list_files'],
  write: ['write_file'],
  edit: ['edit_file'],
  multiedit: ['edit_file'],
};

/** Always callable: loading another skill, and the agent's answer. */
const ALWAYS_ALLOWED = new Set(['use_skill', 'finish']);

export class SkillToolScope {
  private allowed: Set<string> | undefined;
  private readonly narrowedBy: string[] = [];
  private readonly loaded = new Set<string>();

  /** The skill's instructions were loaded in this run: the tools it brings may be called. */
  markLoaded(skillName: string): void {
    this.loaded.add(skillName);
  }

  isLoaded(skillName: string): boolean {
    return this.loaded.has(skillName);
  }

  /** Narrows to the tools `allowedTools` names; returns the tools left, of those the agent has. */
  narrow(skillName: string, allowedTools: readonly string[], agentTools: readonly string[]): readonly string[] {
    const named = new Set(allowedTools.flatMap(ourNames));
    const current = this.allowed ?? new Set(agentTools);
    this.allowed = new Set([...current].filter((tool) => named.has(tool)));
    this.narrowedBy.push(skillName);
    return [...this.allowed];
  }

  /** Why `tool` may not be called now, or undefined when it may. */
  refusal(tool: string): string | undefined {
    if (this.allowed === undefined || ALWAYS_ALLOWED.has(tool) || this.allowed.has(tool)) return undefined;
    const left = [...this.allowed];
    return `Refused: the skill${this.narrowedBy.length > 1 ? 's' : ''} ${this.narrowedBy.join(', ')} allow${this.narrowedBy.length > 1 ? '' : 's'} only ${left.length ? left.join(', ') : 'no other tool'} (allowed-tools); ${tool} is not among them.`;
  }
}

/** The tools, each refusing its calls while the scope excludes it. */
export function scopedTools(tools: readonly AgentTool[], scope: SkillToolScope): AgentTool[] {
  return tools.map((tool) => ({
    ...tool,
    run: (args, context) => {
      const refusal = scope.refusal(tool.name);
      return refusal ? Promise.resolve(refused(refusal)) : tool.run(args, context);
    },
  }));
}

/** A superpower's tools, each refused until the agent has loaded that skill with use_skill. */
export function toolsOfSkill(skillName: string, tools: readonly AgentTool[], scope: SkillToolScope): AgentTool[] {
  return tools.map((tool) => ({
    ...tool,
    run: (args, context) =>
      scope.isLoaded(skillName)
        ? tool.run(args, context)
        : Promise.resolve(refused(`${tool.name} comes with the skill ${skillName}: load it with use_skill first, then follow its instructions.`)),
  }));
}

/** "Read" -> read_file; "read_file" -> read_file; "Bash(git:*)" -> nothing of ours. */
function ourNames(skillTool: string): readonly string[] {
  const bare = skillTool.replace(/\(.*\)$/s, '').trim();
  if (/^[a-z]+(_[a-z]+)+$/.test(bare)) return [bare];
  return SKILL_TOOL_NAMES[bare.toLowerCase()] ?? [];
}
