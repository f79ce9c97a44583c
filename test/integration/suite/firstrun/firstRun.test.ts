import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { imperiumApi } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until as waitUntil } from '../until';

// Issue 15, point 3: a newcomer with no model configured, as a person goes: the status bar says
// "No model", the Imperium view offers the way out (welcome content), its "Open Walkthrough" opens
// the walkthrough, whose "Try Without a Model" runs the bundled example on the scripted model, in a
// copy, to a COMPLETED workflow in the command center and the sidebar that says the model was
// SCRIPTED, without touching the workspace. Every step is a click in the workbench page.
// This file runs before modelPicker.test.ts (files run in name order): that one sets a model.

const SHOTS = join('out', 'screenshots');
const WALKTHROUGH = '.gettingStartedContainer';
const TRIAL_READ_ONLY = 'This is the scripted trial, on a copy of the bundled example: choose a model, then run "Imperium: End the Scripted Trial" to start and undo your own workflows.';

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000) => waitUntil(what, probe, timeoutMs, { intervalMs: 200, retryErrors: true });

/** Every file of a folder, relative, with its bytes, leaving out the extension's own state. */
async function filesOf(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const relative = path.slice(root.length + 1);
    if (!relative.startsWith('.imperium')) files[relative] = await readFile(path, 'utf8');
  }
  return files;
}

