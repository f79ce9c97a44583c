// Runs a selection of one folder's tests inside a vscode.TestRun, for the user's runs and the
// agents' alike: queued items, the runner's output, each test's state, the deadline from the
// settings, cancellation from the Test Explorer, and nothing at all in Restricted Mode.
import * as vscode from 'vscode';
import type { TestSelection } from '../../core/ports';
import type { ProcessLauncher } from '../../infra/testRunners/testProcess';
import type { TestRunResult } from '../../shared/testResults';
import type { Settings } from '../settings';
import { abortSignalOf } from './cancellation';
import type { FolderTests } from './folderTests';
import { closingLines, terminalText } from './runOutput';
import { RESTRICTED_RUN } from './restrictedMode';
import { reportEntries, type RunTimeout } from './runReport';
import { expectedTests } from './runSelection';
import type { EndedTestRun } from './testExplorerApi';
import { applyReport } from './testRunReporter';

export interface FolderRunOptions {
  readonly signal?: AbortSignal;
  /** The caller's deadline; else the setting's. */
  readonly timeoutMs?: number;
  /** Starts the test process another way (under the debugger). */
  readonly launch?: ProcessLauncher;
  /** The network permission of the workflow the run is for; the setting's when absent (a person's own run). */
  readonly allowNetwork?: boolean;
}

/** Thrown to a caller of the TestRunner port when the workspace is not trusted. */
export class RestrictedModeError extends Error {
  override readonly name = 'RestrictedModeError';
  constructor() {
    super(RESTRICTED_RUN);
  }
}

const TIMEOUT_SETTING = 'imperium.tests.timeoutSeconds';

export class FolderRuns {
  constructor(
    private readonly settings: Pick<Settings, 'testTimeoutMs'>,
    /** Told every run's result: the latest results and the ended-run event follow it. */
    private readonly onResult: (tests: FolderTests, ended: EndedTestRun) => void,
  ) {}

  /**
   * Reports the selection's tests on `run` (which the caller ends) and returns what was reported.
   * Rejects with the runner's error when it could not run (no framework, a missing file), and with
   * RestrictedModeError in Restricted Mode; either way the run says why.
   */
  async run(run: vscode.TestRun, tests: FolderTests, selection: TestSelection, options: FolderRunOptions = {}): Promise<TestRunResult> {
    const expected = expectedTests(selection, tests.knownTests());
    const items = [...expected.map((test) => tests.itemFor(test)), ...(selection.files ?? []).map((file) => tests.fileItem(file))];
    if (!this.mayRun(run, items)) throw new RestrictedModeError();
    for (const item of items) run.started(item);
    const timeout: RunTimeout = options.timeoutMs !== undefined ? { ms: options.timeoutMs } : { ms: this.settings.testTimeoutMs(), setting: TIMEOUT_SETTING };
    const cancellation = abortSignalOf(run.token);
    const signal = options.signal ? AbortSignal.any([cancellation.signal, options.signal]) : cancellation.signal;
    let result: TestRunResult;
    try {
      result = await tests.runner.run(selection, { signal, timeoutMs: timeout.ms, label: run.name, launch: options.launch, ...(options.allowNetwork !== undefined && { allowNetwork: options.allowNetwork }) });
    } catch (error) {
      this.refuse(run, items, (error as Error).message);
      throw error;
    } finally {
      cancellation.dispose();
    }
    tests.noteFramework(result.framework);
    run.appendOutput(terminalText(result.output));
    run.appendOutput(closingLines(result, timeout));
    applyReport(run, reportEntries(result, { tests: expected, files: selection.files ?? [], timeout }), tests);
    this.onResult(tests, { name: run.name, folder: tests.folder.uri, result });
    return result;
  }

  /** Ends nothing: says in the run's output and on its items why they did not run. */
  private refuse(run: vscode.TestRun, items: readonly vscode.TestItem[], message: string): void {
    run.appendOutput(terminalText(message));
    for (const item of items) run.errored(item, new vscode.TestMessage(message));
  }

  /** Whether runs may execute; when not, `run` says why. */
  mayRun(run: vscode.TestRun, items: readonly vscode.TestItem[]): boolean {
    if (vscode.workspace.isTrusted) return true;
    this.refuse(run, items, RESTRICTED_RUN);
    return false;
  }
}
