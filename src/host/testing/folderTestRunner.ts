// A folder's test runner for the Test Explorer, created on first use from the engine bundle (the
// framework runners, report parsers and sandbox are not loaded at activation).
import type { WorkspaceTestRunner, WorkspaceTestRunnerOptions } from '../../infra/testRunners/workspaceTestRunner';
import { loadEngine } from '../lazyEngine';

export type FolderTestRunner = Pick<WorkspaceTestRunner, 'detect' | 'discover' | 'run'>;

export function folderTestRunner(root: string, options: WorkspaceTestRunnerOptions): FolderTestRunner {
  let runner: Promise<WorkspaceTestRunner> | undefined;
  const created = () => (runner ??= loadEngine().then((engine) => new engine.WorkspaceTestRunner(root, options)));
  return {
    detect: async () => (await created()).detect(),
    discover: async (signal) => (await created()).discover(signal),
    run: async (selection, runOptions) => (await created()).run(selection, runOptions),
  };
}

/** Whether `error` is the runners' own "no test framework in this folder". */
export async function isNoFrameworkError(error: unknown): Promise<boolean> {
  const { TestRunnerError } = await loadEngine();
  return error instanceof TestRunnerError && error.code === 'no-framework';
}