describe('a first run without a model, from the walkthrough to a finished workflow', function () {
  this.timeout(400_000);
  const driver = PageDriver.fromEnvironment();
  const page = () => driver as PageDriver;
  const statusBarSays = (text: string, timeoutMs = 30_000) =>
    until(`"${text}" in the status bar`, async () => ((await page().workbenchTexts('.statusbar-item', 5_000)).some((item) => item.includes(text)) ? true : undefined), timeoutMs);
  let workspaceBefore: Record<string, string>;
  /** The titles of the walkthrough's steps marked done; none when the wait for one times out. */
  const stepsDone = (timeoutMs: number) =>
    page()
      .workbenchTexts(`${WALKTHROUGH} .getting-started-step[aria-checked="true"] .step-title`, timeoutMs)
      .catch((error: unknown) => {
        if (error instanceof Error && /Timeout \d+ms exceeded/.test(error.message)) return [];
        throw error;
      });

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the run opens a folder');
    workspaceBefore = await filesOf(root);
  });

  after(() => vscode.commands.executeCommand('imperium.endTrial'));

  it('says "No model" in the status bar and offers Choose Model, Try Without a Model and the walkthrough in the Imperium view', async () => {
    await statusBarSays('No model');
    await vscode.commands.executeCommand('imperium.gettingStarted.focus');
    const buttons = await until('the welcome buttons', async () => {
      const texts = await page().workbenchTexts('.welcome-view-content .monaco-button', 5_000);
      return texts.length >= 3 ? texts : undefined;
    });
    assert.deepEqual(buttons, ['Choose Model', 'Try Without a Model', 'Open Walkthrough']);
    const text = (await page().workbenchTexts('.welcome-view-content', 5_000)).join(' ');
    assert.match(text, /No model is set, so the agents cannot work yet/);
    await page().screenshot(join(SHOTS, 'firstrun-welcome.png'));
  });

  it("opens the walkthrough from the view: choose a model, try the bundled example, run your first workflow", async () => {
    await page().workbenchClick({ role: 'button', name: 'Open Walkthrough' }, '.welcome-view-content');
    const heading = await until('the walkthrough', async () => (await page().workbenchTexts(`${WALKTHROUGH} .category-title`, 5_000)).find((title) => title.includes('Imperium')));
    assert.equal(heading, 'Get started with Imperium Flow');
    const steps = await page().workbenchTexts(`${WALKTHROUGH} .getting-started-step .step-title`, 5_000);
    assert.deepEqual(steps, ['Choose a model', 'Try the bundled example', 'Run your first workflow']);
    assert.deepEqual(await stepsDone(1_000), [], 'no step is done yet: no model is set');
    await page().workbenchClick({ selector: '.getting-started-step[data-step-id$="tryExample"]' }, WALKTHROUGH);
    await until('the expanded step', async () => ((await page().workbenchTexts(`${WALKTHROUGH} .getting-started-step.expanded .step-title`, 5_000))[0] === 'Try the bundled example' ? true : undefined));
    await page().screenshot(join(SHOTS, 'firstrun-walkthrough.png'));
  });

  it("runs the bundled example from the walkthrough's button on the scripted model, in a copy, to COMPLETED in both views, saying SCRIPTED, and leaves the workspace alone", async () => {
    await page().workbenchClick({ role: 'button', name: 'Try Without a Model' }, `${WALKTHROUGH} .getting-started-step.expanded`);
    // It says so while it runs: the model in the status bar is the scripted one.
    await statusBarSays('Scripted model (trial)', 60_000);
    // Shown like any workflow: the command center follows it to its end and names the model.
    await page().waitFor('command-center', { selector: '.summary-head .status-completed' }, { timeoutMs: 300_000 });
    const [note] = await page().texts('command-center', '.workflow-summary .summary-model');
    assert.match(note ?? '', /^Model: SCRIPTED \(.+\): its answers are replayed from the scenario scenarios\/bookshelf-citation\.json, not written by a language model\. The agents work on a copy of the bundled example "bookshelf"; your files are not touched\.$/);
    const entries = await page().texts('command-center', '.workflow-entry');
    assert.ok(entries.some((entry) => entry.includes('citation')), `the trial's workflow is listed: ${JSON.stringify(entries)}`);
    const changed = await page().texts('command-center', '.changed-file', 20_000);
    assert.ok(changed.some((file) => file.startsWith('src/shelf.js')), `the command center lists the changed files: ${JSON.stringify(changed)}`);
    // Nothing is started or undone in the trial's views (its copy is not the person's project): they say why.
    const notes = await page().texts('command-center', '.request-form .unavailable-note:not([hidden]), .workflow-summary .unavailable-note:not([hidden])');
    assert.deepEqual(notes, [TRIAL_READ_ONLY, TRIAL_READ_ONLY], 'the start form and Undo say why they are off');
    await page().screenshot(join(SHOTS, 'firstrun-trial-completed.png'));
    await page().screenshot(join(SHOTS, 'firstrun-trial-command-center.png'), 'command-center');
    // The sidebar shows the same workflow, with the same words.
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    await page().waitFor('sidebar', { selector: '.summary-head .status-completed' }, { timeoutMs: 30_000 });
    const [sidebarNote] = await page().texts('sidebar', '.workflow-summary .summary-model');
    assert.equal(sidebarNote, note);
    await page().screenshot(join(SHOTS, 'firstrun-trial-sidebar.png'));
    // The closing notice says how it went and where the copy is; the copy has the feature.
    await vscode.commands.executeCommand('notifications.showList');
    const notice = await until('the closing notice', async () => (await page().workbenchTexts('.notifications-center .notification-list-item-message', 5_000)).find((text) => text.startsWith('The trial on the SCRIPTED model finished')));
    const copy = /worked on a copy at (\S+)\. For your own code, choose a model\.$/.exec(notice)?.[1];
    assert.ok(copy, notice);
    assert.match(await readFile(join(copy, 'src', 'shelf.js'), 'utf8'), /citation/, 'the agents changed the copy');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    assert.ok(!copy.startsWith(root), `the copy ${copy} is outside the workspace`);
    assert.deepEqual(await filesOf(root), workspaceBefore, 'the workspace is untouched');
    await statusBarSays('No model');
    // Back in the walkthrough, its second step is done; choosing a model is still to do.
    await vscode.commands.executeCommand('imperium.openWalkthrough');
    const done = await until('the walkthrough step done', async () => {
      const titles = await stepsDone(5_000);
      return titles.length > 0 ? titles : undefined;
    });
    assert.deepEqual(done, ['Try the bundled example']);
  });

  it("shows the workspace's workflows again from the notice's Back to My Workflows", async () => {
    await page().workbenchClick({ role: 'button', name: 'Back to My Workflows' }, '.notifications-center');
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    // The fixture workspace has run no workflow: the trial's is gone from the list.
    await page().waitFor('command-center', { selector: '.workflow-entry' }, { state: 'hidden', timeoutMs: 30_000 });
    await page().waitFor('command-center', { selector: '.summary-head .status-completed' }, { state: 'hidden', timeoutMs: 30_000 });
  });
});
