import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import { EmbeddedEngine } from '../../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../../src/core/orchestrator/eventStream';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import type { Logger } from '../../../../src/core/ports';
import { COMMAND_CENTER_TITLE, COMMAND_CENTER_VIEW_TYPE, CommandCenterPanel } from '../../../../src/host/dashboard/commandCenterPanel';
import { type DashboardEngine, EngineDashboardSource } from '../../../../src/host/dashboard/engineDashboardSource';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import type { WorkflowStatus } from '../../../../src/shared/taskStatus';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';
import { FEATURE_WORKFLOW, Gate, HELD_WORKFLOW, REVIEWED_EDITS, REVIEWED_WORKFLOW, scriptedAgents } from './dashboardWorkflow';
import { until as waitUntil } from '../until';

// The command center and the sidebar in the real editor, used as a person would: through the page
// driver (suite/pageDriver.ts), Playwright clicks and reads inside the views' webview frames. The
// command center here is a panel of the tests' own, fed by a real engine (over a real store) running
// scripted step handlers that stand in for the agents; the sidebar is the extension's own.

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const clock = new SystemClock();

function commandCenterTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(COMMAND_CENTER_VIEW_TYPE));
}

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000) => waitUntil(what, probe, timeoutMs);

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri.fsPath;
}

describe('the command center and the sidebar dashboard', () => {
  const driver = PageDriver.fromEnvironment();
  let folder: string;
  let store: JsonStore;
  let engine: EmbeddedEngine;
  let source: EngineDashboardSource;
  let panel: CommandCenterPanel | undefined;
  const approvals = new PendingApprovals();
  let gate = new Gate();
  /** The workflows the views asked the engine to pause. */
  const pauses: string[] = [];

  before(async function () {
    // Without the web harness (a desktop VS Code), nothing can reach into the webviews.
    if (!driver) this.skip();
    await imperiumApi();
    folder = await mkdtemp(join(tmpdir(), 'imperium-dashboard-'));
    store = await JsonStore.open({ folder, logger: quiet, debounceMs: 20 });
    engine = await EmbeddedEngine.open({ store, handlers: scriptedAgents({ clock, approvals, root: workspaceRoot(), gate: () => gate }), clock, logger: quiet, events: await EventStream.open(store.log('events'), clock, quiet) });
    const controls: DashboardEngine = {
      subscribe: (listener) => engine.subscribe(listener),
      list: () => engine.list(),
      get: (id) => engine.get(id),
      pause: (id) => (pauses.push(id), engine.pause(id)),
      resume: (id) => engine.resume(id),
      cancel: (id, reason) => engine.cancel(id, reason),
    };
    source = await EngineDashboardSource.open({ engine: controls, logger: quiet, startWorkflow: (request) => engine.start(FEATURE_WORKFLOW, { request }), approvals });
  });

  after(async () => {
    panel?.dispose();
    source?.dispose();
    await engine?.close();
    await store?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const status = async (id: string): Promise<WorkflowStatus | undefined> => (await engine.get(id))?.status;

  it('shows the sidebar and the command center together, both drawn, and opens the command center once', async () => {
    const page = driver as PageDriver;
    // Both webviews load at the same time, in a browser profile where none has loaded before.
    await Promise.all([vscode.commands.executeCommand('imperium.dashboard.focus'), vscode.commands.executeCommand('imperium.openCommandCenter')]);
    const [tab] = await until('the command center tab', () => (commandCenterTabs().length > 0 ? commandCenterTabs() : undefined));
    assert.equal(tab.label, COMMAND_CENTER_TITLE);
    await page.waitFor('sidebar', { role: 'button', name: 'Open Command Center' });
    await page.waitFor('command-center', { role: 'heading', name: 'Imperium Command Center' });
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    assert.equal(commandCenterTabs().length, 1, 'a second open reveals the same panel');
    await vscode.window.tabGroups.close(commandCenterTabs());
    assert.equal(commandCenterTabs().length, 0);
  });

  it('after a scripted workflow, shows its phases, the Board verdicts and the charts', async () => {
    const page = driver as PageDriver;
    panel = new CommandCenterPanel({ extensionUri: imperiumExtension().extensionUri, source: async () => source, logger: quiet, version: 'test', showLog: () => undefined });
    panel.show();
    const id = await source.start('Search the bookshelf by author');
    assert.equal((await engine.settled(id)).status, 'COMPLETED');
    await page.waitFor('command-center', { role: 'heading', name: 'Search the bookshelf by author' });
    await page.waitFor('command-center', { selector: '.summary-head .status-completed' });
    assert.deepEqual(await page.texts('command-center', '.phase-stepper .step'), ['Plan, passed', 'Red, passed', 'Green, passed', 'Refactor, passed', 'Review, passed', 'Done, current']);
    const verdicts = await page.texts('command-center', '.verdict-head');
    assert.equal(verdicts.length, 8, verdicts.join('\n'));
    assert.match(verdicts[0], /^Board approved the change · \d\d:\d\d:\d\d$/);
    assert.match(verdicts.at(-1) ?? '', /^CTO approves the plan · /);
    assert.deepEqual(await page.texts('command-center', '.verdict-summary'), [
      'all members approve',
      'Meets the three acceptance criteria.',
      'No secrets, no shell, no new dependency.',
      'Clear change, tests cover the edge cases.',
      'all members approve',
      'Covers case-insensitive and partial author names.',
      'No new input reaches a shell or the network.',
      'Small and testable; keep the search in src/search.js.',
    ]);
    // Charts are drawn at most every 250 ms: wait for the summary that names the last test run.
    await page.waitFor('command-center', { selector: 'canvas[aria-label*="4. refactor: 12 passed, 0 failed"]' });
    const charts = await page.attributes('command-center', '.charts canvas', 'aria-label');
    assert.equal(charts.length, 4);
    assert.match(charts[0] ?? '', /^Time per phase: Plan .*, Red .*, Green .*, Refactor .*, Review .*\.$/);
    assert.equal(charts[1], 'Tokens per agent: Product Owner 2,400, TestBot 5,100, CodeBot 32,300, CTO 3,000, CSO 2,600.');
    assert.equal(charts[2], 'Tests across attempts: 1. red: 9 passed, 3 failed; 2. green: 11 passed, 1 failed; 3. green: 12 passed, 0 failed; 4. refactor: 12 passed, 0 failed.');
    const widths = await page.attributes('command-center', '.charts canvas', 'width');
    assert.ok(
      widths.every((width) => Number(width) > 0),
      `every chart is drawn on its canvas: ${widths.join(', ')}`,
    );
  });

  it('pauses the engine when Pause is clicked, and resumes it with Resume', async () => {
    const page = driver as PageDriver;
    gate = new Gate();
    const id = await engine.start(HELD_WORKFLOW, {});
    await page.waitFor('command-center', { role: 'heading', name: `held (${id})` });
    await page.click('command-center', { role: 'button', name: 'Pause' });
    // The step stays held until the pause has reached the engine: it takes effect when the step ends.
    await until('the pause to reach the engine', () => (pauses.includes(id) ? true : undefined));
    gate.open();
    await until('the engine to pause the workflow', async () => ((await status(id)) === 'PAUSED' ? true : undefined));
    await page.waitFor('command-center', { selector: '.summary-head .status-paused' });
    await page.click('command-center', { role: 'button', name: 'Resume' });
    // settled() answers at once for a paused workflow: wait for the resumed one to finish.
    await until('the resumed workflow to complete', async () => ((await status(id)) === 'COMPLETED' ? true : undefined));
  });

  it('applies an edit when Approve is clicked, and not one rejected from the keyboard', async () => {
    const page = driver as PageDriver;
    const mathJs = join(workspaceRoot(), 'math.js');
    const before = await readFile(mathJs, 'utf8');
    const id = await engine.start(REVIEWED_WORKFLOW, {});
    await page.waitFor('command-center', { selector: '.approval-edit .diff-added' });
    const added = await page.texts('command-center', '.approval-edit .diff-added');
    for (const line of [`+function ${REVIEWED_EDITS[0].name}(a, b) {`, '+  return a - b;', '+module.exports = { add, subtract };']) assert.ok(added.includes(line), `${line} in ${added.join(' / ')}`);
    assert.equal(await readFile(mathJs, 'utf8'), before, 'nothing is written before the decision');
    await page.click('command-center', { role: 'button', name: 'Approve the edit to math.js' });
    await until('the approved edit on disk', async () => ((await readFile(mathJs, 'utf8')).includes('function subtract') ? true : undefined));
    // The second edit: its entry replaces the first; decided with the keyboard alone.
    await page.waitFor('command-center', { selector: '.approval-edit .diff-added >> text=return a * b;' });
    await page.press('command-center', { role: 'button', name: 'Reject the edit to math.js' }, 'Enter');
    assert.equal((await engine.settled(id)).status, 'COMPLETED');
    const after = await readFile(mathJs, 'utf8');
    assert.ok(after.includes('function subtract') && !after.includes('function multiply'), after);
    await page.waitFor('command-center', { selector: '.approval' }, { state: 'hidden' });
  });
});
