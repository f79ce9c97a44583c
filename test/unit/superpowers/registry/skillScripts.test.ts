// A skill's script runs only after a person approves that exact script, and only confined: from a
// private copy of the bytes the registry loaded, under bubblewrap, with the workspace read-only,
// secrets blanked and the editor's keys out of its environment. Declined, changed on disk, not a
// script, or no one to ask: it does not run, and the agent is told why.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentTool, ToolContext } from '../../../../src/agents/tools/agentTool';
import type { ScriptSandbox } from '../../../../src/superpowers/registry/scriptSandbox';
import { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import type { ApprovalRequest } from '../../../../src/core/ports';
import { usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { SkillScriptSandbox } from '../../../../src/infra/sandbox/skillScriptSandbox';
import { nodeSkillFileSystem } from '../../../../src/infra/skills/nodeSkillFileSystem';
import type { EngineEvent, EngineEventInput, SkillEvent } from '../../../../src/shared/events';
import { skillsUsed } from '../../../../src/workflows/skillsUsed';
import { BUILTIN_CODE_SKILLS } from '../../../../src/superpowers/builtinSuperpowers';
import { discoverSkills } from '../../../../src/superpowers/registry/skillDiscovery';
import { WorkflowSkills } from '../../../../src/superpowers/registry/workflowSkills';
import { REPO_ROOT } from './communitySkills';

const PROBE = `import os, sys, pathlib
print("args", sys.argv[1:])
print("cwd", os.getcwd())
print("key", os.environ.get("IMPERIUM_API_KEY", "absent"))
print("env file", repr(open(".env").read()))
try:
    open("written-by-script.txt", "w").write("x")
    print("workspace write: allowed")
except OSError:
    print("workspace write: refused")
(pathlib.Path(__file__).parent / "out.txt").write_text("ok")
print("own copy write: ok")
`;

const SKILL = '---\nname: probe\ndescription: Probes its sandbox. Use when asked to probe.\n---\nRun scripts/probe.py with run_skill_script.\n';
const count = (text: string) => Math.ceil(text.length / 4);

/** For the one case this machine cannot show: no sandbox at all (bubblewrap is installed here). */
class NoSandboxHereDouble implements ScriptSandbox {
  runs = 0;
  confinement(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
  run(): never {
    this.runs++;
    throw new Error('must not run');
  }
}

describe("a skill's scripts: a person's approval, then confined", function () {
  this.timeout(60_000);
  let root: string;
  let events: EngineEventInput[];
  let approvals: PendingApprovals;
  let asked: ApprovalRequest[];
  let answer: { approved: boolean; note?: string };
  const savedKey = process.env.IMPERIUM_API_KEY;

  before(async function () {
    if ((await usableBubblewrap()) === undefined) this.skip();
  });

  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'imperium-scripts-')));
    await mkdir(join(root, '.claude/skills/probe/scripts'), { recursive: true });
    await writeFile(join(root, '.claude/skills/probe/SKILL.md'), SKILL);
    await writeFile(join(root, '.claude/skills/probe/scripts/probe.py'), PROBE);
    await writeFile(join(root, '.claude/skills/probe/scripts/tool.rb'), 'puts 1\n');
    await writeFile(join(root, '.claude/skills/probe/notes.md'), '# notes\n');
    await writeFile(join(root, '.env'), 'OPENAI_API_KEY=sk-in-the-workspace\n');
    events = [];
    asked = [];
    answer = { approved: true };
    approvals = new PendingApprovals();
    approvals.subscribe((change) => {
      if (change.type !== 'added') return;
      asked.push(change.approval.request);
      approvals.decide(change.approval.id, answer);
    });
    process.env.IMPERIUM_API_KEY = 'sk-imperium-secret';
  });
  afterEach(async () => {
    if (savedKey === undefined) delete process.env.IMPERIUM_API_KEY;
    else process.env.IMPERIUM_API_KEY = savedKey;
    await rm(root, { recursive: true, force: true });
  });

  async function tools(access: 'sandbox' | 'no-approvals' | ScriptSandbox = 'sandbox'): Promise<AgentTool[]> {
    const loaded = await discoverSkills({ files: nodeSkillFileSystem, packageRoot: REPO_ROOT, builtinCode: BUILTIN_CODE_SKILLS, workspaceRoot: root, trusted: true });
    const sandbox = access === 'sandbox' ? new SkillScriptSandbox(root) : access === 'no-approvals' ? undefined : access;
    const skills = new WorkflowSkills(loaded.skills, nodeSkillFileSystem, (event) => events.push(event), count, { ...(sandbox && { scripts: { approvals, sandbox } }) });
    return skills.forAgent('green', 'probe the sandbox').equip([]);
  }
  const context = { origin: { workflowId: 'wf-scripts', taskId: 'green', agent: 'codebot' } } as unknown as ToolContext;
  const find = (all: AgentTool[], name: string) => {
    const tool = all.find((candidate) => candidate.name === name);
    assert.ok(tool, `${name} is among ${all.map((candidate) => candidate.name).join(', ')}`);
    return tool;
  };
  const scriptUses = () => events.filter((event): event is Omit<SkillEvent, 'seq' | 'at'> => event.type === 'skill' && event.file !== undefined);

  it('asks a person about that exact script, then runs it confined: workspace read-only, secrets blanked, no keys', async () => {
    const run = find(await tools(), 'run_skill_script');
    const result = await run.run({ name: 'probe', script: 'scripts/probe.py', args: ['hello', 'two words'] }, context);
    assert.equal(result.outcome, 'ok', result.content);
    assert.equal(asked.length, 1);
    const request = asked[0];
    assert.equal(request.kind, 'command');
    assert.equal(request.workflowId, 'wf-scripts');
    assert.match(
      request.kind === 'command' ? request.command : '',
      /^python3 scripts\/probe\.py hello 'two words' {2}\(a script of the skill "probe" from \.claude\/skills; script sha256 [0-9a-f]{12}, skill sha256 [0-9a-f]{12}; confined by bubblewrap: the workspace read-only/,
    );
    assert.match(result.content, /^python3 scripts\/probe\.py hello 'two words' \(exit code 0; confined by bubblewrap/);
    assert.match(result.content, /args \['hello', 'two words'\]/);
    assert.match(result.content, new RegExp(`cwd ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
    assert.match(result.content, /key absent/);
    assert.match(result.content, /env file ''/);
    assert.match(result.content, /workspace write: refused/);
    assert.match(result.content, /own copy write: ok/);
    assert.equal(existsSync(join(root, 'written-by-script.txt')), false);
    assert.equal(existsSync(join(root, '.claude/skills/probe/scripts/out.txt')), false, 'it ran from a copy, not the folder on disk');
    assert.deepEqual(scriptUses().map((event) => [event.name, event.file, event.agent, event.ran]), [['probe', 'scripts/probe.py', 'codebot', true]]);
    // The report tells a script that ran from a file that was only read.
    const stamped = events.map((event, seq) => ({ ...event, seq, at: 0 }) as EngineEvent);
    const [used] = skillsUsed(stamped, 'wf-scripts');
    assert.deepEqual([used.name, used.files, used.ran], ['probe', [], ['scripts/probe.py']]);
  });

  it('does not run a script the person declines, and tells the agent their note', async () => {
    answer = { approved: false, note: 'not on my machine' };
    const result = await find(await tools(), 'run_skill_script').run({ name: 'probe', script: 'scripts/probe.py' }, context);
    assert.equal(result.outcome, 'refused');
    assert.equal(result.content, 'A person declined to run scripts/probe.py of the skill "probe": not on my machine. Do the work without it.');
    assert.deepEqual(scriptUses(), []);
  });

  it('does not run or ask about a script whose skill changed on disk since it was loaded', async () => {
    const run = find(await tools(), 'run_skill_script');
    await writeFile(join(root, '.claude/skills/probe/scripts/probe.py'), 'import os\nos.system("curl evil")\n');
    await assert.rejects(run.run({ name: 'probe', script: 'scripts/probe.py' }, context), /The skill "probe" changed on disk since it was loaded \(\.claude\/skills\); none of its scripts runs until the skills are reloaded\./);
    assert.equal(asked.length, 0);
  });

  it('runs only files under scripts/ of a known kind, and says which scripts there are', async () => {
    const run = find(await tools(), 'run_skill_script');
    const notScript = await run.run({ name: 'probe', script: 'notes.md' }, context);
    assert.equal(notScript.outcome, 'refused');
    assert.match(notScript.content, /is not one of the skill's scripts \(files under scripts\/\)/);
    const ruby = await run.run({ name: 'probe', script: 'scripts/tool.rb' }, context);
    assert.equal(ruby.outcome, 'refused');
    assert.match(ruby.content, /not a Python \(\.py\), shell \(\.sh\) or JavaScript/);
    const missing = await run.run({ name: 'probe', script: '../../../etc/passwd' }, context);
    assert.equal(missing.outcome, 'error');
    assert.match(missing.content, /has no file "\.\.\/\.\.\/\.\.\/etc\/passwd"\. Its scripts: scripts\/probe\.py, scripts\/tool\.rb\./);
    assert.equal(asked.length, 0);
  });

  it('offers no way to run a script where nobody can approve it, and says so when the agent reads one', async () => {
    const all = await tools('no-approvals');
    assert.ok(!all.some((tool) => tool.name === 'run_skill_script'));
    const read = await find(all, 'use_skill').run({ name: 'probe', file: 'scripts/probe.py' }, context);
    assert.match(read.content, /\[A script of the skill, as text: no tool of yours runs it here \(a script runs only after a person approves it, confined\)\.\]$/);
  });

  it('runs nothing and asks nobody on a machine without a sandbox', async () => {
    const none = new NoSandboxHereDouble();
    const result = await find(await tools(none), 'run_skill_script').run({ name: 'probe', script: 'scripts/probe.py' }, context);
    assert.equal(result.outcome, 'refused');
    assert.match(result.content, /This machine has no sandbox \(bubblewrap on Linux\), and a skill's scripts run only confined/);
    assert.equal(none.runs, 0);
    assert.equal(asked.length, 0);
  });
});
