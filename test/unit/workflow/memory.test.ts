// Memory in real runs of the feature workflow. Short-term: the steps fill the workflow's memory as
// they run; agents get it packed into their task within a token budget, and recall it with the
// recall_memory tool. Long-term: an approved, passing workflow's lessons are kept with their
// provenance and recalled (lexically and by embeddings) into the next workflow's prompts, even
// after a memory file was damaged.
import * as assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEMORY_FOLDER, STATE_FOLDER } from '../../../src/runtime/folderStore';
import type { ContextEntry } from '../../../src/core/memory/workflowMemory';
import { countTextTokens } from '../../../src/llm/tokenCount';
import { agentTasks, copyExample, messagesOf, requestsOf, runFeature, type FeatureRun } from './featureRun';

async function contextLog(run: FeatureRun): Promise<ContextEntry[]> {
  const text = await readFile(join(run.folder, STATE_FOLDER, `context-${run.workflow.id}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ContextEntry);
}

describe('memory in the feature workflow', function () {
  this.timeout(180_000);

  describe('short-term: what the workflow establishes, packed into tasks and recalled by the agents', () => {
    let run: FeatureRun;
    before(async () => {
      // Room for all TestBot's memory (65 tokens) but not CodeBot's (about 105), to see recall_memory offered where it helps.
      run = await runFeature({ scenario: 'memory-recall.json', limits: { memoryTokens: 80 } });
    });
    after(() => run?.remove());

    it('is filled by the steps as they run: request, criteria, plan, decisions, test results, files touched', async () => {
      const entries = await contextLog(run);
      assert.deepEqual(
        entries.map((entry) => `${entry.kind} ${entry.by}`),
        [
          'request user',
          'criteria product-owner',
          'plan product-owner',
          'decision board',
          'files testbot',
          'test-result engine',
          'decision codebot',
          'files codebot',
          'test-result engine',
          'decision codebot',
          'decision board',
          'note engine',
        ],
      );
      assert.equal(entries[1]?.text, '1. new Shelf().size() is 0\n2. shelf.size() is the number of books added to the shelf');
      assert.match(entries[5]?.text ?? '', /^red: 2 new tests fail for the right reason \(node-test\)$/);
      assert.match(entries.at(-1)?.text ?? '', /^Learned: Tests run with node:test, in test\/\*\.test\.js \(convention, workspace\)$/);
    });

    it('packs it into each agent task within the token budget, leaving out what the task states itself', async () => {
      const [testBotTask] = agentTasks(run, 'testbot');
      const section = testBotTask?.slice(testBotTask.indexOf('What this workflow has established')) ?? '';
      assert.match(section, /## Plan\n- 1\. \[codebot\] TestBot: test\/size\.test\.js with node:test/);
      assert.match(section, /## Decisions\n- The Board on the plan: approved \(3 of 3 members approved\)$/m, "a text that names its author is not tagged again");
      assert.doesNotMatch(section, /## (Request|Acceptance criteria)/);
      const packed = section.slice(section.indexOf('\n') + 1);
      assert.ok((await countTextTokens(packed)) <= 80, `${await countTextTokens(packed)} tokens`);
    });

    it("gives recall_memory to an agent whose memory section could not hold it all (CodeBot here), not to one whose section holds it all (TestBot), and it answers from the workflow's memory", () => {
      const toolsOf = (role: string) => (requestsOf(run, role)[0]?.body as { tools: { function: { name: string } }[] }).tools.map((tool) => tool.function.name);
      assert.ok(toolsOf('codebot').includes('recall_memory'), toolsOf('codebot').join(', '));
      assert.ok(!toolsOf('testbot').includes('recall_memory'), toolsOf('testbot').join(', '));
      assert.match(agentTasks(run, 'codebot')[0] ?? '', /recall_memory finds more/);
      const recalled = messagesOf(requestsOf(run, 'codebot')[1] as Parameters<typeof messagesOf>[0]).at(-1)?.content ?? '';
      // Memory is material agents wrote earlier: delimited as data like any tool result.
      assert.match(recalled, /^<data source="recall_memory">\nFrom this workflow:\n- \[criteria, product-owner\] 1\. new Shelf\(\)\.size\(\) is 0\n2\. shelf\.size\(\) is the number of books added/);
      assert.equal(run.workflow.status, 'COMPLETED');
      assert.equal(run.unusedReplies, 0);
    });
  });

  describe('long-term: lessons of an approved workflow, recalled into the next one', () => {
    let folder: string;
    let globalMemory: string;
    let first: FeatureRun;
    let second: FeatureRun;
    before(async () => {
      folder = await copyExample();
      globalMemory = join(folder, 'global-memory-of-the-user');
      first = await runFeature({ scenario: 'green-two-fixes.json', folder, globalMemory });
      // A crash or a bad disk damages the workspace memory's shard between the two runs.
      await writeFile(join(folder, STATE_FOLDER, MEMORY_FOLDER, 'memory-shard-000000.json'), '{"records": {"mem-');
      second = await runFeature({ scenario: 'memory-second-run.json', request: 'Add Shelf#isEmpty(): true when the shelf has no books.', folder, globalMemory });
    });
    after(() => rm(folder, { recursive: true, force: true }));

    it('keeps what the first workflow taught, with its provenance: the workflow, its files and passing tests', () => {
      assert.deepEqual(first.report.learned.map((lesson) => [lesson.kind, lesson.scope, lesson.title]), [
        ['convention', 'workspace', 'Tests run with node:test, in test/*.test.js'],
        ['fix', 'workspace', 'Fix: Shelf#size now returns the number of books.'],
      ]);
      const fix = first.memories.workspace.find((memory) => memory.kind === 'fix');
      assert.match(fix?.text ?? '', /^A try at "Add Shelf#size\(\): the number of books on the shelf\." failed with tests-failing: 1 test failing \(test\/size\.test\.js::size counts the books added\)\. What made the tests pass: Shelf#size now returns the number of books\.$/);
      assert.equal(fix?.provenance.workflowId, 'wf-1');
      assert.deepEqual(fix?.provenance.files, ['src/shelf.js', 'test/size.test.js']);
      assert.ok(fix?.provenance.tests.includes('test/size.test.js::size counts the books added'));
      assert.deepEqual(fix?.provenance.boardReasons, ['3 of 3 members approved']);
      assert.ok(fix?.embedding, 'embedded for semantic recall');
      assert.deepEqual(first.memories.global, []);
    });

    it("restores the damaged shard from its last good copy and warns, losing nothing", () => {
      assert.ok(
        second.warnings.some((line) => /memory-shard-000000\.json was damaged .*restored from its backup/.test(line)),
        second.warnings.join('\n'),
      );
    });

    it("recalls the convention into the next workflow's tasks, by words and by meaning (the scenario answers only then)", () => {
      const [testBotTask] = agentTasks(second, 'testbot');
      assert.match(testBotTask ?? '', /## Learned patterns\n(- .*\n)*- Tests run with node:test, in test\/\*\.test\.js \(convention\): New tests go in test\/\*\.test\.js and run with node:test/);
      assert.ok(second.embeddingRequests > 0, 'the recall queries were embedded');
      assert.equal(second.workflow.status, 'COMPLETED');
      assert.equal(second.unusedReplies, 0);
    });

    it('keeps a lesson once: the second workflow taught the same convention again', () => {
      assert.deepEqual(second.report.learned, []);
      assert.deepEqual(
        second.memories.workspace.map((memory) => memory.kind).sort(),
        ['convention', 'fix'],
      );
    });
  });
});
