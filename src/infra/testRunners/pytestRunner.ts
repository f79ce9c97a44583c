// pytest: `python -m pytest` with the workspace's own configuration (pytest.ini, pyproject.toml...),
// read back from its JUnit XML report. Python comes from the workspace's virtual environment when
// it has one. A run loads Imperium's plugin (pytestPluginSource.ts): the must-fail canary in every
// module, and a sealed record of the report's hash, so a report rewritten after pytest wrote it is
// caught.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import { TestRunnerError, testEnvironment, type FrameworkRun, type FrameworkRunner, type RunnerContext } from './frameworkRunner';
import { pytestPluginSource } from './pytestPluginSource';
import { parseCollectedIds, readPytestReport } from './pytestReport';
import { recordDestination, type RecordDestination } from './reporterRecords';
import { assembleRunResult, withExitCodeCheck } from './runResult';
import { withScratchDir } from './scratchDir';
import { readSealedLines, unsealedReason } from './sealedLines';
import { checkedCanary, newTestCanary } from './testCanary';
import { filesToRun, parseTestId } from './testIds';
import { runProcess, type ProcessEnd } from './testProcess';
import { findPython } from './toolResolution';

/** pytest's exit code when it collected nothing. */
const NO_TESTS_COLLECTED = 5;

export class PytestRunner implements FrameworkRunner {
  readonly framework = 'pytest';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    const end = await this.pytest(['--collect-only', '-q'], run);
    if (end.ending === 'timed-out' || end.ending === 'canceled') {
      throw new TestRunnerError(end.ending, `Listing the pytest tests was ${end.ending === 'timed-out' ? 'stopped at its time limit' : 'canceled'}.`);
    }
    const tests = parseCollectedIds(end.output);
    if (tests.length === 0 && end.exitCode !== 0 && end.exitCode !== NO_TESTS_COLLECTED) {
      throw new TestRunnerError('discovery-failed', `Could not list the pytest tests: ${end.startError ?? end.output.trim()}`);
    }
    return tests;
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    // Node ids name tests exactly; files alone when only files are chosen.
    const ids = selection.testIds ?? [];
    const targets = ids.length > 0 ? ids.map(nodeId) : filesToRun(selection);
    return withScratchDir(async (dir) => {
      const reportPath = join(dir, 'pytest-report.xml');
      const canary = newTestCanary();
      const destination = recordDestination(join(dir, 'pytest-records.jsonl'));
      const plugin = `imperium_pytest_${canary.id}`;
      await writeFile(join(dir, `${plugin}.py`), pytestPluginSource(destination, reportPath, canary));
      const end = await this.pytest(['-p', plugin, `--junitxml=${reportPath}`, '-o', 'junit_family=xunit1', ...targets], run, [dir], { PYTHONPATH: dir });
      const report = await readPytestReport(reportPath, this.context.paths);
      const sealed = report.finished ? await sealFindings(destination, reportPath) : [];
      // The plugin keeps the canary's failure out of pytest's count, so the exit code is compared without it.
      const checked = checkedCanary(sealed.length > 0 ? { ...report, untrusted: [...(report.untrusted ?? []), ...sealed] } : report, canary, 'every-file');
      return assembleRunResult(this.framework, end, withExitCodeCheck(this.framework, end, checked), selection);
    });
  }

  private async pytest(args: readonly string[], run: FrameworkRun, privateDirs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ProcessEnd> {
    const root = this.context.paths.root;
    return (run.launch ?? runProcess)({
      command: await findPython(root),
      args: [
        '-m',
        'pytest',
        // Ids and report paths relative to the workspace, whatever folder holds the configuration.
        `--rootdir=${root}`,
        // Neither a .pytest_cache folder nor __pycache__ folders (below) are left in the workspace.
        '-p',
        'no:cacheprovider',
        // One broken test module must not hide the results of all the others.
        '--continue-on-collection-errors',
        ...args,
      ],
      cwd: root,
      env: testEnvironment({ ...env, PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: run.timeoutMs,
      signal: run.signal,
      outputLimit: this.context.outputLimit,
      privateDirs,
    });
  }
}

/** pytest's node id of a test id: `tests/t.py::TestGroup > test_x` is `tests/t.py::TestGroup::test_x`. */
function nodeId(id: string): string {
  const { file, titles } = parseTestId(id);
  return [file, ...titles].join('::');
}

/** Why the JUnit report cannot be trusted, by the plugin's sealed records. */
async function sealFindings(destination: RecordDestination, reportPath: string): Promise<string[]> {
  const lines = await readSealedLines(destination.file, destination.seal);
  const findings = lines.unsealed > 0 ? [unsealedReason(lines.unsealed, "the pytest plugin's records", "Imperium's pytest plugin")] : [];
  const end = lines.values.find((value) => value.type === 'end');
  if (!end) {
    findings.push("Imperium's pytest plugin never recorded the end of the session (pytest stopped before it, or its plugins were changed), so pytest's report cannot be checked");
    return findings;
  }
  const digest = await readFile(reportPath).then((bytes) => createHash('sha256').update(bytes).digest('hex'), () => undefined);
  if (digest !== end.report) findings.push("pytest's JUnit report was changed after pytest wrote it (it is not the report Imperium's pytest plugin sealed)");
  return findings;
}
