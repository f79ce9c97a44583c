// Test runs as the journal sees them, and the test-file lock. A test process writes straight to disk,
// past the Workspace port: whatever a run creates, changes or deletes in the workspace is found by a
// snapshot before and after it, and journalled under the run's workflow, so it shows among the
// changed files and Undo takes it back. A run that changed a test file while it ran (code under test
// rewriting the tests as they load) cannot be trusted, and neither can a run of test files that are
// not, byte for byte, the version TestBot last wrote in the workflow (the lock red approved). Nor can
// a run that changed a file which runs code outside the sandbox (a package.json lifecycle script, a
// git hook, ...): that change is put back at once, since no person approved it. A symlink the run
// made or removed is journalled as a link (its target), never followed.
import { lstat, mkdir, readFile, realpath, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JournalWrite } from '../../core/journal/journalEntry';
import { codeRunningChange, codeRunningFile } from '../../core/workspace/codeRunningFiles';
import type { WriteJournal } from '../../core/journal/writeJournal';
import type { DiscoveredTest, Logger, TestRunner, TestRunOptions, TestSelection } from '../../core/ports';
import type { TestFramework, TestRunResult } from '../../shared/testResults';
import { changesBetween, snapshotWorkspace, type SnapshotChange, type WorkspaceSnapshot } from '../workspaceSnapshot';

export interface JournalledTestRunnerOptions {
  /** The workspace folder the runs work in. */
  readonly root: string;
  readonly journal: WriteJournal;
  /** Which workspace-relative paths are tests or test configuration. */
  readonly isTestFile: (path: string) => boolean;
  readonly logger?: Logger;
}

export class JournalledTestRunner implements TestRunner {
  constructor(
    private readonly inner: TestRunner,
    private readonly options: JournalledTestRunnerOptions,
  ) {}

  detect(): Promise<TestFramework[]> {
    return this.inner.detect();
  }

  discover(signal?: AbortSignal): Promise<DiscoveredTest[]> {
    return this.inner.discover(signal);
  }

  async run(selection: TestSelection, options: TestRunOptions = {}): Promise<TestRunResult> {
    const before = await snapshotWorkspace(this.options.root);
    const result = await this.inner.run(selection, options);
    const after = await snapshotWorkspace(this.options.root, before);
    const untrusted = [...(result.untrusted ?? [])];
    const changes: SnapshotChange[] = [];
    for (const change of changesBetween(before, after)) {
      const reason = await this.putBackCodeRunning(change);
      if (reason) untrusted.push(reason.message);
      // A change that could not be put back stays on disk: it is journalled, so Undo can try again.
      if (reason?.putBack !== true) changes.push(change);
    }
    for (const change of changes.filter((candidate) => this.options.isTestFile(candidate.path))) {
      untrusted.push(`the run ${change.exists ? (change.existed ? 'changed' : 'created') : 'deleted'} the test file ${change.path} while it ran`);
    }
    if (before.partial) this.options.logger?.warn(`The workspace has more files than a test run's snapshot covers; files a run changes beyond them are not journalled.`);
    if (options.origin) {
      await this.journalChanges(changes, after, options.origin);
      untrusted.push(...(await this.lockBreaches(options.origin.workflowId, after)));
    }
    return untrusted.length === 0 ? result : { ...result, untrusted: [...new Set(untrusted)] };
  }

