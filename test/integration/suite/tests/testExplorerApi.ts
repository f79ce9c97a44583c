// The Test Explorer as the tests reach it: through the extension's API, since VS Code lets no
// extension read another's test items or results.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImperiumApi } from '../../../../src/host/api';
import type { EndedTestRun, TestExplorerApi, TestItemView } from '../../../../src/host/testing/testExplorerApi';
import { imperiumApi } from '../imperium';

export async function testExplorer(): Promise<TestExplorerApi> {
  // A window without a folder has no Test Explorer, so `tests` may be absent.
  const api: ImperiumApi & { readonly tests?: TestExplorerApi } = await imperiumApi();
  assert.ok(api.tests, 'the extension API offers no `tests` (the Test Explorer)');
  return api.tests;
}

export function workspaceUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

/** The next run that ends (a run started before this call is not it). */
export function nextRun(tests: TestExplorerApi, timeoutMs = 60_000): Promise<EndedTestRun> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no test run ended within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = tests.onDidEndRun((run) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(run);
    });
  });
}

/** The item at this path of labels from the top of the tree, or undefined. */
export function itemAt(items: readonly TestItemView[], ...labels: string[]): TestItemView | undefined {
  const [label, ...below] = labels;
  const item = items.find((candidate) => candidate.label === label);
  return item && below.length > 0 ? itemAt(item.children, ...below) : item;
}

/** Waits for a condition the editor reaches on its own (a file watcher's refresh), polling. */
export async function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
