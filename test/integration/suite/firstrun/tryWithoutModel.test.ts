import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrialStarted } from '../../../../src/host/firstRun/scriptedTrial';
import { imperiumApi } from '../imperium';
import { PageDriver } from '../pageDriver';

// Issue 15, point 3: a newcomer with no model configured. The status bar says "No model", the
// Imperium views offer the way out (welcome content), and "Try Without a Model" runs the bundled
// example on the scripted model, in a copy, to a COMPLETED workflow shown in the command center and
// the sidebar, without touching the workspace.

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

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

describe('a first run without a model', function () {
  this.timeout(300_000);
  const driver = PageDriver.fromEnvironment();

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
  });

  after(() => vscode.commands.executeCommand('imperium.endTrial'));

  it('says "No model" in the status bar and offers Choose Model, Try Without a Model and the walkthrough in the Imperium views', async () => {
    const page = driver as PageDriver;
    await until('"No model" in the status bar', async () => ((await page.workbenchTexts('.statusbar-item', 5_000)).some((text) => text.includes('No model')) ? true : undefined));
    await vscode.commands.executeCommand('imperium.gettingStarted.focus');
    const buttons = await until('the welcome buttons', async () => {
      const texts = await page.workbenchTexts('.welcome-view-content .monaco-button', 5_000);
      return texts.length >= 3 ? texts : undefined;
    });
    assert.deepEqual(buttons, ['Choose Model', 'Try Without a Model', 'Open Walkthrough']);
  });

  it('runs the bundled example on the scripted model, in a copy, to COMPLETED in the views, and leaves the workspace alone', async () => {
    const page = driver as PageDriver;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the run opens a folder');
    const before = await filesOf(root);
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    const started = await vscode.commands.executeCommand<TrialStarted>('imperium.tryWithoutModel');
    assert.ok(started?.workflowId, 'the command answers with the workflow id');
    assert.ok(!started.folder.startsWith(root), `the copy ${started.folder} is outside the workspace`);
    assert.match(started.modelUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // It says so: the model in the status bar is the scripted one while the trial runs.
    const status = await page.workbenchTexts('.statusbar-item', 10_000);
    assert.ok(status.some((text) => text.includes('Scripted model (trial)')), `the status bar says the model is scripted: ${JSON.stringify(status)}`);
    // Shown like any workflow: the command center and the sidebar follow it to its end.
    await page.waitFor('command-center', { selector: '.summary-head .status-completed' }, { timeoutMs: 240_000 });
    await page.waitFor('sidebar', { selector: '.summary-head .status-completed' }, { timeoutMs: 20_000 });
    assert.match(await readFile(join(started.folder, 'src', 'shelf.js'), 'utf8'), /citation/, 'the agents changed the copy');
    assert.deepEqual(await filesOf(root), before, 'the workspace is untouched');
    await until('the status bar to leave the scripted model', async () => ((await page.workbenchTexts('.statusbar-item', 5_000)).some((text) => text.includes('No model')) ? true : undefined));
  });

  it('shows the workspace again when the trial is ended', async () => {
    const page = driver as PageDriver;
    await vscode.commands.executeCommand('imperium.endTrial');
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    await page.waitFor('command-center', { selector: '.summary-head .status-completed' }, { state: 'hidden', timeoutMs: 20_000 });
  });
});
