// The engine's TestRunner port in VS Code: every run an agent makes is a persisted TestRun of the
// Imperium controller, named by its label ("wf-3 red"), with items made for tests discovery has not
// found yet (agents write new tests), and the agent reads back the very result the run reported.
import type * as vscode from 'vscode';
import type { DiscoveredTest, TestRunner, TestRunOptions, TestSelection } from '../../core/ports';
import type { TestFramework, TestRunResult } from '../../shared/testResults';
import type { FolderRuns } from './folderRuns';
import type { FolderTests } from './folderTests';
import { testFromId } from './testTree';

/** What the port needs of the Test Explorer. */
export interface TestRunHost {
  readonly runs: FolderRuns;
  /** The folder's tests while it is open in the window. */
  folderTests(folder: vscode.WorkspaceFolder): FolderTests | undefined;
  /** A persisted run of the controller for these items (all when undefined). */
  createRun(include: readonly vscode.TestItem[] | undefined, name: string | undefined): vscode.TestRun;
}

export class ExplorerTestRunner implements TestRunner {
  constructor(
    private readonly host: TestRunHost,
    private readonly folder: vscode.WorkspaceFolder,
  ) {}

  detect(): Promise<TestFramework[]> {
    return this.tests().runner.detect();
  }

  discover(signal?: AbortSignal): Promise<DiscoveredTest[]> {
    return this.tests().runner.discover(signal);
  }

  async run(selection: TestSelection, options: TestRunOptions = {}): Promise<TestRunResult> {
    const tests = this.tests();
    const run = this.host.createRun(requestedItems(tests, selection), options.label);
    try {
      return await this.host.runs.run(run, tests, selection, options);
    } finally {
      run.end();
    }
  }

  private tests(): FolderTests {
    const tests = this.host.folderTests(this.folder);
    if (!tests) throw new Error(`The folder ${this.folder.name} is no longer open in this window, so its tests cannot run.`);
    return tests;
  }
}

/** The items a selection names, for the run request the Test Explorer shows; none for the whole suite. */
function requestedItems(tests: FolderTests, selection: TestSelection): vscode.TestItem[] | undefined {
  if (selection.files?.length) return selection.files.map((file) => tests.fileItem(file));
  if (selection.testIds?.length) return selection.testIds.flatMap((id) => testFromId(id) ?? []).map((test) => tests.itemFor(test));
  return undefined;
}
