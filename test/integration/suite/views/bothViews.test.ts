import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_CENTER_VIEW_TYPE } from '../../../../src/host/dashboard/commandCenterPanel';
import { imperiumApi } from '../imperium';
import { PageDriver } from '../pageDriver';

// Issue 15, point 7: the sidebar dashboard stayed blank when it was opened beside the command
// center. Here both views are opened one after the other, in both orders, several times, and each
// must be drawn AND live (following the host: no "Connecting…" line) with the other open.

const ROUNDS = 3;

function commandCenterTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(COMMAND_CENTER_VIEW_TYPE));
}

/** Drawn (its own heading is there) and live (the connection line is hidden once the snapshot came). */
async function rendered(page: PageDriver, view: 'sidebar' | 'command-center'): Promise<void> {
  await page.waitFor(view, view === 'sidebar' ? { role: 'heading', name: 'Quick actions' } : { role: 'heading', name: 'Imperium Command Center' }, { timeoutMs: 15_000 });
  await page.waitFor(view, { selector: '.banner .connection[hidden]' }, { state: 'attached', timeoutMs: 15_000 });
}

async function openSidebar(): Promise<void> {
  await vscode.commands.executeCommand('imperium.dashboard.focus');
}

async function openCommandCenter(): Promise<void> {
  await vscode.commands.executeCommand('imperium.openCommandCenter');
}

async function closeBoth(): Promise<void> {
  await vscode.window.tabGroups.close(commandCenterTabs());
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  assert.equal(commandCenterTabs().length, 0);
}

describe('the sidebar dashboard and the command center open together', () => {
  const driver = PageDriver.fromEnvironment();

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: sidebar first, then the command center; both drawn and live`, async () => {
      const page = driver as PageDriver;
      await closeBoth();
      await openSidebar();
      await rendered(page, 'sidebar');
      await openCommandCenter();
      await rendered(page, 'command-center');
      await rendered(page, 'sidebar');
    });

    it(`round ${round}: command center first, then the sidebar; both drawn and live`, async () => {
      const page = driver as PageDriver;
      await closeBoth();
      await openCommandCenter();
      await rendered(page, 'command-center');
      await openSidebar();
      await rendered(page, 'sidebar');
      await rendered(page, 'command-center');
    });
  }

  it('both at once, then the sidebar hidden and shown again beside the open command center', async () => {
    const page = driver as PageDriver;
    await closeBoth();
    await Promise.all([openSidebar(), openCommandCenter()]);
    await rendered(page, 'sidebar');
    await rendered(page, 'command-center');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await openSidebar();
    await rendered(page, 'sidebar');
    await rendered(page, 'command-center');
    // Live, not only drawn: a workflow started now reaches both views (without a model it fails
    // at once, which is an update too).
    const request = `Say hello, round ${ROUNDS + 1}`;
    const id = await vscode.commands.executeCommand<string>('imperium.startWorkflow', request);
    assert.ok(id, 'the command answers with the workflow id');
    await page.waitFor('sidebar', { role: 'heading', name: request });
    await page.waitFor('command-center', { role: 'heading', name: request });
  });
});
