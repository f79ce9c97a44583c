// The code an installed extension supplies for a superpower it declares: read from its exported API,
// checked (a bad export brings nothing, with the reason), and called by an agent once it loaded the
// skill; never before, never in place of one of the agent's own tools.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ok, type AgentTool, type ToolContext } from '../../../src/agents/tools/agentTool';
import { nodeSkillFileSystem } from '../../../src/infra/skills/nodeSkillFileSystem';
import type { Skill } from '../../../src/superpowers/registry/skill';
import { WorkflowSkills } from '../../../src/superpowers/registry/workflowSkills';
import { extensionSuperpowerCode } from '../../../src/superpowers/extensionSuperpowerCode';
import { superpowersView } from '../../../src/superpowers/superpowersView';

const context = { origin: { workflowId: 'wf-ext', taskId: 'green', agent: 'codebot' } } as unknown as ToolContext;
const calls: unknown[] = [];
const exportsOf = (tools: unknown) => ({ imperiumSuperpowers: { 'review-kit': { tools } } });
const lint = {
  name: 'lint',
  description: 'Lints one file by the kit rules.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false },
  run: async (args: { path: string }, ctx: { workflowId: string; agent: string }) => {
    calls.push([args, ctx.workflowId, ctx.agent]);
    return `no findings in ${args.path}`;
  },
};

const skill: Skill = {
  name: 'review-kit',
  description: 'Reviews code by the kit rules. Use when reviewing.',
  metadata: {},
  modelInvocable: true,
  body: 'Call review_kit_lint on each changed file.',
  folder: '/ext/acme.review-kit/skills/review-kit',
  skillFile: 'SKILL.md',
  source: { kind: 'extension', label: 'extension acme.review-kit', extensionId: 'acme.review-kit' },
  files: [],
  contentHash: 'f'.repeat(64),
  code: { kind: 'extension', extensionId: 'acme.review-kit' },
  notes: [],
};
const own = (name: string): AgentTool => ({ name, description: name, schema: z.strictObject({}), run: async () => ok(`${name} ran`) });

