// One workspace folder's tests in the Test Explorer: its runner, the items of its tree (under an
// item for the folder when the window has several), and the way between items and tests. Items
// are kept across discoveries (matched by id), so a refresh during a run loses nothing.
import type { SandboxPolicy } from '../../infra/sandbox/confinement';
import * as vscode from 'vscode';
import type { DiscoveredTest } from '../../core/ports';
import type { TestFramework } from '../../shared/testResults';
import { folderTestRunner, isNoFrameworkError, type FolderTestRunner } from './folderTestRunner';
import { buildTestTree, fileNode, nodePath, type TestNode, type TestNodeRef } from './testTree';

/** What an item stands for; a folder's own item has no node. Notices are not registered. */
export interface ItemData {
  readonly folder: FolderTests;
  readonly node?: TestNodeRef;
}

export interface FolderTestsOptions {
  readonly log: vscode.LogOutputChannel;
  /** How long listing the tests may take; runs set their own deadline. */
  readonly listingTimeoutMs: number;
  /** Under an item for the folder, as when the window has several folders. */
  readonly grouped: boolean;
  /** What test runs may do beyond the sandbox's defaults; read at each run, so a changed setting applies to the next one. */
  readonly sandbox: SandboxPolicy;
}

/** Items of Node frameworks carry it, and the Debug profile asks for it: pytest is not debugged. */
export const DEBUGGABLE_TAG = new vscode.TestTag('imperium.node');

const NOTICE_ID = 'imperium.notice';

export class FolderTests {
  readonly runner: FolderTestRunner;
  private readonly folderItem: vscode.TestItem | undefined;
  private known = new Map<string, DiscoveredTest>();
  private framework: TestFramework | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly controller: vscode.TestController,
    private readonly owners: WeakMap<vscode.TestItem, ItemData>,
    private readonly options: FolderTestsOptions,
  ) {
    this.runner = folderTestRunner(folder.uri.fsPath, { logger: options.log, defaultTimeoutMs: options.listingTimeoutMs, sandbox: options.sandbox });
    if (options.grouped) {
      this.folderItem = controller.createTestItem(folder.uri.toString(), folder.name, folder.uri);
      owners.set(this.folderItem, { folder: this });
      controller.items.add(this.folderItem);
    }
  }

  /** Whether Debug can run this folder's tests: its framework is a Node one. */
  async debuggable(): Promise<boolean> {
    this.framework ??= (await this.runner.detect().catch(() => []))[0];
    return isNodeFramework(this.framework);
  }

  knownTests(): DiscoveredTest[] {
    return [...this.known.values()];
  }

  /**
   * Lists the folder's tests with its framework, which runs project code: only in a trusted
   * workspace. Returns the listing when it is complete; a failure shows on the folder's items.
   */
  async discover(signal?: AbortSignal): Promise<DiscoveredTest[] | undefined> {
    this.setBusy(true);
    try {
      const [framework] = await this.runner.detect();
      if (framework) this.noteFramework(framework);
      const tests = await this.runner.discover(signal);
      this.known = new Map(tests.map((test) => [test.id, test]));
      this.sync(this.collection, buildTestTree(tests));
      this.options.log.info(`Found ${tests.length} ${framework} tests in ${this.folder.name}.`);
      return tests;
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (error instanceof Error && (await isNoFrameworkError(error))) {
        this.known.clear();
        this.collection.replace([]);
        this.options.log.info(error.message);
      } else {
        this.showNotice('Tests could not be listed', (error as Error).message);
        this.options.log.warn(`Listing the tests of ${this.folder.name} failed: ${(error as Error).message}`);
      }
      return undefined;
    } finally {
      this.setBusy(false);
    }
  }

  /** Replaces the folder's items by one that says why there are none (and the Test Explorer shows it as an error). */
  showNotice(label: string, message: string): void {
    this.known.clear();
    const notice = this.controller.createTestItem(NOTICE_ID, label, this.folder.uri);
    notice.error = message;
    this.collection.replace([notice]);
  }

  /** A test's item, created where discovery has not found it (an agent just wrote it); its line is brought up to date. */
  itemFor(test: DiscoveredTest): vscode.TestItem {
    const [file, ...below] = nodePath(test);
    let item = this.collection.get(file.id) ?? this.addItem(this.collection, file);
    for (const node of below) item = item.children.get(node.id) ?? this.addItem(item.children, node);
    if (test.line !== undefined && item.range?.start.line !== test.line - 1) item.range = lineRange(test.line);
    if (!this.known.has(test.id)) this.known.set(test.id, test);
    return item;
  }

  /** The item of a file, created if needed. */
  fileItem(file: string): vscode.TestItem {
    const node = fileNode(file);
    return this.collection.get(node.id) ?? this.addItem(this.collection, node);
  }

  /** Remembers the framework a run used, so Debug is offered for what can be debugged. */
  noteFramework(framework: TestFramework): void {
    if (framework === this.framework) return;
    this.framework = framework;
    if (this.folderItem) this.folderItem.tags = this.tags();
    this.retag(this.collection);
  }

  uri(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, file);
  }

  private get collection(): vscode.TestItemCollection {
    return this.folderItem ? this.folderItem.children : this.controller.items;
  }

  private sync(collection: vscode.TestItemCollection, nodes: readonly TestNode[]): void {
    const items = nodes.map((node) => {
      const item = collection.get(node.id) ?? this.createItem(node);
      if (node.line !== undefined && item.range?.start.line !== node.line - 1) item.range = lineRange(node.line);
      item.tags = this.tags();
      this.sync(item.children, node.children);
      return item;
    });
    collection.replace(items);
  }

  private addItem(collection: vscode.TestItemCollection, node: TestNode): vscode.TestItem {
    const item = this.createItem(node);
    collection.add(item);
    return item;
  }

  private createItem(node: TestNode): vscode.TestItem {
    const item = this.controller.createTestItem(node.id, node.label, this.uri(node.file));
    if (node.line !== undefined) item.range = lineRange(node.line);
    item.tags = this.tags();
    this.owners.set(item, { folder: this, node });
    return item;
  }

  private retag(collection: vscode.TestItemCollection): void {
    collection.forEach((item) => {
      if (item.id !== NOTICE_ID) item.tags = this.tags();
      this.retag(item.children);
    });
  }

  private tags(): readonly vscode.TestTag[] {
    return isNodeFramework(this.framework) ? [DEBUGGABLE_TAG] : [];
  }

  private setBusy(busy: boolean): void {
    if (this.folderItem) this.folderItem.busy = busy;
  }
}

function isNodeFramework(framework: TestFramework | undefined): boolean {
  return framework !== undefined && framework !== 'pytest';
}

/** A test's place in its file: the start of its declaration's line (1-based in, 0-based out). */
function lineRange(line: number): vscode.Range {
  return new vscode.Range(line - 1, 0, line - 1, 0);
}
