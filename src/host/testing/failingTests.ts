// The tests that failed in their latest run, by file, for the "Make this pass with agents" code
// lens. Fed by every run through the Test Explorer, the user's and the agents'.
import * as vscode from 'vscode';
import type { LatestTestResults } from './latestResults';

export interface FailingTest {
  /** As in TestCaseResult.id: what a workflow's selection names. */
  readonly testId: string;
  readonly name: string;
  /** 1-based line of the test's declaration. */
  readonly line: number;
  readonly message: string;
}

export interface FailingTests {
  failing(uri: vscode.Uri): readonly FailingTest[];
  readonly onDidChange: vscode.Event<void>;
}

/** Where a file's results are kept: its folder's results and its path there. */
export type ResultsLookup = (uri: vscode.Uri) => { readonly results: LatestTestResults; readonly file: string } | undefined;

export class LatestFailingTests implements FailingTests, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly lookup: ResultsLookup) {}

  failing(uri: vscode.Uri): readonly FailingTest[] {
    const place = this.lookup(uri);
    return place ? place.results.failing(place.file) : [];
  }

  /** Called when a folder's results changed what failing() answers. */
  notifyChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
