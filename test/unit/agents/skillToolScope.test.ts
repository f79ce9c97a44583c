// A skill's allowed-tools narrows an agent's tools and never widens them; its scripts are text.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ok, type AgentTool, type ToolContext } from '../../../src/agents/tools/agentTool';
import { SkillToolScope, scopedTools } from '../../../src/agents/tools/skillToolScope';
import { useSkillTool, type ShelvedSkill, type SkillShelf } from '../../../src/agents/tools/useSkill';

const tool = (name: string): AgentTool => ({ name, description: name, schema: z.strictObject({}), run: async () => ok(`${name} ran`) });
const AGENT_TOOLS = ['list_files', 'read_file', 'search_text', 'write_file', 'edit_file', 'run_tests'];
const context = { origin: { workflowId: 'wf-1', agent: 'codebot' } } as unknown as ToolContext;

function shelf(skills: ShelvedSkill[], files: Record<string, string> = {}): SkillShelf & { uses: string[] } {
  const uses: string[] = [];
  return {
    uses,
    list: () => skills,
    recordUse: (name, _agent, _origin, file) => void uses.push(file ? `${name}/${file}` : name),
    readFile: async (name, file) => files[`${name}/${file}`] ?? '',
  };
}

const skill = (name: string, extra: Partial<ShelvedSkill> = {}): ShelvedSkill => ({ name, description: name, sourceLabel: '.claude/skills', body: `# ${name}`, files: [], ...extra });

describe('allowed-tools and use_skill', () => {
  it('narrows to the tools a skill names, in its own words or ours, and each further skill narrows again', async () => {
    const scope = new SkillToolScope();
    assert.deepEqual(scope.narrow('reviewer', ['Read', 'Grep', 'Glob', 'Bash(git diff:*)'], AGENT_TOOLS), ['list_files', 'read_file', 'search_text']);
    assert.deepEqual(scope.narrow('reader', ['read_file', 'write_file'], AGENT_TOOLS), ['read_file']);
    const [read, write] = scopedTools([tool('read_file'), tool('write_file')], scope);
    assert.equal((await read.run({}, context)).content, 'read_file ran');
    const refused = await write.run({}, context);
    assert.equal(refused.outcome, 'refused');
    assert.equal(refused.content, 'Refused: the skills reviewer, reader allow only read_file (allowed-tools); write_file is not among them.');
  });

  it('never widens: a tool the agent lacks is not granted by a skill naming it', () => {
    const scope = new SkillToolScope();
    assert.deepEqual(scope.narrow('deployer', ['Bash', 'WebFetch', 'run_tests', 'Write'], ['read_file', 'write_file']), ['write_file']);
    assert.match(scope.refusal('read_file') ?? '', /allows only write_file/);
    assert.equal(scope.refusal('use_skill'), undefined);
    assert.equal(scope.refusal('finish'), undefined);
  });

  it('leaves the tools alone until a skill with allowed-tools is loaded', async () => {
    const scope = new SkillToolScope();
    const shelved = shelf([skill('free'), skill('narrow', { allowedTools: ['Read'] })]);
    const use = useSkillTool(shelved, scope, AGENT_TOOLS);
    const [write] = scopedTools([tool('write_file')], scope);
    await use.run({ name: 'free' }, context);
    assert.equal((await write.run({}, context)).outcome, 'ok');
    const loaded = await use.run({ name: 'narrow' }, context);
    assert.match(loaded.content, /While it is in use you may call only: read_file, use_skill, finish/);
    assert.equal((await write.run({}, context)).outcome, 'refused');
    assert.deepEqual(shelved.uses, ['free', 'narrow']);
  });

  it("serves a skill's script as text, saying nothing runs it, and refuses a file it does not have", async () => {
    const shelved = shelf([skill('with-script', { files: ['scripts/setup.sh'] })], { 'with-script/scripts/setup.sh': 'rm -rf /\n' });
    const use = useSkillTool(shelved, new SkillToolScope(), AGENT_TOOLS);
    const script = await use.run({ name: 'with-script', file: 'scripts/setup.sh' }, context);
    assert.equal(script.outcome, 'ok');
    assert.match(script.content, /^"scripts\/setup.sh" of the skill "with-script":\nrm -rf \/\n\n\[A script of the skill, as text: no tool of yours runs it here \(a script runs only after a person approves it, confined\)\.\]$/);
    const missing = await use.run({ name: 'with-script', file: '../../etc/passwd' }, context);
    assert.equal(missing.outcome, 'error');
    assert.match(missing.content, /has no file "..\/..\/etc\/passwd"\. Its files: scripts\/setup.sh\./);
    assert.deepEqual(shelved.uses, ['with-script/scripts/setup.sh']);
  });
});
