// The Imperium Flow Test Explorer: one TestController ("imperium") over every workspace folder's
// tests, listed and run with the framework runners the CLI uses. Tests are listed when the Testing
// view first asks (listing runs project code and can take a while), again when test files change
// and on refresh; they run, and Node frameworks' tests debug, on request. It is also the TestRunner
// the engine's agents run tests through, so their runs show here too. In Restricted Mode it lists
// and runs nothing, and says why.
import * as vscode from 'vscode';
import type { TestRunner } from '../../core/ports';
import type { Settings } from '../settings';
import { abortSignalOf } from './cancellation';
import { DebugLaunches } from './debugLaunches';
import { ExplorerTestRunner } from './explorerTestRunner';
import { LatestFailingTests, type FailingTests } from './failingTests';
import { FolderRuns } from './folderRuns';
import { DEBUGGABLE_TAG, FolderTests, type ItemData } from './folderTests';
import { LatestTestResults } from './latestResults';
import { RefreshScheduler } from './refreshScheduler';
import { RESTRICTED_LABEL, RESTRICTED_LISTING } from './restrictedMode';
import { selectionFor, type FolderRequest } from './runSelection';
import { changesTestList, WATCHED_FILES } from './testFileChanges';
import { itemViews, type EndedTestRun, type TestExplorerApi } from './testExplorerApi';
import { fixSelection } from './fixSelection';
import type { TestNodeRef } from './testTree';

export interface TestExplorerOptions {
  /** The folder the TestRunner port runs in: the window's first. */
  readonly folder: vscode.WorkspaceFolder;
  readonly log: vscode.LogOutputChannel;
  /** For the runs' deadline. */
  readonly settings: Settings;
}

/** How long test files must stay unchanged before they are listed again. */
const QUIET_MS = 750;

export class TestExplorer implements vscode.Disposable {
  readonly runner: TestRunner;
  readonly failingTests: FailingTests;
  readonly api: TestExplorerApi;

