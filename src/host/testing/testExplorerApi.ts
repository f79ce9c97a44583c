// What the Test Explorer offers beyond the editor's own view of it: the extension's API hands it to
// other extensions and to the integration tests, which cannot read another extension's test items
// or results through VS Code.
import type * as vscode from 'vscode';
import type { TestRunner } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import type { FailingTests } from './failingTests';

/** A test item as plain data. */
export interface TestItemView {
  readonly id: string;
  readonly label: string;
  readonly uri?: string;
  /** 1-based line of the item's range. */
  readonly line?: number;
  /** Why the item cannot be used (e.g. Restricted Mode, a failed listing). */
  readonly error?: string;
  readonly children: readonly TestItemView[];
}

/** A run that ended in one folder: the user's, an agent's, or a debug run. */
export interface EndedTestRun {
  /** The run's name in the Test Explorer (an agent's label such as "wf-3 red"); undefined for the user's runs. */
  readonly name: string | undefined;
  readonly folder: vscode.Uri;
  /** What the run reported, and what an agent read back. */
  readonly result: TestRunResult;
}

export interface TestExplorerApi {
  /** Runs through the Test Explorer, for the first workspace folder. */
  readonly runner: TestRunner;
  readonly failingTests: FailingTests;
  readonly onDidEndRun: vscode.Event<EndedTestRun>;
  /** The Test Explorer's items. */
  items(): TestItemView[];
  /** Lists every folder's tests again (as the view's refresh button does). */
  refresh(): Promise<void>;
}

export function itemViews(collection: vscode.TestItemCollection): TestItemView[] {
  const views: TestItemView[] = [];
  collection.forEach((item) => {
    const error = typeof item.error === 'string' ? item.error : item.error?.value;
    views.push({
      id: item.id,
      label: item.label,
      ...(item.uri && { uri: item.uri.toString() }),
      ...(item.range && { line: item.range.start.line + 1 }),
      ...(error !== undefined && { error }),
      children: itemViews(item.children),
    });
  });
  return views;
}
