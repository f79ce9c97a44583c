// The gateway inside the real VS Code: the Language Model tools through vscode.lm.invokeTool drive
// the bookshelf example to a green suite on the scripted model; the editor's opt-in HTTP API
// serves the same workflows behind its token; and another extension can neither approve through
// the exports nor through Approve Edit with an approval id.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkflowTestHooks } from '../../../../src/host/api';
import { LANGUAGE_MODEL_TOOLS } from '../../../../src/host/gateway/toolContributions';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { BUILT_IN_MODULES } from '../../../../src/workflows/builtInModules';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';
import { until as waitUntil } from '../until';

const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';
const API_PORT = 47_391;

async function invoke(name: string, input: object): Promise<unknown> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  return JSON.parse(text) as unknown;
}

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 120_000) => waitUntil(what, probe, timeoutMs);

describe('the gateway in the editor', function () {
  this.timeout(300_000);
  let server: ScriptedModelServer | undefined;
  let person: WorkflowTestHooks;
  const settings = () => vscode.workspace.getConfiguration('imperium');
  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;

  // A workflow replays the scenario from its start, on a server of its own.
  async function freshScenario(): Promise<void> {
    await server?.close();
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'bookshelf-citation.json'));
    server = await startScriptedModelServer(scenario);
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
  }

  before(async () => {
    person = await personAtTheEditor();
    await freshScenario();
  });
  after(async () => {
    for (const key of ['model.baseUrl', 'model.name', 'review.mode', 'gateway.http.enabled', 'gateway.http.port']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('offers its Language Model tools, which list every workflow module and refuse bad input', async () => {
    const names = vscode.lm.tools.map((tool) => tool.name);
    for (const name of Object.values(LANGUAGE_MODEL_TOOLS)) assert.ok(names.includes(name), `${name} is offered (tools: ${names.join(', ')})`);
    const listed = (await invoke(LANGUAGE_MODEL_TOOLS.list, {})) as { modules: { id: string }[] };
    assert.deepEqual(listed.modules.map((module) => module.id), BUILT_IN_MODULES.map((module) => module.id));
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool(LANGUAGE_MODEL_TOOLS.status, { input: { id: 'wf-404' }, toolInvocationToken: undefined })), /no workflow wf-404/);
  });

  it('gives another extension no way to approve: not through the exports, not through Approve Edit with an id', async () => {
    const workflows = await (await imperiumApi()).workflows();
    for (const name of ['decide', 'undo', 'pendingApprovals', 'approve', 'reject']) assert.equal((workflows as unknown as Record<string, unknown>)[name], undefined, name);
    await settings().update('review.mode', 'always', vscode.ConfigurationTarget.Global);
    const { id } = await workflows.start({ request: REQUEST });
    const waiting = await until('an edit waiting for review', () => person.pendingApprovals().find((approval) => approval.request.workflowId === id && approval.request.kind === 'edit'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('imperium.approveEdit', waiting.id);
    assert.ok(person.pendingApprovals().some((approval) => approval.id === waiting.id), 'Approve Edit with an approval id decided nothing');
    await workflows.cancel(id, 'the test is done');
    await person.undo(id);
    await settings().update('review.mode', undefined, vscode.ConfigurationTarget.Global);
  });

  it('runs the bookshelf workflow to a green suite through vscode.lm.invokeTool', async () => {
    await freshScenario();
    const started = (await invoke(LANGUAGE_MODEL_TOOLS.start, { request: REQUEST })) as { id: string; workflow: string };
    assert.equal(started.workflow, 'feature');
    const status = (await invoke(LANGUAGE_MODEL_TOOLS.status, { id: started.id, waitSeconds: 120 })) as { status: string; phase: string };
    assert.deepEqual([status.status, status.phase], ['COMPLETED', 'done'], JSON.stringify(status));
    const { report } = (await invoke(LANGUAGE_MODEL_TOOLS.report, { id: started.id })) as { report: { status: string; files: { path: string }[] } };
    assert.equal(report.status, 'COMPLETED');
    assert.ok(report.files.some((file) => file.path === 'test/citation.test.js'));
    const suite = spawnSync(process.execPath.endsWith('node') ? process.execPath : 'node', ['--test'], { cwd: folder(), encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(suite.status, 0, `${suite.stdout}${suite.stderr}`);
    const cancel = vscode.lm.invokeTool(LANGUAGE_MODEL_TOOLS.cancel, { input: { id: started.id }, toolInvocationToken: undefined });
    await assert.rejects(Promise.resolve(cancel), /can no longer be canceled/);
  });

  it('serves the same workflows over its opt-in HTTP API, behind its token', async () => {
    await settings().update('gateway.http.port', API_PORT, vscode.ConfigurationTarget.Global);
    await settings().update('gateway.http.enabled', true, vscode.ConfigurationTarget.Global);
    const url = `http://127.0.0.1:${API_PORT}`;
    let answer: Response | undefined;
    for (let tries = 0; tries < 100 && !answer; tries++) {
      answer = await fetch(`${url}/api/workflows`).catch(() => undefined);
      if (!answer) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(answer?.status, 401);
    await vscode.commands.executeCommand('imperium.copyGatewayToken');
    const token = await vscode.env.clipboard.readText();
    assert.ok(token.length >= 40, 'a generated token is on the clipboard');
    const listed = await fetch(`${url}/api/workflows`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(listed.status, 200);
    const { workflows } = (await listed.json()) as { workflows: { status: string }[] };
    assert.ok(workflows.some((workflow) => workflow.status === 'COMPLETED'), JSON.stringify(workflows));
    assert.equal((await fetch(`${url}/api/workflows`, { headers: { Authorization: `Bearer ${token}`, Origin: 'http://evil.example' } })).status, 403);
    await settings().update('gateway.http.enabled', false, vscode.ConfigurationTarget.Global);
    let closed = false;
    for (let tries = 0; tries < 50 && !closed; tries++) {
      closed = await fetch(`${url}/api/workflows`).then(() => false, () => true);
      if (!closed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(closed, 'turning the setting off stops the server');
  });
});
