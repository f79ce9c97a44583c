// API integrations and deployments in the real editor, on a copy of test/fixtures/contract-service:
// the "Generate client with agents" code lens on its OpenAPI description, and a deployment request
// on the scripted model server that ends in a plan: each file waits for the person at the editor
// (approved or rejected here, as the notification would), the commands are listed, nothing runs.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, personAtTheEditor } from '../imperium';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri;
}

const COMPOSE = 'services:\n  api:\n    build: .\n    ports:\n      - "127.0.0.1:8080:8080"\n';

describe('API integrations and deployments in the editor', function () {
  this.timeout(300_000);
  let server: ScriptedModelServer | undefined;

  after(() => server?.close());

  it('offers "Generate client with agents" at the top of the OpenAPI description, starting the integration workflow on it', async () => {
    const uri = vscode.Uri.joinPath(root(), 'openapi.yaml');
    await vscode.window.showTextDocument(uri);
    let lenses: vscode.CodeLens[] = [];
    for (let tries = 0; tries < 40 && !lenses.some((lens) => lens.command?.title.includes('Generate client with agents')); tries++) {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      if (lenses.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const lens = lenses.find((entry) => entry.command?.title.includes('Generate client with agents'));
    assert.ok(lens?.command, `the lens is there: ${lenses.map((entry) => entry.command?.title).join(', ')}`);
    assert.equal(lens.range.start.line, 0);
    assert.equal(lens.command.command, 'imperium.implementWithAgents');
    assert.deepEqual([(lens.command.arguments?.[0] as { path: string }).path, lens.command.arguments?.[1]], ['openapi.yaml', 'integration']);
    // The lens provider is asked for a document the editor has open.
    const manifest = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'package.json'));
    const other = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifest.uri)) ?? [];
    assert.ok(!other.some((entry) => entry.command?.title.includes('Generate client')), 'no such lens on a JSON file that is not a description');
  });

  it('ends a deployment request in a plan the person approves file by file, with nothing run', async () => {
    const plan = {
      summary: 'Compose and CI.',
      files: [
        { path: 'compose.yaml', content: COMPOSE, purpose: 'The service on loopback.' },
        { path: 'Dockerfile', content: 'FROM node:22.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n', purpose: 'The image.' },
      ],
      commands: [
        { command: 'docker compose up -d --build', purpose: 'Start it.' },
        { command: 'touch RAN_BY_AN_AGENT', purpose: 'Shows whether anything ran the plan.' },
      ],
    };
    server = await startScriptedModelServer({ roles: { integrationbot: [{ toolCalls: [{ name: 'finish', arguments: { summary: 'Planned.', changed_files: [], deployment: plan } }] }] } });
    const settings = vscode.workspace.getConfiguration('imperium');
    await settings.update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings.update('model.name', 'scripted-model', vscode.ConfigurationTarget.Global);
    const workflows = await (await imperiumApi()).workflows();
    const person = await personAtTheEditor();
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'deploy', request: 'Deploy the adoption service with docker compose.' });
    assert.ok(workflowId, 'the command answers with the workflow id');
    const decided: string[] = [];
    for (let tries = 0; tries < 600 && decided.length < 2; tries++) {
      for (const approval of person.pendingApprovals()) {
        if (approval.request.workflowId !== workflowId || approval.request.kind !== 'edit') continue;
        assert.ok(approval.request.runsCode, 'asked as an edit only a person decides');
        if (person.decide(approval.id, { approved: approval.request.path === 'compose.yaml' })) decided.push(approval.request.path);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(decided, ['compose.yaml', 'Dockerfile']);
    const settled = await workflows.settled(workflowId);
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    assert.equal(await readFile(join(root().fsPath, 'compose.yaml'), 'utf8'), COMPOSE, 'the approved file is written');
    assert.equal(existsSync(join(root().fsPath, 'Dockerfile')), false, 'the rejected one is not');
    assert.equal(existsSync(join(root().fsPath, 'RAN_BY_AN_AGENT')), false, 'no command of the plan ran');
    const report = await workflows.report(workflowId);
    assert.ok(JSON.stringify(report).includes('you run: docker compose up -d --build'), 'the report lists the commands for the person');

    // The person picks the plan's second command: it is typed into a terminal, not run.
    const picking = vscode.commands.executeCommand('imperium.runDeploymentCommand');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    const terminal = vscode.window.terminals.find((entry) => entry.name === 'Imperium: deployment plan');
    assert.ok(terminal, `a terminal for the plan: ${vscode.window.terminals.map((entry) => entry.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(existsSync(join(root().fsPath, 'RAN_BY_AN_AGENT')), false, 'typed, not run: the person presses Enter');
    terminal.sendText('', true);
    let ran = false;
    for (let tries = 0; tries < 50 && !ran; tries++) {
      ran = existsSync(join(root().fsPath, 'RAN_BY_AN_AGENT'));
      if (!ran) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(ran, 'once the person presses Enter the typed command runs: it was the one picked');
    terminal.dispose();
  });
});
