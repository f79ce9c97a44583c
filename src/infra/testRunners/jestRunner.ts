// jest: the workspace's own jest with its own configuration, read back from its JSON report.
import { join } from 'node:path';
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import { invokes } from './frameworkDetection';
import { TestRunnerError, testEnvironment, type FrameworkRun, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { readJestReport } from './jestReport';
import { assembleRunResult, discoveredTests, withExitCodeCheck } from './runResult';
import { withScratchDir } from './scratchDir';
import { findTestInvocation, optionWords, splitArgs } from './scriptInvocation';
import { MATCH_NOTHING, exactNamesPattern, filesToRun, parseTestId } from './testIds';
import { runProcess } from './testProcess';
import { findPackageBin } from './toolResolution';

const VALUE_OPTIONS = new Set([
  '--config', '-c', '--testNamePattern', '-t', '--outputFile', '--reporters', '--testPathPattern', '--testPathPatterns',
  '--testPathIgnorePatterns', '--maxWorkers', '-w', '--rootDir', '--roots', '--selectProjects', '--shard', '--testTimeout',
  '--testMatch', '--testRegex', '--env', '--testEnvironment', '--coverageDirectory', '--coverageReporters', '--seed',
]);
/** Options Imperium sets itself for each run. */
const CONTROLLED_OPTIONS = new Set([
  '--json', '--outputFile', '--testLocationInResults', '--testNamePattern', '-t', '--watch', '--watchAll', '--reporters',
  '--listTests', '--runTestsByPath', '--colors', '--passWithNoTests',
]);

export class JestRunner implements FrameworkRunner {
  readonly framework = 'jest';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    // `jest --listTests` lists files only; a run whose name filter matches nothing lists every test as skipped.
    return discoveredTests(await this.execute({}, MATCH_NOTHING, run));
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    const fullNames = (selection.testIds ?? []).map((id) => parseTestId(id).titles.join(' '));
    return this.execute(selection, fullNames.length > 0 ? exactNamesPattern(fullNames) : undefined, run);
  }

  private async execute(selection: TestSelection, namePattern: string | undefined, run: FrameworkRun): Promise<TestRunResult> {
    const bin = await findPackageBin(this.context.paths.root, 'jest');
    if (!bin) throw new TestRunnerError('framework-not-installed', `jest is not installed in ${this.context.paths.root} or a parent folder's node_modules: install it (npm install --save-dev jest).`);
    const { options, positionals } = splitArgs(findTestInvocation(this.context.manifest, (invocation) => invokes('jest', invocation))?.args ?? [], VALUE_OPTIONS);
    const files = filesToRun(selection);
    return withScratchDir(async (dir) => {
      const reportPath = join(dir, 'jest-report.json');
      const end = await (run.launch ?? runProcess)({
        command: this.context.nodePath,
        args: [
          bin,
          ...optionWords(options, CONTROLLED_OPTIONS),
          ...(files.length > 0 ? ['--runTestsByPath', ...files] : positionals),
          '--json',
          `--outputFile=${reportPath}`,
          '--testLocationInResults',
          '--passWithNoTests',
          ...(namePattern !== undefined ? [`--testNamePattern=${namePattern}`] : []),
        ],
        cwd: this.context.paths.root,
        env: testEnvironment(),
        timeoutMs: run.timeoutMs,
        signal: run.signal,
        outputLimit: this.context.outputLimit,
        privateDirs: [dir],
      });
      return assembleRunResult(this.framework, end, withExitCodeCheck(this.framework, end, await readJestReport(reportPath, this.context.paths)), selection);
    });
  }
}
