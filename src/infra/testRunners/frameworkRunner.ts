// What each framework's runner implements, and what the workspace runner hands it.
import { tmpdir } from 'node:os';
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestFramework, TestRunResult } from '../../shared/testResults';
import { scrubbedEnvironment } from '../sandbox/scrubbedEnvironment';
import type { PackageManifest } from './packageManifest';
import type { ProcessLauncher } from './testProcess';
import type { WorkspacePaths } from './workspacePaths';

export interface RunnerContext {
  readonly paths: WorkspacePaths;
  readonly manifest: PackageManifest | undefined;
  /** The Node binary that runs JavaScript frameworks. */
  readonly nodePath: string;
  /** Characters of a run's output kept. */
  readonly outputLimit: number;
}

export interface FrameworkRun {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  /** Starts the run's test process; runProcess when absent. */
  readonly launch?: ProcessLauncher;
}

export interface FrameworkRunner {
  readonly framework: TestFramework;
  discover(run: FrameworkRun): Promise<DiscoveredTest[]>;
  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult>;
}

/** A failure to set up or list tests, with a message a person can act on. */
export class TestRunnerError extends Error {
  override readonly name = 'TestRunnerError';
  constructor(
    readonly code: 'no-framework' | 'framework-not-installed' | 'bad-configuration' | 'bad-selection' | 'discovery-failed' | 'timed-out' | 'canceled',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The environment of a test process: the allowlist of scrubbedEnvironment (never a key or token of
 * the caller's), the runner's own variables and plain output. HOME and the temporary folder are the
 * system's temporary folder here; runProcess gives each run private ones. FORCE_COLOR (Node warns
 * beside NO_COLOR) and NODE_TEST_CONTEXT (set when this process runs under node:test) are not on the
 * allowlist, so they no longer need removing.
 */
export function testEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return scrubbedEnvironment({ extra: { ...extra, NO_COLOR: '1' }, home: tmpdir(), temp: tmpdir() });
}
