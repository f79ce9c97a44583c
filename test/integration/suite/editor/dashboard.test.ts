import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EmbeddedEngine } from '../../../src/core/orchestrator/embeddedEngine';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import type { Logger } from '../../../src/core/ports';
import { COMMAND_CENTER_TITLE, COMMAND_CENTER_VIEW_TYPE, CommandCenterPanel } from '../../../src/host/dashboard/commandCenterPanel';
import type { DashboardSource } from '../../../src/host/dashboard/dashboardSource';
import { EngineDashboardSource } from '../../../src/host/dashboard/engineDashboardSource';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { FEATURE_WORKFLOW, scriptedAgents } from './dashboardWorkflow';
import { imperiumApi, imperiumExtension } from './imperium';

// The command center and the sidebar in the real editor: the command opens the panel, the sidebar
// view resolves, and a panel fed by a real engine running a scripted workflow (step handlers that
// stand in for the agents and report what they report) gets its page to say `ready` under the
// page's Content Security Policy. Clicking inside the webview frames needs the browser, which the
// tests in the extension host cannot reach; test/unit/webview/browserPage.test.ts clicks the same
// bundle in Chromium.

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const clock = new SystemClock();
const pause = (ms: number) => clock.sleep(ms);

function commandCenterTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(COMMAND_CENTER_VIEW_TYPE));
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

describe('the command center and the sidebar dashboard', () => {
  let folder: string;
  let store: JsonStore;
  let engine: EmbeddedEngine;
  let source: EngineDashboardSource;
  let panel: CommandCenterPanel | undefined;

  before(async () => {
    await imperiumApi();
    folder = await mkdtemp(join(tmpdir(), 'imperium-dashboard-'));
    store = await JsonStore.open({ folder, logger: quiet, debounceMs: 20 });
    engine = await EmbeddedEngine.open({ store, handlers: scriptedAgents(clock), clock, logger: quiet });
    source = await EngineDashboardSource.open({ engine, logger: quiet, requestWorkflow: { definition: FEATURE_WORKFLOW } });
  });

  after(async () => {
    source.dispose();
    await engine.close();
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('shows the sidebar dashboard in the Imperium container, and opens the command center from its command, once', async () => {
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    // In this browser profile no webview has loaded yet; VS Code's web build can leave one of two
    // webviews that load together on a first load blank (its resource service worker's first
    // activation races), so the sidebar gets a head start.
    await pause(3_000);
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    const [tab] = await until('the command center tab', () => (commandCenterTabs().length > 0 ? commandCenterTabs() : undefined));
    assert.equal(tab.label, COMMAND_CENTER_TITLE);
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    assert.equal(commandCenterTabs().length, 1, 'a second open reveals the same panel');
    await vscode.window.tabGroups.close(commandCenterTabs());
    assert.equal(commandCenterTabs().length, 0);
  });

  it("runs a scripted workflow on a real engine into a command center whose page says ready under the page's policy", async () => {
    let pageReady!: () => void;
    const ready = new Promise<void>((resolve) => (pageReady = resolve));
    // The channel opens the source when the page says `ready`, and never before.
    const sourceOnReady = async (): Promise<DashboardSource> => {
      pageReady();
      return source;
    };
    panel = new CommandCenterPanel({ extensionUri: imperiumExtension().extensionUri, source: sourceOnReady, logger: quiet, version: 'test', showLog: () => undefined });
    panel.show();
    await Promise.race([ready, pause(30_000).then(() => assert.fail('the command center page never said ready'))]);

    const finished = await source.start('Search the bookshelf by author');
    const state = await engine.settled(finished);
    assert.equal(state.status, 'COMPLETED');
    // A second one, paused once its tests pass, so the views show a workflow that can be resumed.
    const held = await source.start('Show the author next to each title');
    const heldView = () => source.snapshot().state.workflows.find((workflow) => workflow.id === held);
    await until('the second workflow to pass its tests', () => (heldView()?.testRuns.some((run) => run.label === 'green' && run.summary?.failed === 0) ? true : undefined));
    await source.pause(held);
    await until('the second workflow to pause', () => (heldView()?.status === 'PAUSED' ? true : undefined));
    const view = source.snapshot().state.workflows.find((workflow) => workflow.id === finished);
    assert.deepEqual(
      view?.verdicts.filter((verdict) => verdict.member === 'board').map((verdict) => `${verdict.subject} ${verdict.decision}`),
      ['plan approved', 'change approved'],
    );
    assert.deepEqual(
      view?.testRuns.map((run) => `${run.label} ${run.summary?.passed}/${run.summary?.failed}`),
      ['red 9/3', 'green 11/1', 'green 12/0', 'refactor 12/0'],
    );
    // Leave both views in sight for the screenshot the harness takes at the end (IMPERIUM_SCREENSHOT_DIR).
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    panel.show();
    await pause(1_500);
  });
});
