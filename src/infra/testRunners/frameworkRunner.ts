// What each framework's runner implements, and what the workspace runner hands it.
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestFramework, TestRunResult } from '../../shared/testResults';
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

/** What model-written tests must never see: the model's key and the gateway's bearer token. */
const SECRET_VARIABLES = ['IMPERIUM_API_KEY', 'OPENAI_API_KEY', 'IMPERIUM_API_TOKEN'] as const;

/** The environment of a test process: the caller's, less what would change how frameworks report, and less the secrets. */
export function testEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, NO_COLOR: '1' };
  // Node warns when both are set, and a forced colour would colour the messages the reports carry.
  delete env.FORCE_COLOR;
  // Set when this process itself runs under node:test; a child seeing it reports to a parent that is not listening.
  delete env.NODE_TEST_CONTEXT;
  for (const name of SECRET_VARIABLES) delete env[name];
  return env;
}
