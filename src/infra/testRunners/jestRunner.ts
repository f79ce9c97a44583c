// jest: the workspace's own jest with its own configuration, reported through Imperium's reporter
// (jestReporterSource.ts) alongside jest's default reporter for people reading the output. A run
// includes the must-fail canary (testCanary.ts) in every test file, as one more setupFilesAfterEnv
// file after the project's own, which jest reports back through --showConfig.
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import { invokes } from './frameworkDetection';
import { TestRunnerError, testEnvironment, type FrameworkRun, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { readJestRecords } from './jestReport';
import { jestReporterSource } from './jestReporterSource';
import { recordedRun } from './recordedRun';
import { discoveredTests } from './runResult';
import { findTestInvocation, optionWords, splitArgs } from './scriptInvocation';
import { newTestCanary, type TestCanary } from './testCanary';
import { writeTestCanary } from './testCanarySources';
import { MATCH_NOTHING, exactNamesPattern, filesToRun, parseTestId } from './testIds';
import { runProcess } from './testProcess';
import { findPackageBin } from './toolResolution';

const VALUE_OPTIONS = new Set([
  '--config', '-c', '--testNamePattern', '-t', '--outputFile', '--reporters', '--testPathPattern', '--testPathPatterns',
  '--testPathIgnorePatterns', '--maxWorkers', '-w', '--rootDir', '--roots', '--selectProjects', '--shard', '--testTimeout',
  '--testMatch', '--testRegex', '--env', '--testEnvironment', '--coverageDirectory', '--coverageReporters', '--seed',
  '--setupFilesAfterEnv',
]);
/** Options Imperium sets itself for each run. */
const CONTROLLED_OPTIONS = new Set([
  '--json', '--outputFile', '--testLocationInResults', '--testNamePattern', '-t', '--watch', '--watchAll', '--reporters',
  '--listTests', '--runTestsByPath', '--colors', '--passWithNoTests', '--showConfig', '--bail', '-b',
]);
/** How long jest may take to report its resolved configuration. */
const SHOW_CONFIG_TIMEOUT_MS = 30_000;

export class JestRunner implements FrameworkRunner {
  readonly framework = 'jest';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    // `jest --listTests` lists files only; a run whose name filter matches nothing lists every test as skipped.
    return discoveredTests(await this.execute({}, MATCH_NOTHING, run));
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    const canary = newTestCanary();
    const fullNames = (selection.testIds ?? []).map((id) => parseTestId(id).titles.join(' '));
    return this.execute(selection, fullNames.length > 0 ? exactNamesPattern([...fullNames, canary.mustFail, canary.mustPass]) : undefined, run, canary);
  }

  private async execute(selection: TestSelection, namePattern: string | undefined, run: FrameworkRun, canary?: TestCanary): Promise<TestRunResult> {
    const bin = await findPackageBin(this.context.paths.root, 'jest');
    if (!bin) throw new TestRunnerError('framework-not-installed', `jest is not installed in ${this.context.paths.root} or a parent folder's node_modules: install it (npm install --save-dev jest).`);
    const { options, positionals } = splitArgs(findTestInvocation(this.context.manifest, (invocation) => invokes('jest', invocation))?.args ?? [], VALUE_OPTIONS);
    const scriptOptions = optionWords(options, CONTROLLED_OPTIONS);
    const files = filesToRun(selection);
    return recordedRun(
      this.context,
      {
        framework: this.framework,
        reporterName: 'imperium-jest-reporter.cjs',
        reporterSource: jestReporterSource,
        readRecords: readJestRecords,
        ...(canary && { canary: { canary, scope: 'every-file' } }),
        command: async (reporterPath, scratchDir) => {
          const setupArgs = canary
            ? [...(await this.setupFilesAfterEnv(bin, scriptOptions, run)), await writeTestCanary('jest', canary, scratchDir, this.context.paths.root)].map((file) => `--setupFilesAfterEnv=${file}`)
            : [];
          const args = [
            bin,
            ...scriptOptions,
            ...(files.length > 0 ? ['--runTestsByPath', ...files] : positionals),
            ...setupArgs,
            // The canary fails in every file, which jest's bail would count; a run includes all its files.
            ...(canary ? ['--no-bail'] : []),
            `--reporters=${reporterPath}`,
            '--reporters=default',
            '--testLocationInResults',
            '--passWithNoTests',
            ...(namePattern !== undefined ? [`--testNamePattern=${namePattern}`] : []),
          ];
          return { args };
        },
      },
      selection,
      run,
    );
  }

  /**
   * The project's own setupFilesAfterEnv, which `--setupFilesAfterEnv` on the command line replaces.
   * Projects (jest's `projects`) that set different ones cannot all keep theirs that way.
   */
  private async setupFilesAfterEnv(bin: string, scriptOptions: readonly string[], run: FrameworkRun): Promise<string[]> {
    const end = await runProcess({
      command: this.context.nodePath,
      args: [bin, ...scriptOptions, '--showConfig'],
      cwd: this.context.paths.root,
      env: testEnvironment(),
      timeoutMs: Math.min(run.timeoutMs, SHOW_CONFIG_TIMEOUT_MS),
      signal: run.signal,
      outputLimit: 4_000_000,
    });
    const configs = end.ending === 'exited' && end.exitCode === 0 ? projectConfigs(end.output) : undefined;
    if (!configs) throw new TestRunnerError('bad-configuration', `jest could not report its configuration in ${this.context.paths.root} (jest --showConfig): ${(end.startError ?? end.output).trim().slice(-2000)}`);
    const lists = [...new Set(configs.map((config) => JSON.stringify(config.setupFilesAfterEnv ?? [])))];
    if (lists.length > 1) {
      throw new TestRunnerError('bad-configuration', `The jest projects in ${this.context.paths.root} set different setupFilesAfterEnv; Imperium adds its canary test to every test file through that option, which would replace theirs. Give the projects one list.`);
    }
    return configs[0] ? (configs[0].setupFilesAfterEnv ?? []) : [];
  }
}

/** The `configs` of `jest --showConfig`'s output (stdout and stderr interleaved: the JSON is the lines from the first `{` to the last `}`). */
function projectConfigs(output: string): { readonly setupFilesAfterEnv?: string[] }[] | undefined {
  const lines = output.split('\n');
  const first = lines.findIndex((line) => line.startsWith('{'));
  const last = lines.findLastIndex((line) => line.startsWith('}'));
  if (first < 0 || last < first) return undefined;
  try {
    const parsed = JSON.parse(lines.slice(first, last + 1).join('\n')) as { configs?: unknown };
    if (!Array.isArray(parsed.configs)) return undefined;
    return parsed.configs.map((config: { setupFilesAfterEnv?: unknown }) => ({
      setupFilesAfterEnv: Array.isArray(config.setupFilesAfterEnv) ? config.setupFilesAfterEnv.filter((file): file is string => typeof file === 'string') : [],
    }));
  } catch {
    return undefined;
  }
}
