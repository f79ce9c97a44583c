// The TestRunner port over a workspace folder on disk: detects the frameworks the workspace uses
// and runs its tests with the first of them (or the one asked for), headless. The CLI and the
// engine's tests use it; inside VS Code the host wraps runs in the Test Explorer.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DiscoveredTest, Logger, TestRunner, TestRunOptions, TestSelection } from '../../core/ports';
import { TEST_FRAMEWORKS, type TestFramework, type TestRunResult } from '../../shared/testResults';
import { detectFrameworks } from './frameworkDetection';
import { TestRunnerError, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { JestRunner } from './jestRunner';
import { MochaRunner } from './mochaRunner';
import { NodeTestRunner } from './nodeTestRunner';
import { readPackageManifest, type PackageManifest } from './packageManifest';
import { prepareRedaction, redactedRunResult } from './redactedRunResult';
import { canaryFindings, withCanary, writeCanary, type CanaryFiles } from './assertionCanary';
import { withScratchDir } from './scratchDir';
import { PytestRunner } from './pytestRunner';
import { parseTestId } from './testIds';
import type { SandboxPolicy } from '../sandbox/confinement';
import { runProcess, type ProcessLauncher } from './testProcess';
import { defaultNodePath } from './toolResolution';
import { VitestRunner } from './vitestRunner';
import { WorkspacePaths } from './workspacePaths';

export { TestRunnerError } from './frameworkRunner';

export interface WorkspaceTestRunnerOptions {
  /** Use this framework instead of the first one detected. */
  readonly framework?: TestFramework;
  /** The deadline of a run or a listing that sets none. */
  readonly defaultTimeoutMs?: number;
  /** Characters of a run's output kept in its result. */
  readonly outputLimit?: number;
  /** The Node binary for JavaScript frameworks (see defaultNodePath). */
  readonly nodePath?: string;
  readonly logger?: Logger;
  /** What runs may do beyond the sandbox's defaults (network), as the person allowed it; a run's own `allowNetwork` (its workflow's) comes first. */
  readonly sandbox?: SandboxPolicy;
}

export interface WorkspaceTestRunOptions extends TestRunOptions {
  /** Starts the framework's process, e.g. under a debugger; spawned directly when absent. */
  readonly launch?: ProcessLauncher;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_OUTPUT_LIMIT = 200_000;

const RUNNERS: Record<TestFramework, new (context: RunnerContext) => FrameworkRunner> = {
  'node-test': NodeTestRunner,
  mocha: MochaRunner,
  jest: JestRunner,
  vitest: VitestRunner,
  pytest: PytestRunner,
};

export class WorkspaceTestRunner implements TestRunner {
  private paths: Promise<WorkspacePaths> | undefined;

  constructor(
    readonly root: string,
    private readonly options: WorkspaceTestRunnerOptions = {},
  ) {
    if (options.framework !== undefined && !TEST_FRAMEWORKS.includes(options.framework)) {
      throw new TestRunnerError('bad-configuration', `Unknown test framework "${options.framework}"; expected one of ${TEST_FRAMEWORKS.join(', ')}.`);
    }
  }

  async detect(): Promise<TestFramework[]> {
    await this.checkRoot();
    return detectFrameworks(this.root, await this.manifest());
  }

  async discover(signal?: AbortSignal): Promise<DiscoveredTest[]> {
    const runner = await this.frameworkRunner();
    return runner.discover({ signal, timeoutMs: this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, launch: this.launcher(undefined) });
  }

  async run(selection: TestSelection, options: WorkspaceTestRunOptions = {}): Promise<TestRunResult> {
    const runner = await this.frameworkRunner();
    await this.checkSelection(selection);
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TestRunnerError('bad-configuration', `A test run's timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
    this.options.logger?.info(`Running ${runner.framework} tests in ${this.root}${options.label ? ` (${options.label})` : ''}.`);
    const result = await redactedRunResult(
      await withScratchDir(async (dir) => {
        const canary = await writeCanary(dir);
        const launch = this.launcher(options.launch, { canary, dir, framework: runner.framework }, options.allowNetwork);
        const run = await runner.run(selection, { signal: options.signal, timeoutMs, launch });
        // Only a run that completed has passes to trust; pytest does not run Node, so it has no
        // assertion canary (its runner checks the must-fail canary, as every runner does).
        if (run.outcome !== 'completed' || runner.framework === 'pytest') return run;
        const untrusted = await canaryFindings(canary, { everyProcessExits: runner.framework === 'node-test' || runner.framework === 'mocha' });
        return untrusted.length === 0 ? run : { ...run, untrusted: [...(run.untrusted ?? []), ...untrusted] };
      }),
    );
    if (result.confinement && !result.confinement.confined) this.options.logger?.warn(`Test run ${result.confinement.note}.`);
    const { passed, failed, skipped } = result.summary;
    this.options.logger?.info(`${runner.framework} run ${result.outcome}: ${passed} passed, ${failed} failed, ${skipped} skipped, ${result.errors.length} file errors in ${result.durationMs} ms.`);
    return result;
  }

  /**
   * The launcher with the sandbox policy on every process it starts (the run's own network
   * permission over the runner's default), and the assertion canary in every Node one.
   */
  private launcher(launch: ProcessLauncher | undefined, withCanaryIn?: { readonly canary: CanaryFiles; readonly dir: string; readonly framework: TestFramework }, allowNetwork?: boolean): ProcessLauncher {
    const start = launch ?? runProcess;
    const sandbox: SandboxPolicy | undefined = allowNetwork === undefined ? this.options.sandbox : { allowNetwork };
    return (spec) => {
      const canaried =
        withCanaryIn && isNode(spec.command)
          ? {
              ...spec,
              env: { ...spec.env, NODE_OPTIONS: withCanary(spec.env?.NODE_OPTIONS, withCanaryIn.canary) },
              privateDirs: [...(spec.privateDirs ?? []), withCanaryIn.dir],
            }
          : spec;
      const prepared = withCanaryIn ? { ...canaried, onStarted: () => prepareForResults(withCanaryIn.framework) } : canaried;
      return start(sandbox ? { ...prepared, sandbox } : prepared);
    };
  }

  private async frameworkRunner(): Promise<FrameworkRunner> {
    await this.checkRoot();
    const framework = this.options.framework ?? (await this.detect())[0];
    if (framework === undefined) {
      throw new TestRunnerError(
        'no-framework',
        `No test framework found in ${this.root}: looked for a "test" script running node --test, mocha, jest, vitest or pytest, their configuration files (.mocharc.*, jest.config.*, vitest.config.*, pytest.ini, conftest.py, pyproject.toml) and their packages in package.json.`,
      );
    }
    const context: RunnerContext = {
      paths: await this.workspacePaths(),
      manifest: await this.manifest(),
      nodePath: this.options.nodePath ?? defaultNodePath(),
      outputLimit: this.options.outputLimit ?? DEFAULT_OUTPUT_LIMIT,
    };
    return new RUNNERS[framework](context);
  }

  private workspacePaths(): Promise<WorkspacePaths> {
    this.paths ??= WorkspacePaths.of(this.root);
    return this.paths;
  }

  private async manifest(): Promise<PackageManifest | undefined> {
    try {
      return await readPackageManifest(this.root);
    } catch (error) {
      throw new TestRunnerError('bad-configuration', (error as Error).message);
    }
  }

  private async checkRoot(): Promise<void> {
    const stats = await stat(this.root).catch(() => undefined);
    if (!stats?.isDirectory()) throw new TestRunnerError('bad-configuration', `The workspace folder ${this.root} does not exist or is not a folder.`);
  }

  /** A file or test that is not there would otherwise run nothing and pass. */
  private async checkSelection(selection: TestSelection): Promise<void> {
    const paths = await this.workspacePaths();
    const files = [...(selection.files ?? []), ...(selection.testIds ?? []).map((id) => this.fileOfId(id))];
    for (const file of new Set(files)) {
      if (paths.relative(paths.resolve(file)) === undefined) throw new TestRunnerError('bad-selection', `The test file ${file} is outside the workspace ${this.root}.`);
      const stats = await stat(paths.resolve(file)).catch(() => undefined);
      if (!stats?.isFile()) throw new TestRunnerError('bad-selection', `The test file ${file} does not exist in ${this.root}.`);
    }
  }

  private fileOfId(id: string): string {
    try {
      return parseTestId(id).file;
    } catch (error) {
      throw new TestRunnerError('bad-selection', (error as Error).message);
    }
  }
}

function isNode(command: string): boolean {
  return /^node(?:\.exe)?$/i.test(basename(command)) || command === process.execPath;
}

/**
 * While the tests run, what reading a run's results needs is loaded (the secret scanner, the report
 * schemas, pytest's XML parser), rather than after it; only runs have their output scanned. A failure
 * to load shows where it is used.
 */
function prepareForResults(framework: TestFramework): void {
  prepareRedaction();
  (framework === 'pytest' ? import('fast-xml-parser') : import('./reportSchemas')).catch(() => undefined);
}
