// The feature workflow with skills: built-ins and community skills copied unchanged into the
// project's .claude/skills. Agents see the index, load what they need with use_skill, the Board is
// shown what they used, and the report names each skill with its source and content hash.
import * as assert from 'node:assert/strict';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { workflowReportText } from '../../../src/cli/workflowReportText';
import type { JournalSkillUse } from '../../../src/core/journal/journalEntry';
import type { SkillEvent } from '../../../src/shared/events';
import { COMMUNITY_PACKAGES, publishedSkillsFolder } from '../superpowers/registry/communitySkills';
import { copyExample, runFeature, type FeatureRun } from './featureRun';

describe('feature workflow: agents use skills', function () {
  this.timeout(120_000);
  let run: FeatureRun;

  before(async () => {
    const folder = await copyExample();
    await mkdir(join(folder, '.claude/skills'), { recursive: true });
    await cp(join(publishedSkillsFolder(COMMUNITY_PACKAGES[0]), 'wednesday-dev'), join(folder, '.claude/skills/wednesday-dev'), { recursive: true });
    run = await runFeature({ scenario: 'skills-used.json', folder });
  });
  after(() => run?.remove());

  it('completes as scripted', () => {
    assert.equal(run.workflow.status, 'COMPLETED', run.workflow.reason);
    assert.equal(run.unusedReplies, 0);
  });

  it('shows the agents the skills by name and description only, ranked for the step', () => {
    const testbot = run.requests.find((request) => request.role === 'testbot');
    const task = (testbot?.body as { messages: { role: string; content: string }[] }).messages[1].content;
    assert.match(task, /Skills \(load one with use_skill[^\n]*\n- tdd: Test-driven development/);
    assert.match(task, /\n- wednesday-dev: Technical development guidelines/);
    assert.doesNotMatch(task, /# Test-driven development/);
    const tools = (testbot?.body as { tools: { function: { name: string } }[] }).tools.map((tool) => tool.function.name);
    assert.ok(tools.includes('use_skill'));
  });

  it('lets the Product Owner see the index and load a skill before it answers with the plan', () => {
    const owner = run.requests.filter((request) => request.role === 'product-owner');
    const first = owner[0].body as { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] };
    assert.match(first.messages[1].content, /Skills \(load one with use_skill[^\n]*\n- planning: /);
    assert.deepEqual(first.tools?.map((tool) => tool.function.name), ['use_skill']);
    const second = owner[1].body as { messages: { role: string; content: string }[] };
    assert.match(second.messages.at(-1)?.content ?? '', /^<data source="use_skill">\nThe skill "planning" \(built-in\):/);
  });

  it('records each use with the skill\'s source and content hash', () => {
    const uses = run.events.filter((event): event is SkillEvent => event.type === 'skill');
    assert.deepEqual(uses.map((event) => [event.agent, event.name, event.sourceLabel, event.file ?? null]), [
      ['product-owner', 'planning', 'built-in', null],
      ['testbot', 'tdd', 'built-in', null],
      ['codebot', 'wednesday-dev', '.claude/skills', null],
      ['codebot', 'wednesday-dev', '.claude/skills', 'references/NAMING.md'],
    ]);
    assert.ok(uses.every((event) => /^[0-9a-f]{64}$/.test(event.contentHash)));
  });

  it('records each use in the write journal too, beside the writes it led to, and undo passes over them', () => {
    const uses = run.journal.filter((entry): entry is JournalSkillUse => entry.kind === 'skill');
    assert.deepEqual(uses.map((entry) => [entry.agent, entry.name, entry.source, entry.file ?? null]), [
      ['product-owner', 'planning', 'builtin', null],
      ['testbot', 'tdd', 'builtin', null],
      ['codebot', 'wednesday-dev', 'workspace', null],
      ['codebot', 'wednesday-dev', 'workspace', 'references/NAMING.md'],
    ]);
    const events = run.events.filter((event): event is SkillEvent => event.type === 'skill');
    assert.deepEqual(uses.map((entry) => entry.contentHash), events.map((event) => event.contentHash));
    assert.ok(uses.every((entry) => entry.workflowId === run.workflow.id));
    // Interleaved with the writes in one sequence: TestBot's skill comes before its test file.
    const firstTestWrite = run.journal.find((entry) => entry.kind === 'write' && entry.agent === 'testbot');
    assert.ok(firstTestWrite && (uses[1]?.seq ?? Infinity) < firstTestWrite.seq);
  });

  it('names the skills used in the report, and shows them to the Board', () => {
    assert.deepEqual(run.report.skills.map((skill) => [skill.name, skill.source, skill.agents, skill.files]), [
      ['planning', 'builtin', ['product-owner'], []],
      ['tdd', 'builtin', ['testbot'], []],
      ['wednesday-dev', 'workspace', ['codebot'], ['references/NAMING.md']],
    ]);
    assert.match(workflowReportText(run.report), /Skills the agents used:\n {2}planning +built-in +sha256 [0-9a-f]{12} {2}by product-owner\n {2}tdd +built-in +sha256 [0-9a-f]{12} {2}by testbot\n {2}wednesday-dev +\.claude\/skills +sha256 [0-9a-f]{12} {2}by codebot; read references\/NAMING.md/);
    const cto = run.requests.filter((request) => request.role === 'cto').at(-1);
    const review = (cto?.body as { messages: { role: string; content: string }[] }).messages.map((message) => message.content).join('\n');
    assert.match(review, /## Skills the agents used\n- planning \(built-in, sha256 [0-9a-f]{12}\)\n- tdd \(built-in, sha256 [0-9a-f]{12}\)\n- wednesday-dev \(\.claude\/skills, sha256 [0-9a-f]{12}\)/);
  });
});
