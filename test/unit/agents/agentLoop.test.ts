import * as assert from 'node:assert/strict';
import type { AgentDependencies } from '../../../src/agents/agentTask';
import { runCodeBot } from '../../../src/agents/codeBot';
import { runTestBot } from '../../../src/agents/testBot';
import { ModelError } from '../../../src/core/ports';
import type { EngineEventInput } from '../../../src/shared/events';
import { ScriptedModelClient, call, calls, type ScriptedReply } from './scriptedModelClient';
import { ScriptedTestRunner, testRun } from './scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('agent loop', () => {
  let temp: TempWorkspace;
  let events: EngineEventInput[];
  let tests: ScriptedTestRunner;

  beforeEach(async () => {
    temp = await tempWorkspace({
      'src/math.ts': 'export const add = (a: number, b: number) => a - b;\n',
      'test/math.test.ts': 'it("adds", () => assert.equal(add(1, 2), 3));\n',
    });
    events = [];
    tests = new ScriptedTestRunner([
      testRun([{ id: 'test/math.test.ts::adds', name: 'adds', suite: [], file: 'test/math.test.ts', status: 'passed' }]),
    ]);
  });

  afterEach(() => temp.remove());

  function dependencies(replies: readonly ScriptedReply[]): AgentDependencies & { model: ScriptedModelClient } {
    return { model: new ScriptedModelClient(replies), workspace: temp.workspace, tests, events: (event) => events.push(event) };
  }

  const task = { description: 'Make add() add.', acceptanceCriteria: ['add(1, 2) is 3'], context: 'test/math.test.ts fails.' };
  const finishCode = (summary = 'Fixed the operator.') => calls(call('finish', { summary, changed_files: ['src/math.ts'] }));
  const fixAdd = calls(call('edit_file', { path: 'src/math.ts', old_text: 'a - b', new_text: 'a + b' }));

  it('runs tools until finish, and returns the answer, the usage and the transcript', async () => {
    const deps = dependencies([
      calls(call('read_file', { path: 'src/math.ts' })),
      { ...fixAdd, content: 'The operator is wrong.' },
      calls(call('run_tests', { files: ['test/math.test.ts'] })),
      { ...finishCode(), usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 }, costUsd: 0.01 },
    ]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1', taskId: 't-2' });

    assert.equal(result.outcome, 'finished');
    assert.ok(result.outcome === 'finished');
    assert.deepEqual(result.answer, { summary: 'Fixed the operator.', changed_files: ['src/math.ts'] });
    assert.equal(result.steps, 4);
    assert.equal(result.toolCalls, 4);
    assert.deepEqual(result.usage, { promptTokens: 307, completionTokens: 33, totalTokens: 340 });
    assert.equal(result.costUsd, 0.01);
    assert.equal(await temp.readFile('src/math.ts'), 'export const add = (a: number, b: number) => a + b;\n');

    const first = deps.model.requests[0];
    assert.equal(first.role, 'codebot');
    assert.equal(first.workflowId, 'wf-1');
    assert.equal(first.taskId, 't-2');
    assert.equal(first.messages[0].role, 'system');
    assert.match(first.messages[0].content ?? '', /You are CodeBot/);
    assert.equal(first.messages[1].content, 'Task: Make add() add.\n\nAcceptance criteria:\n1. add(1, 2) is 3\n\nContext:\ntest/math.test.ts fails.');
    assert.deepEqual(
      first.tools?.map((tool) => tool.name),
      ['list_files', 'read_file', 'search_text', 'write_file', 'edit_file', 'run_tests', 'finish'],
    );
    // The model saw each result, tied to its call.
    const second = deps.model.requests[1].messages;
    const readResult = second[second.length - 1];
    assert.equal(readResult.role, 'tool');
    // Delimited as data: what a file says carries no authority.
    assert.match(readResult.role === 'tool' ? readResult.content : '', /^<data source="read_file">\n"src\/math.ts", lines 1-1 of 1:[\s\S]*\n<\/data>$/);
    assert.equal(result.transcript.length, 2 + 4 * 2);

    assert.deepEqual(
      events.filter((event) => event.type === 'agent').map((event) => event.type === 'agent' && [event.state, event.step]),
      [['started', undefined], ['step', 1], ['step', 2], ['step', 3], ['step', 4], ['finished', undefined]],
    );
    const toolEvents = events.filter((event) => event.type === 'tool');
    assert.deepEqual(
      toolEvents.map((event) => event.type === 'tool' && [event.tool, event.path, event.outcome, event.agent, event.taskId]),
      [
        ['read_file', 'src/math.ts', 'ok', 'codebot', 't-2'],
        ['edit_file', 'src/math.ts', 'ok', 'codebot', 't-2'],
        ['run_tests', 'test/math.test.ts', 'ok', 'codebot', 't-2'],
        ['finish', undefined, 'ok', 'codebot', 't-2'],
      ],
    );
    assert.equal(tests.runs.length, 1);
  });

  it('stops with budget-exhausted when the steps run out without finish', async () => {
    const deps = dependencies([calls(call('list_files', {}))]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1', maxSteps: 3 });
    assert.ok(result.outcome === 'budget-exhausted', result.outcome);
    assert.equal(result.reason, 'Used all 3 steps without calling finish.');
    assert.equal(deps.model.requests.length, 3);
    const last = events.at(-1);
    assert.ok(last?.type === 'agent');
    assert.equal(last.state, 'failed');
    assert.equal(last.message, 'budget-exhausted: Used all 3 steps without calling finish.');
  });

  it('returns malformed arguments to the model and goes on when it corrects them', async () => {
    const deps = dependencies([
      calls(call('edit_file', '{"path": "src/math.ts", "old_text": "a - b", "new_text": "a + b"')),
      fixAdd,
      finishCode(),
    ]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.equal(result.outcome, 'finished');
    const seen = deps.model.requests[1].messages.at(-1);
    assert.ok(seen?.role === 'tool');
    assert.match(seen.content, /^The arguments of edit_file are not valid JSON/);
    assert.equal(await temp.readFile('src/math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
  });

  it('answers an unknown tool and goes on', async () => {
    const deps = dependencies([calls(call('shell', { command: 'rm -rf /' })), fixAdd, finishCode()]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.equal(result.outcome, 'finished');
    const seen = deps.model.requests[1].messages.at(-1);
    assert.ok(seen?.role === 'tool');
    assert.match(seen.content, /^There is no tool named "shell"\. The tools are: list_files, /);
    assert.deepEqual(
      events.filter((event) => event.type === 'tool').map((event) => event.type === 'tool' && [event.tool, event.outcome]),
      [
        ['shell', 'error'],
        ['edit_file', 'ok'],
        ['finish', 'ok'],
      ],
    );
  });

  it('refuses CodeBot a test-file write: the model reads why, and nothing is written or journalled', async () => {
    const deps = dependencies([
      calls(call('write_file', { path: 'test/math.test.ts', content: 'it.skip("adds")' })),
      calls(call('edit_file', { path: 'test/math.test.ts', old_text: 'it(', new_text: 'it.skip(' })),
      fixAdd,
      finishCode(),
    ]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.equal(result.outcome, 'finished');
    const seen = deps.model.requests[1].messages.at(-1);
    assert.ok(seen?.role === 'tool');
    assert.equal(seen.content, 'You may not write "test/math.test.ts": tests and test configuration are fixed while you implement; make the tests pass by changing the code under test.');
    assert.equal(await temp.readFile('test/math.test.ts'), 'it("adds", () => assert.equal(add(1, 2), 3));\n');
    const journalled = (await temp.journal.readAll()).map((entry) => entry.kind === 'write' && entry.path);
    assert.deepEqual(journalled, ['src/math.ts']);
    const outcomes = events.filter((event) => event.type === 'tool').map((event) => event.type === 'tool' && event.outcome);
    assert.deepEqual(outcomes, ['refused', 'refused', 'ok', 'ok']);
  });

  it('keeps TestBot to test files and checks its answer', async () => {
    const deps = dependencies([
      calls(call('write_file', { path: 'src/math.ts', content: 'export const add = (a, b) => a + b;' })),
      calls(call('write_file', { path: 'test/sum.test.ts', content: 'it("sums", () => assert.equal(sum([1, 2]), 3));\n' })),
      calls(call('finish', { summary: 'sum tests', test_files: ['test/summ.test.ts'] })),
      calls(call('finish', { summary: 'sum tests', test_files: ['test/sum.test.ts'] })),
    ]);
    const result = await runTestBot(task, deps, { workflowId: 'wf-1' });
    assert.ok(result.outcome === 'finished');
    assert.deepEqual(result.answer.test_files, ['test/sum.test.ts']);
    assert.equal(await temp.readFile('src/math.ts'), 'export const add = (a: number, b: number) => a - b;\n');
    const results = result.transcript.filter((message) => message.role === 'tool').map((message) => message.role === 'tool' && message.content);
    assert.match(results[0] || '', /^You may not write "src\/math.ts": you write tests only/);
    assert.equal(results[2], 'Not finished: test_files: "test/summ.test.ts" does not exist; write it first.');
    assert.equal(deps.model.requests[0].role, 'testbot');
  });

  it('charges an extra step for repeating a call that already failed', async () => {
    const again = () => calls(call('read_file', { path: 'src/missing.ts' }));
    const deps = dependencies([again(), again(), again()]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1', maxSteps: 4 });
    assert.equal(result.outcome, 'budget-exhausted');
    // Step 1 fails; steps 2 and 3 repeat it and each cost one more: 1 + 2 + 2 > 4.
    assert.equal(deps.model.requests.length, 3);
    assert.equal(result.steps, 5);
    const last = result.transcript.at(-1);
    assert.ok(last?.role === 'tool');
    assert.match(last.content, /^"src\/missing.ts" does not exist\.\n\[You made this exact call before and it failed then too\./);
  });

  it('nudges a model that answers without calling a tool', async () => {
    const deps = dependencies([{ content: 'I think the fix is to use +.' }, { content: 'cut', finishReason: 'length' }, fixAdd, finishCode()]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.equal(result.outcome, 'finished');
    assert.deepEqual(deps.model.requests[1].messages.at(-1), {
      role: 'user',
      content: 'Continue by calling a tool. When the task is done, call finish with your answer.',
    });
    assert.match(deps.model.requests[2].messages.at(-1)?.content ?? '', /cut off at the length limit/);
  });

  it('answers every call of a reply, even those after finish', async () => {
    const deps = dependencies([calls(call('finish', { summary: 'done', changed_files: [] }), call('write_file', { path: 'src/late.ts', content: 'x' }))]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.equal(result.outcome, 'finished');
    assert.deepEqual(
      result.transcript.slice(-2).map((message) => message.role === 'tool' && message.content),
      ['Finished.', 'Not run: finish was called before it.'],
    );
    assert.equal(await temp.workspace.exists('src/late.ts'), false);
  });

  it('fails with the reason when the model call fails for good', async () => {
    const deps = dependencies([
      () => {
        throw new ModelError('rate-limited', 'The model service is rate limiting; gave up after 3 retries.', 429);
      },
    ]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1' });
    assert.ok(result.outcome === 'failed');
    assert.equal(result.reason, 'The model call failed: The model service is rate limiting; gave up after 3 retries.');
  });

  it('stops as canceled when the signal aborts during a model call, and before the next step', async () => {
    const controller = new AbortController();
    const deps = dependencies([
      fixAdd,
      (request) =>
        new Promise((_, reject) => {
          request.signal?.addEventListener('abort', () => reject(new ModelError('canceled', 'canceled')));
          controller.abort(new Error('the user stopped the workflow'));
        }),
    ]);
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1', signal: controller.signal });
    assert.ok(result.outcome === 'canceled');
    assert.equal(result.reason, 'Canceled: the user stopped the workflow');
    assert.equal(result.steps, 2);

    const before = await runCodeBot(task, dependencies([fixAdd]), { workflowId: 'wf-2', signal: controller.signal });
    assert.equal(before.outcome, 'canceled');
    assert.equal(before.steps, 0);
  });

  it('stops as canceled when the signal aborts while a tool runs', async () => {
    const controller = new AbortController();
    tests = new ScriptedTestRunner([testRun([], { outcome: 'canceled' })]);
    const deps = dependencies([calls(call('run_tests', {}), call('write_file', { path: 'src/after.ts', content: 'x' }))]);
    const run = tests.run.bind(tests);
    tests.run = async (selection, options) => {
      controller.abort();
      return run(selection, options);
    };
    const result = await runCodeBot(task, deps, { workflowId: 'wf-1', signal: controller.signal });
    assert.equal(result.outcome, 'canceled');
    assert.equal(await temp.workspace.exists('src/after.ts'), false);
  });
});
