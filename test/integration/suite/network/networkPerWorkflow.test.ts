import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkflowsApi } from '../../../../src/host/api';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';
import { PageDriver } from '../pageDriver';

// Network access belongs to a workflow (issue 16, point 1), on a copy of examples/roman-numerals: a
// person allows it to a paused fix workflow ("Allow Network for This Workflow's Test Runs"; a
// dismissed warning grants nothing), and the workflow's later runs have it, said in the command
// center; workflows started with and without allowNetwork, side by side, keep their own. The
// scripted server stands in for a model. (Under the smoke-test driver VS Code dismisses every modal
// dialog, so the confirmed command is the test hook that stands for the person saying yes.)

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
  function networkOfRuns(): { readonly runs: Map<string, boolean[]>; readonly grants: string[]; dispose(): void } {
    const runs = new Map<string, boolean[]>();
    const grants: string[] = [];
    const listening = workflows.onDidEmit((event) => {
      if (event.type === 'network') grants.push(`${event.workflowId} ${event.allowed} ${event.by}`);
      if (event.type !== 'test-run' || event.workflowId === undefined || !event.confinement?.confined) return;
      runs.set(event.workflowId, [...(runs.get(event.workflowId) ?? []), event.confinement.network]);
    });
    return { runs, grants, dispose: () => listening.dispose() };
  }

  it('gives a paused workflow the network when a person allows it, and only from then on', async () => {
    const watched = networkOfRuns();
    try {
      await vscode.commands.executeCommand('imperium.openCommandCenter');
      const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '' });
      assert.ok(workflowId);
      await vscode.commands.executeCommand('imperium.pauseWorkflow', workflowId);
      const before = [...(watched.runs.get(workflowId) ?? [])];
      assert.equal((await workflows.status(workflowId)).status, 'PAUSED');
      await vscode.commands.executeCommand('imperium.allowNetworkForWorkflow', workflowId);
      assert.deepEqual(watched.grants, [], 'the dismissed warning allows nothing');
      (await personAtTheEditor()).allowNetwork(workflowId);
      assert.deepEqual(watched.grants, [`${workflowId} true person`]);
      await vscode.commands.executeCommand('imperium.resumeWorkflow', workflowId);
      const settled = await workflows.settled(workflowId);
      assert.equal(settled.status, 'COMPLETED', settled.reason);
      const runs = watched.runs.get(workflowId) ?? [];
      assert.ok(before.every((network) => !network), `before: ${JSON.stringify(before)}`);
      assert.ok(runs.length > before.length && runs.slice(before.length).every(Boolean), JSON.stringify({ before, runs }));
      const page = PageDriver.fromEnvironment();
      if (page) {
        const shown = await page.texts('command-center', '.summary-network', 30_000);
        assert.match(shown.join('\n'), /Test runs may reach the network \(allowed by a person while it ran\)/);
      }
    } finally {
      watched.dispose();
    }
  });

  it('gives a workflow started with allowNetwork the network for every run, and not the one started beside it without', async () => {
    const watched = networkOfRuns();
    try {
      // Nothing fails any more: each of these ends after its first run, before any model call.
      const allowed = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '', allowNetwork: true });
      const denied = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'fix', request: '' });
      await Promise.all([workflows.settled(allowed), workflows.settled(denied)]);
      const [mine, theirs] = [watched.runs.get(allowed) ?? [], watched.runs.get(denied) ?? []];
      assert.ok(mine.length > 0 && mine.every(Boolean), JSON.stringify(mine));
      assert.ok(theirs.length > 0 && !theirs.some(Boolean), JSON.stringify(theirs));
    } finally {
      watched.dispose();
    }
  });
});
