// The use_skill loop end to end below the host: CodeBot over the real OpenAI-compatible client and
// the scripted model server on loopback, with community skills copied unchanged into the workspace.
// The prompt lists names and descriptions only; use_skill loads a body, then a file on demand; a
// skill's allowed-tools narrows CodeBot's tools and never widens them; every use is recorded.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAgent } from '../../../../src/agents/agentLoop';
import { taskMessage } from '../../../../src/agents/agentTask';
import { CODE_BOT } from '../../../../src/agents/codeBot';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { nodeSkillFileSystem } from '../../../../src/infra/skills/nodeSkillFileSystem';
import { OpenAiCompatibleClient } from '../../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { countTextTokens } from '../../../../src/llm/tokenCount';
import { BUILTIN_CODE_SKILLS } from '../../../../src/superpowers/builtinSuperpowers';
import { agentSkills } from '../../../../src/superpowers/registry/agentSkills';
import { discoverSkills } from '../../../../src/superpowers/registry/skillDiscovery';
import { LoadedSkillShelf } from '../../../../src/superpowers/registry/skillShelf';
import type { EngineEventInput, SkillEvent } from '../../../../src/shared/events';
import { ScriptedTestRunner } from '../../agents/scriptedTestRunner';
import { REPO_ROOT, workspaceWithCommunitySkills, type SkillWorkspace } from './communitySkills';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { InMemoryAppendLog } from '../../core/journal/inMemoryAppendLog';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';

describe('use_skill with the scripted model', function () {
  this.timeout(30_000);
  let folder: SkillWorkspace;
  let server: ScriptedModelServer | undefined;

  beforeEach(async () => {
    folder = await workspaceWithCommunitySkills();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await folder.remove();
  });

  it('offers names and descriptions, loads a body and a file on demand, narrows tools, records each use', async () => {
    const loaded = await discoverSkills({ files: nodeSkillFileSystem, packageRoot: REPO_ROOT, builtinCode: BUILTIN_CODE_SKILLS, workspaceRoot: folder.root, trusted: true });
    const events: EngineEventInput[] = [];
    const shelf = new LoadedSkillShelf(loaded.skills, nodeSkillFileSystem, (event) => events.push(event));
    const count = (await import('gpt-tokenizer/encoding/o200k_base')).countTokens;
    const task = { description: 'Add a formatDate helper to src/dates.ts following the project guidelines.' };
    const skills = agentSkills(shelf, { step: 'green', task: task.description, countTokens: count });
    assert.equal(skills.index.listed[0], 'tdd', 'the skill made for the step comes first');
    assert.ok(!skills.index.listed.includes('kiro-impl'), 'a skill with disable-model-invocation is not offered');

    server = await startScriptedModelServer({
      roles: {
        codebot: [
          { toolCalls: [{ name: 'use_skill', arguments: { name: 'wednesday-dev' } }] },
          { toolCalls: [{ name: 'use_skill', arguments: { name: 'wednesday-dev', file: 'references/NAMING.md' } }] },
          { toolCalls: [{ name: 'use_skill', arguments: { name: 'kiro-review' } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/dates.ts', content: 'export const formatDate = () => "";\n' } }] },
          { toolCalls: [{ name: 'read_file', arguments: { path: 'package.json' } }] },
          { toolCalls: [{ name: 'use_skill', arguments: { name: 'no-such-skill' } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Read the guidelines.', changed_files: [] } }] },
        ],
      },
    });
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 }, timeoutMs: 5_000 });
    const workspace = await NodeWorkspace.open(folder.root, { journal: new WriteJournal(new InMemoryAppendLog<JournalEntry>()) });
    await workspace.write('package.json', '{"name":"dates"}\n', { workflowId: 'wf-setup', agent: 'user' });
    const result = await runAgent(
      { ...CODE_BOT, tools: skills.equip(CODE_BOT.tools) },
      {
        task: `${taskMessage(task)}\n\n${skills.index.text}`,
        model,
        events: (event) => events.push(event),
        context: { workspace, tests: new ScriptedTestRunner([]), origin: { workflowId: 'wf-skills', taskId: 'green', agent: 'codebot' } },
      },
    );
    assert.equal(result.outcome, 'finished');

    const requests = server.requests.filter((request) => request.role === 'codebot');
    const sent = (turn: number) => (requests[turn].body as { messages: { role: string; content: string }[] }).messages;
    const firstUser = sent(0).find((message) => message.role === 'user')?.content ?? '';
    assert.match(firstUser, /- wednesday-dev: Technical development guidelines for Wednesday Solutions projects/);
    assert.match(firstUser, /- tdd: Test-driven development/);
    assert.doesNotMatch(firstUser, /# Wednesday Technical Development Guidelines/, 'no body before use_skill');
    const lastResult = (turn: number) => sent(turn).at(-1)?.content ?? '';
    const publishedBody = (await readFile(join(folder.root, '.claude/skills/wednesday-dev/SKILL.md'), 'utf8')).split('\n---\n')[1].trim();
    assert.ok(lastResult(1).includes(publishedBody.slice(0, 400)), `use_skill returned the published body: ${lastResult(1).slice(0, 300)} ||| ${publishedBody.slice(0, 200)}`);
    assert.match(lastResult(1), /Its other files, loaded with use_skill and file when needed: references\/COMPLEXITY.md, references\/NAMING.md/);
    assert.match(lastResult(2), /^<data source="use_skill">\n"references\/NAMING.md" of the skill "wednesday-dev":/);
    assert.match(lastResult(3), /While it is in use you may call only: list_files, read_file, search_text, use_skill, finish/);
    assert.match(lastResult(4), /^Refused: the skill kiro-review allows only list_files, read_file, search_text \(allowed-tools\); write_file is not among them\./);
    assert.match(lastResult(5), /^<data source="read_file">\n"package.json", lines 1-1 of 1:/, 'a tool the skill allows still runs');
    assert.match(lastResult(6), /^No skill named "no-such-skill"\. Skills: planning, tdd, /);
    assert.equal(await workspace.exists('src/dates.ts'), false, 'the refused write did not happen');

    const skillEvents = events.filter((event): event is Omit<SkillEvent, 'seq' | 'at'> => event.type === 'skill');
    assert.deepEqual(skillEvents.map((event) => [event.name, event.file ?? null, event.sourceLabel, event.agent, event.workflowId]), [
      ['wednesday-dev', null, '.claude/skills', 'codebot', 'wf-skills'],
      ['wednesday-dev', 'references/NAMING.md', '.claude/skills', 'codebot', 'wf-skills'],
      ['kiro-review', null, '.claude/skills', 'codebot', 'wf-skills'],
    ]);
    const dev = loaded.skills.find((skill) => skill.name === 'wednesday-dev');
    assert.deepEqual(shelf.usedBy('wf-skills'), [
      { name: 'wednesday-dev', source: 'workspace', sourceLabel: '.claude/skills', contentHash: dev?.contentHash },
      { name: 'kiro-review', source: 'workspace', sourceLabel: '.claude/skills', contentHash: loaded.skills.find((skill) => skill.name === 'kiro-review')?.contentHash },
    ]);
    assert.ok(skills.index.tokens <= 600 && skills.index.tokens === count(skills.index.text));
    assert.equal(await countTextTokens(skills.index.text), skills.index.tokens);
  });
});
