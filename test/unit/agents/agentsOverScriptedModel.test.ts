// End to end below the host: CodeBot and TestBot through the real OpenAI-compatible client, over
// HTTP, against the scripted model server on loopback, writing in a real temp workspace.
import * as assert from 'node:assert/strict';
import { runCodeBot } from '../../../src/agents/codeBot';
import { runTestBot } from '../../../src/agents/testBot';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import type { ScenarioInput } from '../../../src/llm/scriptedServer/scenario';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEventInput } from '../../../src/shared/events';
import { ScriptedTestRunner, testRun } from './scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('agents over the scripted model server', () => {
  let temp: TempWorkspace;
  let server: ScriptedModelServer | undefined;

  beforeEach(async () => {
    temp = await tempWorkspace({ 'src/math.ts': 'export const add = (a: number, b: number) => a - b;\n' });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await temp.remove();
  });

  async function agentsOver(scenario: ScenarioInput) {
    server = await startScriptedModelServer(scenario);
    const events: EngineEventInput[] = [];
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 }, timeoutMs: 5_000 });
    const tests = new ScriptedTestRunner([
      testRun([{ id: 'test/math.test.ts::adds', name: 'adds', suite: [], file: 'test/math.test.ts', line: 2, status: 'failed', message: 'Expected 3, got -1', expected: '3', actual: '-1' }]),
      testRun([{ id: 'test/math.test.ts::adds', name: 'adds', suite: [], file: 'test/math.test.ts', line: 2, status: 'passed' }]),
    ]);
    return { dependencies: { model, workspace: temp.workspace, tests, events: (event: EngineEventInput) => events.push(event) }, events };
  }

  /** The tool results the model was sent in the request for `role`'s turn `turn` (0-based). */
  function toolResultsSent(role: string, turn: number): string[] {
    const request = server?.requests.filter((recorded) => recorded.role === role)[turn];
    const messages = (request?.body as { messages: { role: string; content: string }[] }).messages;
    const last = messages.map((message) => message.role).lastIndexOf('assistant');
    return messages.slice(last + 1).map((message) => message.content);
  }

  it('TestBot writes a failing test, then CodeBot recovers from bad calls and makes it pass', async () => {
    const { dependencies, events } = await agentsOver({
      roles: {
        testbot: [
          { toolCalls: [{ name: 'write_file', arguments: { path: 'test/math.test.ts', content: 'it("adds", () => assert.equal(add(1, 2), 3));\n' } }] },
          { toolCalls: [{ name: 'run_tests', arguments: { files: ['test/math.test.ts'] } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'One test for add.', test_files: ['test/math.test.ts'] } }] },
        ],
        codebot: [
          { toolCalls: [{ name: 'edit_file', rawArguments: '{"path": "src/math.ts", "old_text": "a - b"' }] },
          { toolCalls: [{ name: 'edit_file', arguments: { path: 'test/math.test.ts', old_text: '3)', new_text: '-1)' } }] },
          { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.ts', old_text: 'a - b', new_text: 'a + b' } }, { name: 'run_tests', arguments: {} }] },
          { content: 'Done.', toolCalls: [{ name: 'finish', arguments: { summary: 'add now adds.', changed_files: ['src/math.ts'] } }] },
        ],
      },
    });
    const task = { description: 'add(a, b) returns the sum.', acceptanceCriteria: ['add(1, 2) is 3'] };

    const red = await runTestBot(task, dependencies, { workflowId: 'wf-e2e', taskId: 'red' });
    assert.ok(red.outcome === 'finished', red.outcome === 'finished' ? '' : red.reason);
    assert.deepEqual(red.answer.test_files, ['test/math.test.ts']);
    assert.match(toolResultsSent('testbot', 2)[0], /^<data source="run_tests">\nTests ran: 0 passed, 1 failed.*\nFAILED test\/math.test.ts::adds\n {2}at test\/math.test.ts:2\n {2}message: Expected 3, got -1/);

    const green = await runCodeBot(task, dependencies, { workflowId: 'wf-e2e', taskId: 'green' });
    assert.ok(green.outcome === 'finished', green.outcome === 'finished' ? '' : green.reason);
    assert.equal(green.steps, 4);
    assert.ok(green.usage.totalTokens > 0, 'usage comes from the server');
    assert.match(toolResultsSent('codebot', 1)[0], /^The arguments of edit_file are not valid JSON/);
    assert.match(toolResultsSent('codebot', 2)[0], /^You may not write "test\/math.test.ts": tests and test configuration are fixed/);
    assert.deepEqual(toolResultsSent('codebot', 3), ['Edited "src/math.ts": replaced 1 occurrence (at line 1).', '<data source="run_tests">\nTests ran: 1 passed, 0 failed, 0 skipped (1 in all) in 42 ms.\n</data>']);

    assert.equal(await temp.readFile('src/math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
    assert.equal(await temp.readFile('test/math.test.ts'), 'it("adds", () => assert.equal(add(1, 2), 3));\n');
    // The tool specs went over the wire as function tools with JSON Schema parameters.
    const tools = (server?.requests.find((recorded) => recorded.role === 'codebot')?.body as { tools: { type: string; function: { name: string; parameters: { type: string } } }[] }).tools;
    assert.deepEqual(
      tools.map((tool) => [tool.type, tool.function.name, tool.function.parameters.type]),
      ['list_files', 'read_file', 'search_text', 'write_file', 'edit_file', 'run_tests', 'finish'].map((name) => ['function', name, 'object']),
    );
    assert.equal(events.filter((event) => event.type === 'tool' && event.outcome === 'refused').length, 1);

    // The whole workflow can be taken back.
    const undo = await temp.workspace.undo('wf-e2e');
    assert.deepEqual([...undo.restored, ...undo.deleted].sort(), ['src/math.ts', 'test/math.test.ts']);
    assert.equal(await temp.readFile('src/math.ts'), 'export const add = (a: number, b: number) => a - b;\n');
    assert.equal(await temp.workspace.exists('test'), false);
  });

  it('fails with the server’s reason when the scenario runs out', async () => {
    const { dependencies } = await agentsOver({ roles: { codebot: [{ toolCalls: [{ name: 'list_files', arguments: {} }] }] } });
    const result = await runCodeBot({ description: 'Anything.' }, dependencies, { workflowId: 'wf-e2e' });
    assert.ok(result.outcome === 'failed');
    assert.match(result.reason, /^The model call failed: .*codebot/);
    assert.equal(result.steps, 2);
  });
});