  private readonly controller = vscode.tests.createTestController('imperium', 'Imperium Flow');
  private readonly owners = new WeakMap<vscode.TestItem, ItemData>();
  private folders = new Map<string, FolderTests>();
  /** By folder URI; kept when folders are regrouped. */
  private readonly results = new Map<string, LatestTestResults>();
  private readonly failing: LatestFailingTests;
  private readonly ended = new vscode.EventEmitter<EndedTestRun>();
  private readonly runs: FolderRuns;
  private readonly runProfile: vscode.TestRunProfile;
  private readonly debugLaunches = new DebugLaunches();
  private readonly refreshes: RefreshScheduler;
  private readonly stale = new Set<FolderTests>();
  private readonly lifetime = new AbortController();
  private listing: Promise<void> = Promise.resolve();
  /** Whether anyone asked for the list yet: until then nothing is listed, nor listed again. */
  private listed = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: Settings,
    folder: vscode.WorkspaceFolder,
  ) {
    this.failing = new LatestFailingTests((uri) => this.resultsAt(uri));
    this.failingTests = this.failing;
    this.runs = new FolderRuns(settings, (tests, ended) => {
      if (this.resultsOf(tests.folder).record(ended.result.tests)) this.failing.notifyChanged();
      this.ended.fire(ended);
    });
    this.refreshes = new RefreshScheduler(() => this.listStale(), QUIET_MS, (error) => log.error(`Listing tests again failed: ${String(error)}`));
    this.runProfile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.runRequest(request, token, false), true);
    this.controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, (request, token) => this.runRequest(request, token, true), true, DEBUGGABLE_TAG);
    this.controller.resolveHandler = (item) => (item ? undefined : this.listAll());
    this.controller.refreshHandler = (token) => this.listAll(token);
    this.runner = new ExplorerTestRunner(
      {
        runs: this.runs,
        folderTests: (candidate) => this.folders.get(candidate.uri.toString()),
        createRun: (include, name) => this.controller.createTestRun(new vscode.TestRunRequest(include, undefined, this.runProfile), name, true),
      },
      folder,
    );
    this.api = Object.freeze({
      runner: this.runner,
      failingTests: this.failingTests,
      onDidEndRun: this.ended.event,
      items: () => itemViews(this.controller.items),
      refresh: () => this.listAll(),
    });
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
    this.disposables.push(
      this.controller,
      this.failing,
      this.ended,
      this.debugLaunches,
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri)),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileChanged(uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.listAgain()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.openFolders();
        this.listAgain();
      }),
    );
    this.openFolders();
  }

  static create(options: TestExplorerOptions): TestExplorer {
    return new TestExplorer(options.log, options.settings, options.folder);
  }

  dispose(): void {
    this.lifetime.abort();
    this.refreshes.dispose();
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  // ---------------------------------------------------------------- folders and listing

  /** One FolderTests per workspace folder, under an item per folder when there are several. */
  private openFolders(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.controller.items.replace([]);
    this.stale.clear();
    this.folders = new Map(folders.map((folder) => [folder.uri.toString(), new FolderTests(folder, this.controller, this.owners, { log: this.log, listingTimeoutMs: this.settings.testTimeoutMs(), grouped: folders.length > 1, sandbox: this.settings.testSandbox() })]));
    for (const key of this.results.keys()) if (!this.folders.has(key)) this.results.delete(key);
  }

  private listAll(token?: vscode.CancellationToken): Promise<void> {
    this.listed = true;
    return this.list([...this.folders.values()], token);
  }

  /** After trust is granted or folders change, what was listed is listed again. */
  private listAgain(): void {
    if (this.listed) void this.listAll();
  }

  private listStale(): Promise<void> {
    const folders = [...this.stale];
    this.stale.clear();
    return this.list(folders);
  }

  /** Lists folders one after the other (the machine's cores are the tests'), after any listing under way. */
  private list(folders: readonly FolderTests[], token?: vscode.CancellationToken): Promise<void> {
    const listing = this.listing.then(async () => {
      if (!vscode.workspace.isTrusted) {
        for (const tests of folders) tests.showNotice(RESTRICTED_LABEL, RESTRICTED_LISTING);
        return;
      }
      const cancellation = token ? abortSignalOf(token) : undefined;
      const signal = cancellation ? AbortSignal.any([this.lifetime.signal, cancellation.signal]) : this.lifetime.signal;
      try {
        for (const tests of folders) {
          if (signal.aborted) break;
          if (this.folders.get(tests.folder.uri.toString()) !== tests) continue; // its folder was closed meanwhile
          const listed = await tests.discover(signal);
          if (listed && this.resultsOf(tests.folder).reconcile(listed)) this.failing.notifyChanged();
        }
      } finally {
        cancellation?.dispose();
      }
    });
    // A listing that failed does not stop the next.
    this.listing = listing.catch(() => undefined);
    return listing;
  }

  private fileChanged(uri: vscode.Uri): void {
    if (!this.listed) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const tests = folder && this.folders.get(folder.uri.toString());
    if (!tests || !changesTestList(vscode.workspace.asRelativePath(uri, false))) return;
    this.stale.add(tests);
    this.refreshes.schedule();
  }

  // ---------------------------------------------------------------- runs

  private async runRequest(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
    const run = this.controller.createTestRun(request);
    try {
      // The editor asks for trust before it runs tests; this holds should a run reach here regardless.
      if (!this.runs.mayRun(run, request.include ?? [])) return;
      for (const [tests, folderRequest] of this.requestsByFolder(request)) {
        if (token.isCancellationRequested) break;
        const selection = selectionFor(folderRequest, tests.knownTests());
        if (!selection) continue;
        if (debug && !(await tests.debuggable())) {
          run.appendOutput(`Debugging runs the tests of Node frameworks only; the tests of ${tests.folder.name} were not run.\r\n`);
          continue;
        }
        const launch = debug ? this.debugLaunches.launcher(tests.folder, run) : undefined;
        await this.runs.run(run, tests, selection, { launch }).catch((error: unknown) => this.log.warn(`The tests of ${tests.folder.name} did not run: ${(error as Error).message}`));
      }
    } finally {
      run.end();
    }
  }

  /** What a request asks of each open folder: everything when it names no items, else the named items. */
  private requestsByFolder(request: vscode.TestRunRequest): [FolderTests, FolderRequest][] {
    const included = request.include === undefined ? new Map([...this.folders.values()].map((tests) => [tests, 'all' as const])) : this.byFolder(request.include);
    const excluded = this.byFolder(request.exclude ?? []);
    const requests: [FolderTests, FolderRequest][] = [];
    for (const [tests, nodes] of included) {
      const exclude = excluded.get(tests) ?? [];
      if (exclude === 'all' || this.folders.get(tests.folder.uri.toString()) !== tests) continue;
      requests.push([tests, nodes === 'all' ? { exclude } : { include: nodes, exclude }]);
    }
    return requests;
  }

  /**
   * What "Fix with Agents" on these items names for the fix workflow: test ids and files (none for
   * a folder's item: every failing test). Undefined when an item is not in the folder the agents
   * work in, or is no test (a notice).
   */
  fixSelection(items: readonly vscode.TestItem[], folder: vscode.WorkspaceFolder): string[] | undefined {
    const byFolder = this.byFolder(items);
    const nodes = [...byFolder].find(([tests]) => tests.folder.uri.toString() === folder.uri.toString())?.[1];
    if (nodes === undefined || byFolder.size !== 1) return undefined;
    return fixSelection(nodes, this.folders.get(folder.uri.toString())?.knownTests() ?? []);
  }

  /** Items' nodes by folder; a folder's own item stands for all of it. Notices are no tests and are left out. */
  private byFolder(items: readonly vscode.TestItem[]): Map<FolderTests, TestNodeRef[] | 'all'> {
    const byFolder = new Map<FolderTests, TestNodeRef[] | 'all'>();
    for (const item of items) {
      const data = this.owners.get(item);
      if (!data) continue;
      const nodes = byFolder.get(data.folder);
      if (!data.node) byFolder.set(data.folder, 'all');
      else if (nodes !== 'all') byFolder.set(data.folder, [...(nodes ?? []), data.node]);
    }
    return byFolder;
  }

  // ---------------------------------------------------------------- latest results

  private resultsOf(folder: vscode.WorkspaceFolder): LatestTestResults {
    const key = folder.uri.toString();
    let results = this.results.get(key);
    if (!results) this.results.set(key, (results = new LatestTestResults()));
    return results;
  }

  private resultsAt(uri: vscode.Uri): { results: LatestTestResults; file: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const results = folder && this.results.get(folder.uri.toString());
    return results && { results, file: vscode.workspace.asRelativePath(uri, false) };
  }
}
