// "Generate client with agents" followed to the end in the real editor, on a copy of
// test/fixtures/contract-service: the lens's command runs the integration workflow in the extension
// host, red writes contract tests from openapi.yaml that fail against its mock, IntegrationBot (the
// scripted model server) generates the client with openapi-typescript (the lazily loaded bundle the
// package carries) and wires it in, and green passes. The fixture's packages are the extension's
// own, linked into the workspace copy.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';
import { petsModuleSource } from '../../../support/petsModuleSource';

const MODULE = 'src/openapiApi.ts';
const CLIENT = 'src/generated/openapiClient.ts';
const TYPES = 'src/generated/openapi.types.ts';
const WIRED = petsModuleSource('./generated/openapiClient');
const approve = (summary: string) => JSON.stringify({ decision: 'approve', summary, findings: [] });

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri;
}

describe('"Generate client with agents" to green in the editor', function () {
  this.timeout(300_000);

  it('runs the integration workflow from the lens: contract tests fail at red, pass at green with the generated client', async () => {
    const folder = root().fsPath;
    const packages = join(imperiumExtension().extensionPath, 'node_modules');
    await mkdir(join(folder, 'node_modules', '.bin'), { recursive: true });
    for (const name of ['mocha', 'tsx', 'openapi-backend', 'openapi-fetch']) await symlink(join(packages, name), join(folder, 'node_modules', name), 'dir');
    await symlink(join(packages, 'mocha', 'bin', 'mocha.js'), join(folder, 'node_modules', '.bin', 'mocha'));

    const server = await startScriptedModelServer({
      roles: {
        integrationbot: [
          { toolCalls: [{ name: 'generate_api_client', arguments: { spec: 'openapi.yaml', types_file: TYPES, client_file: CLIENT } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: MODULE, content: WIRED } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'listPets and getPet call the API through the generated client.', changed_files: [MODULE, CLIENT, TYPES] } }] },
        ],
        'product-owner': [{ when: { lastMessageContains: '# Review of a change' }, content: approve('Both operations are wired as the description says.') }],
        cto: [{ when: { lastMessageContains: '# Review of a change' }, content: approve('A generated client, thin functions.') }],
        cso: [{ when: { lastMessageContains: '# Review of a change' }, content: approve('No credentials, loopback only in tests.') }],
      },
    });
    const settings = vscode.workspace.getConfiguration('imperium');
    try {
      await settings.update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
      await settings.update('model.name', 'scripted-model', vscode.ConfigurationTarget.Global);
      const spec = vscode.Uri.joinPath(root(), 'openapi.yaml');
      await vscode.window.showTextDocument(spec);
      let lens: vscode.CodeLens | undefined;
      for (let tries = 0; tries < 40 && !lens; tries++) {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec)) ?? [];
        lens = lenses.find((entry) => entry.command?.title.includes('Generate client with agents'));
        if (!lens) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.ok(lens?.command, 'the lens is there');
      const tests = (await imperiumApi()).tests;
      assert.ok(tests, 'the Test Explorer is there');
      const runs: { name: string | undefined; passed: number; failed: number }[] = [];
      const listening = tests.onDidEndRun((run) => runs.push({ name: run.name, passed: run.result.summary.passed, failed: run.result.summary.failed }));
      const workflowId = await vscode.commands.executeCommand<string>(lens.command.command, ...(lens.command.arguments ?? []));
      assert.ok(workflowId, 'the lens started a workflow');
      const workflows = await (await imperiumApi()).workflows();
      assert.equal(workflows.list().find((workflow) => workflow.id === workflowId)?.name, 'integration');
      const settled = await workflows.settled(workflowId).finally(() => listening.dispose());
      assert.equal(settled.status, 'COMPLETED', settled.reason);

      // Red ran the contract tests and nothing passed (the module they import is not there yet);
      // green ran them and they passed: both as named runs in the Test Explorer.
      const ofThis = runs.filter((run) => run.name?.startsWith(workflowId));
      const red = ofThis.find((run) => run.name === `${workflowId} red: contract tests`);
      const green = ofThis.findLast((run) => run.name?.startsWith(`${workflowId} green: attempt`));
      assert.ok(red && red.passed === 0, `red failed: ${JSON.stringify(runs)}`);
      assert.ok(green && green.failed === 0 && green.passed >= 2, `green passed: ${JSON.stringify(ofThis)}`);
      assert.match(await readFile(join(folder, 'test/contract/openapi.contract.test.ts'), 'utf8'), /api\.getPet\(mock\.url/);
      assert.match(await readFile(join(folder, TYPES), 'utf8'), /^\/\/ Generated by Imperium Flow with openapi-typescript/);
      assert.equal(await readFile(join(folder, MODULE), 'utf8'), WIRED);
      assert.equal(server.remaining(), 0, 'every scripted reply was asked for');

      const undone = await (await personAtTheEditor()).undo(workflowId);
      assert.deepEqual([...undone.deleted].sort(), [TYPES, CLIENT, MODULE, 'test/contract/openapi.contract.test.ts', 'test/contract/openapi.mock.ts'].sort(), JSON.stringify(undone));
    } finally {
      await server.close();
      await settings.update('model.baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('model.name', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
