// mocha: the workspace's own mocha with its own configuration (.mocharc.*, package.json "mocha",
// the test script's options), reported through Imperium's reporter (mochaReporterSource.ts). A run
// includes the must-fail canary (testCanary.ts): in serial mode the reporter appends it to the root
// suite once every spec file is loaded; where the run may be in parallel mode (mochaParallelMode.ts)
// it is the last spec file of a configuration written from mocha's resolved options (one more
// process, to read them), loaded into a worker of its own.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestCaseResult, TestFileError, TestRunResult } from '../../shared/testResults';
import { invokes } from './frameworkDetection';
import { TestRunnerError, testEnvironment, type FrameworkRun, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { mayRunInParallel } from './mochaParallelMode';
import { mochaReporterSource } from './mochaReporterSource';
import { recordedRun } from './recordedRun';
import { clean, withoutStack } from './messageText';
import { discoveredTests, type ParsedReport } from './runResult';
import { findTestInvocation, optionWords, splitArgs } from './scriptInvocation';
import { workspaceLocation } from './stackLocation';
import { newTestCanary, type TestCanary } from './testCanary';
import { testCanaryPath, writeTestCanary } from './testCanarySources';
import { declarationLine } from './testDeclarations';
import { exactNamesPattern, filesToRun, parseTestId } from './testIds';
import { runProcess, type ProcessEnd } from './testProcess';
import { exists, findInstalledPackage, type InstalledPackage } from './toolResolution';

const VALUE_OPTIONS = new Set([
  '--require', '-r', '--reporter', '-R', '--reporter-option', '--reporter-options', '-O', '--ui', '-u', '--timeout', '-t',
  '--slow', '-s', '--grep', '-g', '--fgrep', '-f', '--extension', '--ignore', '--exclude', '--file', '--config', '--package',
  '--spec', '--jobs', '-j', '--retries', '--node-option', '-n', '--watch-files', '--watch-ignore', '--import', '--loader',
]);
/** Options Imperium sets itself for each run. */
const CONTROLLED_OPTIONS = new Set([
  '--reporter', '-R', '--reporter-option', '--reporter-options', '-O', '--grep', '-g', '--fgrep', '-f', '--invert', '-i',
  '--watch', '-w', '--watch-files', '--watch-ignore', '--dry-run', '--color', '--colors', '-c', '--no-color', '--no-colors',
]);
/** Keys of mocha's resolved options that a run of chosen files must not inherit. */
const REPLACED_KEYS = ['_', 'spec', 'config', 'package', '$0', 'reporter', 'R', 'reporter-option', 'reporter-options', 'O', 'grep', 'g', 'fgrep', 'f', 'invert', 'i', 'watch', 'w', 'dry-run'];
/** How long mocha may take to report its resolved options. */
const OPTIONS_TIMEOUT_MS = 30_000;

export class MochaRunner implements FrameworkRunner {
  readonly framework = 'mocha';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    return discoveredTests(await this.execute({}, ['--dry-run'], run));
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    const canary = newTestCanary();
    const fullTitles = (selection.testIds ?? []).map((id) => parseTestId(id).titles.join(' '));
    const canaryTitles = [canary.mustFail, canary.mustPass].map((name) => `${canary.suite} ${name}`);
    return this.execute(selection, fullTitles.length > 0 ? [`--grep=${exactNamesPattern([...fullTitles, ...canaryTitles])}`] : [], run, canary);
  }

  private async execute(selection: TestSelection, extraArgs: readonly string[], run: FrameworkRun, canary?: TestCanary): Promise<TestRunResult> {
    const mocha = await findInstalledPackage(this.context.paths.root, 'mocha');
    const bin = mocha?.bins.mocha;
    if (!mocha || !bin) throw new TestRunnerError('framework-not-installed', `mocha is not installed in ${this.context.paths.root} or a parent folder's node_modules: install it (npm install --save-dev mocha).`);
    const { options, positionals } = splitArgs(findTestInvocation(this.context.manifest, (invocation) => invokes('mocha', invocation))?.args ?? [], VALUE_OPTIONS);
    const scriptOptions = optionWords(options, CONTROLLED_OPTIONS);
    const files = filesToRun(selection);
    const root = this.context.paths.root;
    const canaryInSpec = canary !== undefined && (await mayRunInParallel(root, scriptOptions));
    return recordedRun(
      this.context,
      {
        framework: this.framework,
        reporterName: 'imperium-mocha-reporter.cjs',
        reporterSource: (destination, scratchDir) =>
          mochaReporterSource(destination, canary && !canaryInSpec ? { canary, mochaDir: mocha.dir, root, file: testCanaryPath('mocha', canary, scratchDir) } : undefined),
        ...(canary && { canary: { canary, scope: 'own-file' } }),
        command: async (reporterPath, scratchDir) => {
          const canaryFile = canary && canaryInSpec ? await writeTestCanary('mocha', canary, scratchDir, root) : undefined;
          const { fileArgs, configured } = await this.fileArgs(mocha, { scriptOptions, positionals, files, canaryFile }, scratchDir, run);
          // --full-trace keeps stack paths absolute; mocha otherwise shortens them to its working folder.
          const args = [bin, ...fileArgs, '--reporter', reporterPath, '--no-color', '--full-trace', ...extraArgs];
          // A configuration written here already holds MOCHA_OPTIONS; read twice, its lists would double.
          return { args, env: configured ? { MOCHA_OPTIONS: '' } : {} };
        },
        complete: (report, end) => this.complete(report, end),
      },
      selection,
      run,
    );
  }

  /**
   * What mocha is told to run. mocha adds files named on the command line to the configuration's
   * spec rather than replacing it, so a run of chosen files gets a configuration whose spec is those
   * files. The canary is the last spec file, its tests in a suite of their own, so that they run after
   * every other suite: a bail at the canary's failure stops nothing (mocha's `sort` option, which
   * sorts it first, is the exception).
   */
  private async fileArgs(
    mocha: InstalledPackage,
    how: { readonly scriptOptions: readonly string[]; readonly positionals: readonly string[]; readonly files: readonly string[]; readonly canaryFile?: string },
    scratchDir: string,
    run: FrameworkRun,
  ): Promise<{ readonly fileArgs: string[]; readonly configured: boolean }> {
    const { scriptOptions, positionals, files, canaryFile } = how;
    if (files.length === 0 && canaryFile === undefined) return { fileArgs: [...scriptOptions, ...positionals], configured: false };
    const resolved = await this.resolvedOptions(mocha, files.length > 0 ? scriptOptions : [...scriptOptions, ...positionals], run);
    // Without chosen files, mocha runs its spec, or its `test` folder when none is set.
    const spec = files.length > 0 ? files : Array.isArray(resolved._) && resolved._.length > 0 ? (resolved._ as unknown[]).map(String) : ['test'];
    return { fileArgs: ['--config', await writeConfig(resolved, canaryFile === undefined ? spec : [...spec, canaryFile], scratchDir), '--no-package'], configured: true };
  }

  /** mocha's own resolved options (configuration files, package.json, the options given). */
  private async resolvedOptions(mocha: InstalledPackage, words: readonly string[], run: FrameworkRun): Promise<Record<string, unknown>> {
    const optionsModule = await firstExisting([join(mocha.dir, 'lib/cli/options.cjs'), join(mocha.dir, 'lib/cli/options.js')]);
    if (!optionsModule) throw new TestRunnerError('bad-configuration', `The mocha in ${mocha.dir} (${mocha.version}) has no lib/cli/options module to read its configuration with.`);
    const probe = `process.stdout.write(JSON.stringify(require(${JSON.stringify(optionsModule)}).loadOptions(${JSON.stringify(words)})))`;
    const end = await runProcess({
      command: this.context.nodePath,
      args: ['-e', probe],
      cwd: this.context.paths.root,
      env: testEnvironment(),
      timeoutMs: Math.min(run.timeoutMs, OPTIONS_TIMEOUT_MS),
      signal: run.signal,
      outputLimit: 1_000_000,
    });
    try {
      if (end.ending !== 'exited' || end.exitCode !== 0) throw new Error(end.startError ?? end.output);
      return JSON.parse(end.output) as Record<string, unknown>;
    } catch (error) {
      throw new TestRunnerError('bad-configuration', `mocha could not read its configuration in ${this.context.paths.root}: ${(error as Error).message.trim()}`);
    }
  }

  private async complete(report: ParsedReport, end: ProcessEnd): Promise<ParsedReport> {
    if (!report.finished && report.tests.length === 0 && end.ending === 'exited') {
      // mocha loads every file before it runs any; one that fails to load ends the run before the reporter starts.
      const loadError = this.loadError(end.output);
      if (loadError) return { tests: [], errors: [loadError], finished: true };
    }
    return { ...report, tests: await this.withDeclarationLines(report.tests) };
  }

  private loadError(output: string): TestFileError | undefined {
    const marker = output.indexOf('Exception during run:');
    if (marker < 0) return undefined;
    const text = clean(output.slice(marker + 'Exception during run:'.length));
    const message = withoutStack(text).trim();
    // The broken file is the first of the workspace's own files the error names (a syntax error's
    // code frame, or the require stack of a failed import).
    for (const match of text.matchAll(/(?:file:\/\/)?(\/[^\s:'"()]+|[A-Za-z]:\\[^\s:'"()]+)/g)) {
      const location = workspaceLocation(match[0], 1, undefined, this.context.paths);
      if (location) return { file: location.file, message };
    }
    return { message };
  }

  private async withDeclarationLines(tests: readonly TestCaseResult[]): Promise<TestCaseResult[]> {
    const sources = new Map<string, Promise<string>>();
    const source = (file: string): Promise<string> => {
      let text = sources.get(file);
      if (!text) sources.set(file, (text = readFile(this.context.paths.resolve(file), 'utf8').catch(() => '')));
      return text;
    };
    return Promise.all(
      tests.map(async (test) => {
        const line = declarationLine(await source(test.file), test.name);
        return line === undefined ? test : { ...test, line };
      }),
    );
  }
}

/** Writes resolved options, with `spec` set, as a configuration file. */
async function writeConfig(resolved: Record<string, unknown>, spec: readonly string[], scratchDir: string): Promise<string> {
  const options = { ...resolved };
  for (const key of REPLACED_KEYS) delete options[key];
  const path = join(scratchDir, 'mocharc.json');
  await writeFile(path, JSON.stringify({ ...options, spec }));
  return path;
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if (await exists(path)) return path;
  return undefined;
}
