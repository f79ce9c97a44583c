// vitest: the workspace's own vitest with its own configuration, reported through Imperium's
// reporter (vitestReporterSource.ts) alongside vitest's default reporter for people reading the output.
// A run includes the must-fail canary (testCanary.ts) in every test file, as a setup file.
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import { invokes } from './frameworkDetection';
import { TestRunnerError, type FrameworkRun, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { recordedRun } from './recordedRun';
import { discoveredTests } from './runResult';
import { findTestInvocation, optionWords, splitArgs } from './scriptInvocation';
import { newTestCanary, type TestCanary } from './testCanary';
import { testCanaryPath, writeTestCanary } from './testCanarySources';
import { MATCH_NOTHING, exactNamesPattern, filesToRun, parseTestId } from './testIds';
import { findInstalledPackage } from './toolResolution';
import { vitestReporterSource } from './vitestReporterSource';

const VALUE_OPTIONS = new Set([
  '--config', '-c', '--root', '-r', '--dir', '--project', '--reporter', '--outputFile', '--testNamePattern', '-t',
  '--environment', '--pool', '--maxWorkers', '--minWorkers', '--testTimeout', '--hookTimeout', '--shard', '--mode', '--exclude', '--bail',
]);
/** Options Imperium sets itself for each run. */
const CONTROLLED_OPTIONS = new Set([
  '--reporter', '--outputFile', '--testNamePattern', '-t', '--watch', '-w', '--run', '--includeTaskLocation', '--passWithNoTests',
  '--ui', '--open', '--silent', '--bail',
]);
const SUBCOMMANDS = new Set(['run', 'watch', 'dev', 'related']);
const FIRST_VERSION_WITH_REPORTER_API = 3;

export class VitestRunner implements FrameworkRunner {
  readonly framework = 'vitest';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    // `vitest list` leaves out skipped tests and joins suite names; a run whose name filter matches
    // nothing reports every test, as skipped, with the same ids as a real run.
    return discoveredTests(await this.execute({}, MATCH_NOTHING, run));
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    const canary = newTestCanary();
    const fullNames = (selection.testIds ?? []).map((id) => parseTestId(id).titles.join(' '));
    return this.execute(selection, fullNames.length > 0 ? exactNamesPattern([...fullNames, canary.mustFail, canary.mustPass]) : undefined, run, canary);
  }

  private async execute(selection: TestSelection, namePattern: string | undefined, run: FrameworkRun, canary?: TestCanary): Promise<TestRunResult> {
    const vitest = await findInstalledPackage(this.context.paths.root, 'vitest');
    const bin = vitest?.bins.vitest;
    if (!vitest || !bin) throw new TestRunnerError('framework-not-installed', `vitest is not installed in ${this.context.paths.root} or a parent folder's node_modules: install it (npm install --save-dev vitest).`);
    if (Number.parseInt(vitest.version, 10) < FIRST_VERSION_WITH_REPORTER_API) {
      throw new TestRunnerError('framework-not-installed', `vitest ${vitest.version} in ${vitest.dir} is too old: Imperium needs vitest ${FIRST_VERSION_WITH_REPORTER_API} or later.`);
    }
    const scriptArgs = findTestInvocation(this.context.manifest, (invocation) => invokes('vitest', invocation))?.args ?? [];
    const { options, positionals } = splitArgs(SUBCOMMANDS.has(scriptArgs[0]) ? scriptArgs.slice(1) : scriptArgs, VALUE_OPTIONS);
    const files = filesToRun(selection);
    return recordedRun(
      this.context,
      {
        framework: this.framework,
        reporterName: 'imperium-vitest-reporter.mjs',
        reporterSource: (destination, scratchDir) => vitestReporterSource(destination, canary && testCanaryPath('vitest', canary, scratchDir)),
        ...(canary && { canary: { canary, scope: 'every-file' } }),
        command: async (reporterPath, scratchDir) => {
          if (canary) await writeTestCanary('vitest', canary, scratchDir, this.context.paths.root);
          const args = [
            bin,
            'run',
            ...optionWords(options, CONTROLLED_OPTIONS),
            // vitest's file arguments are filters on paths; the result is narrowed to the exact files.
            ...(files.length > 0 ? files : positionals),
            // The canary fails in every file, which vitest's bail would count; a run includes all its files.
            ...(canary ? ['--bail=0'] : []),
            `--reporter=${reporterPath}`,
            '--reporter=default',
            '--includeTaskLocation',
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
}
