import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AFTER_SAVING, SKIP_EDIT } from '../../../../src/core/approvals/unsavedChangesGate';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import type { WorkflowsApi, WorkflowTestHooks } from '../../../../src/host/api';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until as waitUntil } from '../until';

// The feature workflow in the real editor, on a copy of the bundled example, with the scripted model
// server standing in for a model (the engine, the agents' tools, the test runs and the gates are real).

const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri;
}

const fileText = (path: string) => readFile(join(root().fsPath, path), 'utf8');

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000) => waitUntil(what, probe, timeoutMs);

describe('the feature workflow in the editor', function () {
  this.timeout(240_000);
  let server: ScriptedModelServer;
  let workflows: WorkflowsApi;
  let person: WorkflowTestHooks;
  const settings = () => vscode.workspace.getConfiguration('imperium');

  before(async () => {
    workflows = await (await imperiumApi()).workflows();
    person = await personAtTheEditor();
  });

  // Each test replays the scenario from its start, on a server of its own.
  beforeEach(async () => {
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'bookshelf-citation.json'));
    server = await startScriptedModelServer(scenario);
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
  });

  // Whatever a test left (a dirty editor, a setting), the next starts clean.
  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments.filter((doc) => doc.isDirty && doc.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await settings().update('review.mode', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
  });

  it('runs from the palette command to green, with its test runs in the Test Explorer, and Undo Workflow restores the exact bytes', async () => {
    const shelfBefore = await fileText('src/shelf.js');
    const testsBefore = await fileText('test/shelf.test.js');
    const tests = (await imperiumApi()).tests;
    assert.ok(tests, 'the Test Explorer is there');
    const runs: { name: string | undefined; passed: number; failed: number }[] = [];
    const listening = tests.onDidEndRun((run) => runs.push({ name: run.name, passed: run.result.summary.passed, failed: run.result.summary.failed }));
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', REQUEST);
    assert.ok(workflowId, 'the command answers with the workflow id');
    const settled = await workflows.settled(workflowId).finally(() => listening.dispose());
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    assert.match(await fileText('src/shelf.js'), /citation/);
    const red = runs.find((run) => run.name?.startsWith(`${workflowId} red: attempt`));
    const green = runs.find((run) => run.name?.startsWith(`${workflowId} green`));
    assert.ok(red && red.failed > 0, `a red run with failures is in the Test Explorer (runs: ${JSON.stringify(runs)})`);
    assert.ok(green && green.failed === 0 && green.passed > 0, `a green run is in the Test Explorer (runs: ${JSON.stringify(runs)})`);
    const report = await person.undo(workflowId);
    assert.deepEqual(report.skipped, []);
    assert.equal(await fileText('src/shelf.js'), shelfBefore);
    assert.equal(await fileText('test/shelf.test.js'), testsBefore);
  });

  it('never overwrites a document with unsaved changes: the workflow waits and asks', async () => {
    // This editor build auto-saves after a delay by default; a person with unsaved changes has it off.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const onDisk = await fileText('src/shelf.js');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'src', 'shelf.js'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// my unsaved note\n'));
    assert.ok(document.isDirty);
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', REQUEST);
    assert.ok(workflowId);
    const asked = await until(
      'the question about unsaved changes',
      () => {
        const ended = workflows.list().find((workflow) => workflow.id === workflowId && workflow.status !== 'RUNNING');
        if (ended) throw new Error(`the workflow ended ${ended.status} without asking: ${ended.reason ?? ''}`);
        return person.pendingApprovals().find((approval) => approval.request.workflowId === workflowId && approval.request.kind === 'escalation');
      },
      180_000,
    );
    assert.ok(asked.request.kind === 'escalation' && asked.request.reason.includes('src/shelf.js'), JSON.stringify(asked.request));
    assert.deepEqual(asked.request.options, [AFTER_SAVING, SKIP_EDIT]);
    assert.equal(await fileText('src/shelf.js'), onDisk, 'the file on disk is untouched while the question waits');
    assert.ok(document.getText().startsWith('// my unsaved note\n'), "the user's unsaved text is still in the editor");
    person.decide(asked.id, { approved: true, choice: SKIP_EDIT });
    await vscode.commands.executeCommand('imperium.cancelWorkflow', workflowId);
    const settled = await workflows.settled(workflowId);
    assert.notEqual(settled.status, 'COMPLETED');
    assert.ok(document.getText().startsWith('// my unsaved note\n'));
    await person.undo(workflowId);
  });

  it('in review mode "always", each edit waits for approval and lands only when approved', async () => {
    await settings().update('review.mode', 'always', vscode.ConfigurationTarget.Global);
    const shelfBefore = await fileText('src/shelf.js');
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', REQUEST);
    assert.ok(workflowId);
    // This workflow's own: an earlier test's canceled workflow may still be asking whether to keep its change.
    const first = await until('the first edit to review', () => person.pendingApprovals().find((approval) => approval.request.kind === 'edit' && approval.request.workflowId === workflowId));
    assert.ok(first.request.kind === 'edit');
    const onDiskBefore = await readFile(join(root().fsPath, first.request.path), 'utf8').catch(() => undefined);
    assert.equal(onDiskBefore, first.request.before, 'nothing lands before the decision');
    let approved = 0;
    const page = PageDriver.fromEnvironment();
    // The prompts of this workflow in the notification center (which lists toasts too).
    const prompts = async () => (await page?.workbenchTexts('.notifications-center .notification-list-item-message', 2_000).catch(() => [] as string[]))?.filter((text) => text.includes(`Workflow ${workflowId} wants to`)) ?? [];
    if (page) {
      // The first edit is approved from its notification's own Approve link.
      await vscode.commands.executeCommand('notifications.showList');
      const question = `Workflow ${workflowId} wants to ${first.request.before === undefined ? 'create' : 'change'} ${first.request.path}`;
      await until('the notification of the first edit', async () => ((await prompts()).some((text) => text.includes(question)) ? true : undefined));
      await page.screenshot(join('out', 'screenshots', 'approval-notification.png'));
      await page.workbenchClick({ role: 'link', name: 'Approve' }, `.notifications-center .notification-list-item:has-text(${JSON.stringify(question)})`);
      await until('the first edit decided from its notification', () => (person.pendingApprovals().some((approval) => approval.id === first.id) ? undefined : true));
      approved++;
    }
    const settling = workflows.settled(workflowId);
    let done = false;
    void settling.finally(() => (done = true));
    while (!done) {
      for (const approval of person.pendingApprovals()) {
        if (approval.request.kind === 'edit' && approval.request.workflowId === workflowId && person.decide(approval.id, { approved: true })) approved++;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const settled = await settling;
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    assert.ok(approved >= 2, `tests and code were both reviewed (${approved} edits approved)`);
    // Every edit was decided, the later ones elsewhere than in their notifications: none is left open.
    if (page) assert.deepEqual(await until('the notifications to close', async () => ((await prompts()).length === 0 ? [] : undefined), 10_000), []);
    await person.undo(workflowId);
    assert.equal(await fileText('src/shelf.js'), shelfBefore);
  });

  it('implements a stub from its "Implement with agents" lens, which then shows the phase', async () => {
    // The person has sketched the method; the scripted CodeBot adds the real one beside it.
    const shelf = vscode.Uri.joinPath(root(), 'src', 'shelf.js');
    const stub = "  /** An APA-style citation of the book with this title. */\n  citation(title) {\n    throw new Error('not implemented');\n  }\n\n  unread() {";
    await vscode.workspace.fs.writeFile(shelf, Buffer.from((await fileText('src/shelf.js')).replace('  unread() {', stub)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(shelf));
    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', shelf)) ?? [];
    const lensOf = async () => (await lenses()).find((lens) => /(^|\.)citation$/.test((lens.command?.arguments?.[0] as { symbol?: string } | undefined)?.symbol ?? '') || lens.command?.title.includes('Agents:'));
    // The first lenses wait for the language server's symbols, which take a while on a busy machine.
    let lens = await lensOf();
    for (const deadline = Date.now() + 90_000; !lens && Date.now() < deadline; lens = await lensOf()) await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(lens?.command, `a lens above the stub (lenses: ${(await lenses()).map((l) => l.command?.title).join(' | ')})`);
    assert.match(lens.command.title, /Implement with agents/);
    const workflowId = await vscode.commands.executeCommand<string>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.ok(workflowId, 'the lens started a workflow');
    // While it runs, the lens above the method follows the workflow's phase.
    const seen = new Set<string>();
    let ended = false;
    const settling = workflows.settled(workflowId).finally(() => (ended = true));
    while (!ended) {
      for (const each of await lenses()) if (each.command?.title.includes('Agents')) seen.add(each.command.title);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const settled = await settling;
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    assert.ok([...seen].some((title) => /red|green|refactor|review|plan/i.test(title)), `the lens showed the live phase (seen: ${[...seen].join(' | ')})`);
    await person.undo(workflowId);
  });
});
