import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import type { WorkflowsApi } from '../../../../src/host/api';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';

// The fix workflow in the real editor, on a copy of examples/roman-numerals (five of its ten tests
// fail as shipped), started the ways a person starts it: "Make this pass with agents" on a failing
// test, and "Fix with Agents" on tests; the scripted model server stands in for a model.

const TEST_FILE = 'test/roman.test.js';
const FOUR = `${TEST_FILE}::toRoman > writes 4 as IV`;

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri;
}

const fileText = (path: string) => readFile(join(root().fsPath, path), 'utf8');

describe('the fix workflow in the editor', function () {
  this.timeout(240_000);
  let server: ScriptedModelServer;
  let workflows: WorkflowsApi;
  const settings = () => vscode.workspace.getConfiguration('imperium');

  before(async () => {
    workflows = await (await imperiumApi()).workflows();
  });

  beforeEach(async () => {
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'roman-numerals-fix.json'));
    server = await startScriptedModelServer(scenario);
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
  });

  afterEach(() => server.close());

  it('"Make this pass with agents" on a failing test runs the fix workflow on that test, changing the code and not the test', async () => {
    const testsBefore = await fileText(TEST_FILE);
    const target = { kind: 'failing-test', path: 'src/roman.js', startLine: 18, endLine: 18, symbol: 'writes 4 as IV', description: "The test \"writes 4 as IV\" fails:\nExpected values to be strictly equal: 'IIII' !== 'IV'", testId: FOUR };
    const workflowId = await vscode.commands.executeCommand<string>('imperium.implementWithAgents', target);
    assert.ok(workflowId, 'the command answers with the workflow id');
    const settled = await workflows.settled(workflowId);
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    assert.equal(workflows.list().find((workflow) => workflow.id === workflowId)?.name, 'fix');
    assert.match(await fileText('src/roman.js'), /\['IV', 4\]/);
    assert.equal(await fileText(TEST_FILE), testsBefore, 'the test is as it was');
    assert.equal(server.requests.filter((request) => request.role === 'testbot').length, 0, 'TestBot wrote no tests');
    const undone = await (await personAtTheEditor()).undo(workflowId);
    assert.deepEqual(undone.restored, ['src/roman.js']);
  });

  it('"Fix with Agents" on a test file makes its failing tests pass, its runs in the Test Explorer; once nothing fails it stops before any model call', async () => {
    const tests = (await imperiumApi()).tests;
    assert.ok(tests, 'the Test Explorer is there');
    const runs: { name: string | undefined; passed: number; failed: number }[] = [];
    const listening = tests.onDidEndRun((run) => runs.push({ name: run.name, passed: run.result.summary.passed, failed: run.result.summary.failed }));
    const workflowId = await vscode.commands.executeCommand<string>('imperium.fixWithAgents', [TEST_FILE]);
    assert.ok(workflowId);
    const settled = await workflows.settled(workflowId).finally(() => listening.dispose());
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    const red = runs.find((run) => run.name === `${workflowId} red: the suite before the fix`);
    const green = runs.find((run) => run.name?.startsWith(`${workflowId} green`));
    assert.deepEqual(red && [red.passed, red.failed], [5, 5], JSON.stringify(runs));
    assert.deepEqual(green && [green.passed, green.failed], [10, 0], JSON.stringify(runs));

    const asked = server.requests.length;
    const again = await vscode.commands.executeCommand<string>('imperium.fixWithAgents');
    assert.ok(again);
    const stopped = await workflows.settled(again);
    assert.equal(stopped.status, 'FAILED');
    assert.match(stopped.reason ?? '', /Nothing to fix: the suite did not fail \(10 tests ran, none failing\)\./);
    assert.equal(server.requests.length, asked, 'no model call');
  });
});
