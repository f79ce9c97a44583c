import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkflowsApi } from '../../../../src/host/api';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';

// Network access belongs to a workflow (issue 16, point 1), on a copy of examples/roman-numerals: a
// person allows it to a paused fix workflow with "Allow Network for This Workflow's Test Runs"
// (confirming the warning), and the workflow's later runs have it, said in the command center; a
// workflow started with allowNetwork has it for all its runs. The scripted server stands in for a model.

describe('network access per workflow in the editor', function () {
  this.timeout(240_000);
  let server: ScriptedModelServer;
  let workflows: WorkflowsApi;
  const settings = () => vscode.workspace.getConfiguration('imperium');

  before(async () => {
    workflows = await (await imperiumApi()).workflows();
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'roman-numerals-fix.json'));
    server = await startScriptedModelServer(scenario);
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await server.close();
    await settings().update('model.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', undefined, vscode.ConfigurationTarget.Global);
  });

  /** Whether each confined test run of each workflow had the network, in order. */
  function networkOfRuns(): { readonly runs: Map<string, boolean[]>; dispose(): void } {
    const runs = new Map<string, boolean[]>();
    const listening = workflows.onDidEmit((event) => {
      if (event.type !== 'test-run' || event.workflowId === undefined || !event.confinement?.confined) return;
      runs.set(event.workflowId, [...(runs.get(event.workflowId) ?? []), event.confinement.network]);
    });
    return { runs, dispose: () => listening.dispose() };
  }

  it('gives a paused workflow the network when a person allows it, and only from then on', async function () {
    const page = PageDriver.fromEnvironment();
    if (!page) this.skip(); // a desktop build: nothing clicks the confirmation
    const watched = networkOfRuns();
    try {
      await vscode.commands.executeCommand('imperium.openCommandCenter');
      const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '' });
      assert.ok(workflowId);
      await vscode.commands.executeCommand('imperium.pauseWorkflow', workflowId);
      const before = [...(watched.runs.get(workflowId) ?? [])];
      const allowing = vscode.commands.executeCommand<boolean>('imperium.allowNetworkForWorkflow', workflowId);
      await (page as PageDriver).workbenchClick({ role: 'button', name: 'Allow Network' }, '.monaco-dialog-box', 30_000);
      assert.equal(await allowing, true, 'the person confirmed');
      await vscode.commands.executeCommand('imperium.resumeWorkflow', workflowId);
      const settled = await workflows.settled(workflowId);
      assert.equal(settled.status, 'COMPLETED', settled.reason);
      const runs = watched.runs.get(workflowId) ?? [];
      assert.ok(before.every((network) => !network), `before: ${JSON.stringify(before)}`);
      assert.ok(runs.length > before.length && runs.slice(before.length).every(Boolean), JSON.stringify({ before, runs }));
      const shown = await (page as PageDriver).texts('command-center', '.summary-network', 30_000);
      assert.match(shown.join('\n'), /Test runs may reach the network \(allowed by a person while it ran\)/);
    } finally {
      watched.dispose();
    }
  });

  it('gives a workflow started with allowNetwork the network for every run, and not the next one started without', async () => {
    const watched = networkOfRuns();
    try {
      // Nothing fails any more: each of these ends after its first run, before any model call.
      const allowed = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '', allowNetwork: true });
      const denied = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '' });
      await Promise.all([workflows.settled(allowed), workflows.settled(denied)]);
      assert.deepEqual([watched.runs.get(allowed), watched.runs.get(denied)], [[true], [false]]);
    } finally {
      watched.dispose();
    }
  });
});