  /**
   * When the run changed a file that runs code outside the sandbox, restores it as it was and says
   * why the run cannot be trusted; undefined for any other change.
   */
  private async putBackCodeRunning(change: SnapshotChange): Promise<{ readonly message: string; readonly putBack: boolean } | undefined> {
    const absolute = join(this.options.root, change.path);
    const linked = change.beforeLink !== undefined || change.afterLink !== undefined;
    const unknownBefore = change.existed && change.before === undefined && change.beforeLink === undefined;
    const now = change.exists && change.afterLink === undefined ? await readFile(absolute, 'utf8').catch(() => undefined) : undefined;
    const runsCode = unknownBefore || linked ? codeRunningFile(change.path) : codeRunningChange(change.path, change.before?.toString('utf8'), now)?.runsCode;
    if (runsCode === undefined) return undefined;
    const verb = change.exists ? (change.existed ? 'changed' : 'created') : 'deleted';
    const what = `the run ${verb} ${change.path}${change.afterLink === undefined ? '' : ` (a symbolic link to ${JSON.stringify(change.afterLink)})`}, which ${runsCode}; only a person may change such a file`;
    if (unknownBefore) return { message: `${what} (it is too large to have been kept, so it could not be put back)`, putBack: false };
    try {
      await this.refuseLinkedFolder(change.path);
      if (change.exists && (await lstat(absolute).catch(() => undefined))?.isDirectory() === false) await unlink(absolute);
      if (change.existed) await mkdir(dirname(absolute), { recursive: true });
      if (change.beforeLink !== undefined) await symlink(change.beforeLink, absolute);
      else if (change.before !== undefined) await writeFile(absolute, change.before);
      else for (const folder of [...change.createdFolders].reverse()) await rmdir(join(this.options.root, folder)).catch(() => undefined);
    } catch (error) {
      this.options.logger?.warn(`Could not put back ${change.path} after a test run changed it: ${(error as Error).message}`);
      return { message: `${what} (it could not be put back)`, putBack: false };
    }
    return { message: `${what} (it was put back as it was)`, putBack: true };
  }

  /** Refuses to put a file back through a folder the run replaced with a symlink leading elsewhere. */
  private async refuseLinkedFolder(path: string): Promise<void> {
    const root = await realpath(this.options.root);
    const folder = await realpath(dirname(join(root, path))).catch(() => undefined);
    if (folder === undefined) return;
    if (folder !== join(root, dirname(path))) throw new Error(`a folder on the way to ${path} is now a symbolic link`);
  }

  private async journalChanges(changes: readonly SnapshotChange[], now: WorkspaceSnapshot, origin: NonNullable<TestRunOptions['origin']>): Promise<void> {
    // The test process wrote these, not the agent that ran it: the engine answers for them.
    const writer = { workflowId: origin.workflowId, ...(origin.taskId !== undefined && { taskId: origin.taskId }), agent: 'engine' as const };
    // Undo goes latest first: a removed symlink is put back after the files that replaced it are gone,
    // a planted one is taken away before the files it replaced come back.
    const order = (change: SnapshotChange) => (change.beforeLink !== undefined && change.afterLink === undefined ? 0 : change.afterLink !== undefined ? 2 : 1);
    for (const change of [...changes].sort((a, b) => order(a) - order(b))) {
      if (change.existed && change.before === undefined && change.beforeLink === undefined) {
        this.options.logger?.warn(`A test run changed ${change.path}, which is too large to journal: Undo cannot restore it.`);
        continue;
      }
      const kept = now.files.get(change.path);
      const after = change.exists && change.afterLink === undefined ? (kept?.bytes ?? (await readFile(join(this.options.root, change.path)).catch(() => undefined))) : undefined;
      await this.options.journal.record({
        origin: writer,
        path: change.path,
        before: change.before,
        after,
        ...(change.beforeLink !== undefined && { beforeLink: change.beforeLink }),
        ...(change.afterLink !== undefined && { afterLink: change.afterLink }),
        createdFolders: change.createdFolders,
      });
    }
  }

  /** Each test file TestBot wrote in the workflow must still be what it last wrote, and nobody else may have written it since. */
  private async lockBreaches(workflowId: string, now: WorkspaceSnapshot): Promise<string[]> {
    const latest = new Map<string, JournalWrite>();
    const byTestBot = new Set<string>();
    for (const write of await this.options.journal.writes(workflowId)) {
      latest.set(write.path, write);
      if (write.agent === 'testbot') byTestBot.add(write.path);
    }
    const breaches: string[] = [];
    for (const path of byTestBot) {
      const write = latest.get(path);
      if (write === undefined) continue;
      if (write.agent !== 'testbot') {
        breaches.push(`the test file ${path} is no longer the version TestBot wrote: ${write.agent === 'engine' ? 'a test run' : write.agent} changed it afterwards`);
        continue;
      }
      const onDisk = now.files.get(path);
      if (write.op === 'delete' ? onDisk !== undefined : onDisk?.hash !== write.afterHash) {
        breaches.push(`the test file ${path} on disk is not the version TestBot wrote (changed outside the journal)`);
      }
    }
    return breaches;
  }
}