describe("an extension's superpower code", () => {
  beforeEach(() => void calls.splice(0));

  it('turns the exported tools into agent tools named for the skill, with their JSON Schema', async () => {
    const read = extensionSuperpowerCode(exportsOf([lint]), 'review-kit', 'acme.review-kit');
    assert.ok(read.ok, read.ok ? '' : read.problem);
    assert.deepEqual(read.code.capabilities, ['tool review_kit_lint (acme.review-kit)']);
    const [tool] = read.code.tools ?? [];
    assert.equal(tool.name, 'review_kit_lint');
    assert.equal(tool.schema.safeParse({ path: 1 }).success, false);
    assert.equal(tool.schema.safeParse({ path: 'src/a.ts' }).success, true);
    assert.deepEqual(await tool.run({ path: 'src/a.ts' }, context), { outcome: 'ok', content: 'no findings in src/a.ts' });
    assert.deepEqual(calls, [[{ path: 'src/a.ts' }, 'wf-ext', 'codebot']]);
  });

  it('refuses a bad export with the reason: nothing exported, no entry, bad names, no run, a bad schema', () => {
    const problem = (exported: unknown) => {
      const read = extensionSuperpowerCode(exported, 'review-kit', 'acme.review-kit');
      return read.ok ? 'loaded' : read.problem;
    };
    assert.equal(problem(undefined), 'acme.review-kit declares the superpower review-kit, but its API exports no imperiumSuperpowers object');
    assert.match(problem({ imperiumSuperpowers: {} }), /its imperiumSuperpowers has no entry "review-kit"$/);
    assert.match(problem(exportsOf([])), /tools is not a non-empty list$/);
    assert.match(problem(exportsOf([{ ...lint, name: 'Lint!' }])), /tool 1's name "Lint!" is not 1-31 lowercase letters/);
    assert.match(problem(exportsOf([{ ...lint, run: 'rm -rf /' }])), /the tool lint has no run function$/);
    assert.match(problem(exportsOf([{ ...lint, parameters: { type: 'string' } }])), /the tool lint's parameters are not a JSON Schema of type "object"$/);
    assert.match(problem(exportsOf([lint, lint])), /it names the tool lint twice$/);
  });

  it("reports a tool that throws, answers with no text, or hangs, as a failed call, not the run's end", async () => {
    const tools = (run: unknown, timeoutMs = 1000) => {
      const read = extensionSuperpowerCode(exportsOf([{ ...lint, run }]), 'review-kit', 'acme.review-kit', timeoutMs);
      assert.ok(read.ok);
      return read.code.tools?.[0] as AgentTool;
    };
    const thrown = await tools(() => Promise.reject(new Error('kit crashed'))).run({ path: 'a' }, context);
    assert.deepEqual(thrown, { outcome: 'error', content: 'review_kit_lint (from acme.review-kit) failed: kit crashed' });
    const object = await tools(() => ({ findings: [] })).run({ path: 'a' }, context);
    assert.equal(object.content, 'review_kit_lint (from acme.review-kit) answered with a object, not text.');
    const hung = await tools(() => new Promise(() => undefined), 50).run({ path: 'a' }, context);
    assert.equal(hung.content, 'review_kit_lint (from acme.review-kit) did not answer within 50 ms.');
  });

  it('offers the tools to agents, callable only once the skill is loaded with use_skill, and shows them in the view', async () => {
    const read = extensionSuperpowerCode(exportsOf([lint, { ...lint, name: 'read_file_x' }]), 'review-kit', 'acme.review-kit');
    assert.ok(read.ok);
    const skills = new WorkflowSkills([skill], nodeSkillFileSystem, () => undefined, (text) => text.length, { extensionCode: new Map([['review-kit', read.code]]) });
    const tools = skills.forAgent('review', 'review the change').equip([own('read_file')]);
    assert.deepEqual(tools.map((tool) => tool.name), ['read_file', 'review_kit_lint', 'review_kit_read_file_x', 'use_skill']);
    const byName = (name: string) => tools.find((tool) => tool.name === name) as AgentTool;
    const early = await byName('review_kit_lint').run({ path: 'src/a.ts' }, context);
    assert.equal(early.outcome, 'refused');
    assert.equal(early.content, 'review_kit_lint comes with the skill review-kit: load it with use_skill first, then follow its instructions.');
    assert.deepEqual(calls, []);
    const loaded = await byName('use_skill').run({ name: 'review-kit' }, context);
    assert.match(loaded.content, /It brings tools you may call now: review_kit_lint, review_kit_read_file_x\./);
    assert.equal((await byName('review_kit_lint').run({ path: 'src/a.ts' }, context)).content, 'no findings in src/a.ts');
    assert.equal(calls.length, 1);

    const view = superpowersView({ skills: [skill], rejected: [], clashes: [], skipped: [] }, new Map([['review-kit', read.code]]));
    assert.deepEqual(view.loaded[0].code, ['tool review_kit_lint (acme.review-kit)', 'tool review_kit_read_file_x (acme.review-kit)']);
    const without = superpowersView({ skills: [skill], rejected: [], clashes: [], skipped: [] });
    assert.deepEqual(without.loaded[0].code, ['code from acme.review-kit (not available: see the log)']);
  });

  it('brings code only for a skill the registry gave code to: a workspace skill of the same name gets none', () => {
    const read = extensionSuperpowerCode(exportsOf([lint]), 'review-kit', 'acme.review-kit');
    assert.ok(read.ok);
    const { code: _code, ...instructions } = skill;
    const workspaceSkill: Skill = { ...instructions, source: { kind: 'workspace', label: '.claude/skills' } };
    const skills = new WorkflowSkills([workspaceSkill], nodeSkillFileSystem, () => undefined, (text) => text.length, { extensionCode: new Map([['review-kit', read.code]]) });
    assert.deepEqual(skills.forAgent('review', 'review').equip([]).map((tool) => tool.name), ['use_skill']);
  });
});
