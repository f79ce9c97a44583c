// `imperium tests <folder>`: detects the folder's test framework, runs its tests (or lists them)
// and prints the structured results, for people or, with --json, for programs.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { TestRunnerError, WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
import { TEST_FRAMEWORKS, type TestFramework, type TestRunResult } from '../shared/testResults';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { formatDiscoveredTests, formatTestRun } from './testResultReport';

const USAGE = `Usage: imperium tests <folder> [options]

Detects the test framework of <folder> (node:test, mocha, jest, vitest or pytest, from its scripts
and configuration), runs its tests and prints the results.

Options:
  --json                 Print the full result as JSON (framework, outcome, tests, errors, summary).
  --timeout <ms>         Stop the run after this many milliseconds and report it as timed out.
  --file <path>          Run only this test file (relative to <folder>); repeat for more files.
  --test <id>            Run only this test, by its id (<file>::<suite > title>); repeat for more.
  --framework <name>     Use this framework instead of the detected one: ${TEST_FRAMEWORKS.join(', ')}.
  --list                 List the tests without running them.
  -h, --help             Show this help.

Exit codes: 0 all selected tests passed, 1 a test failed, a file did not load or the run timed out,
2 bad usage or configuration (missing folder, no test framework found).
`;

export const testsCommand: CliCommand = {
  name: 'tests',
  summary: 'Run a folder\'s tests (node:test, mocha, jest, vitest, pytest) and print the results',
  usage: USAGE,
  run: runTests,
};

interface TestsArguments {
  readonly folder: string;
  readonly json: boolean;
  readonly list: boolean;
  readonly timeoutMs?: number;
  readonly files: readonly string[];
  readonly testIds: readonly string[];
  readonly framework?: TestFramework;
}

async function runTests(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseTestsArguments(args, io.cwd);
  const stats = await stat(options.folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new ConfigurationError(`the folder ${options.folder} does not exist or is not a folder.`);
  const runner = new WorkspaceTestRunner(options.folder, { framework: options.framework, defaultTimeoutMs: options.timeoutMs });
  try {
    if (options.list) {
      const tests = await runner.discover(io.signal);
      io.stdout(options.json ? `${JSON.stringify(tests, null, 2)}\n` : formatDiscoveredTests(tests));
      return EXIT_OK;
    }
    const result = await runner.run(
      { files: options.files.map((file) => workspaceRelative(file, options.folder)), testIds: options.testIds },
      { signal: io.signal, label: 'imperium tests' },
    );
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatTestRun(result));
    return succeeded(result) ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof TestRunnerError)) throw error;
    if (error.code === 'discovery-failed' || error.code === 'timed-out' || error.code === 'canceled') {
      io.stderr(`imperium tests: ${error.message}\n`);
      return EXIT_FAILED;
    }
    throw new ConfigurationError(error.message);
  }
}

function succeeded(result: TestRunResult): boolean {
  return result.outcome === 'completed' && result.summary.failed === 0 && result.errors.length === 0;
}

function parseTestsArguments(args: readonly string[], cwd: string): TestsArguments {
  const { values, positionals } = parseCommandArguments(args, {
    json: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    file: { type: 'string', multiple: true, default: [] },
    test: { type: 'string', multiple: true, default: [] },
    framework: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('the folder to test is missing.');
  if (positionals.length > 1) throw new UsageError(`expected one folder, got ${positionals.length}: ${positionals.join(' ')}.`);
  if (values.list && (values.file.length > 0 || values.test.length > 0)) throw new UsageError('--list lists every test; it takes no --file or --test.');
  return {
    folder: resolve(cwd, positionals[0]),
    json: values.json,
    list: values.list,
    ...(values.timeout !== undefined ? { timeoutMs: parseTimeout(values.timeout) } : {}),
    files: values.file,
    testIds: values.test,
    ...(values.framework !== undefined ? { framework: parseFramework(values.framework) } : {}),
  };
}

function parseTimeout(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(ms) || ms <= 0) throw new UsageError(`--timeout takes a positive whole number of milliseconds, not "${text}".`);
  return ms;
}

function parseFramework(name: string): TestFramework {
  const framework = TEST_FRAMEWORKS.find((candidate) => candidate === name);
  if (!framework) throw new UsageError(`--framework takes one of ${TEST_FRAMEWORKS.join(', ')}, not "${name}".`);
  return framework;
}

/** An absolute --file becomes relative to the folder; a relative one already is. */
function workspaceRelative(file: string, folder: string): string {
  return (isAbsolute(file) ? relative(folder, file) : file).split(sep).join('/');
}
