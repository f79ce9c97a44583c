import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { counts, fixture, runCommand, testById, type CommandOutput } from './fixtureSupport';

describe('pytest runner (test/fixtures/pytest-project)', function () {
  this.timeout(60_000);
  const root = fixture('pytest-project');
  const runner = new WorkspaceTestRunner(root);
  let all: TestRunResult;
  let own: CommandOutput;
  let discovered: DiscoveredTest[];
  let oneTest: TestRunResult;
  let broken: TestRunResult;
  let hanging: TestRunResult;

  before(async () => {
    [all, own, discovered, oneTest, broken, hanging] = await Promise.all([
      runner.run({}),
      runCommand('python3', ['-m', 'pytest', '-p', 'no:cacheprovider'], root, { PYTHONDONTWRITEBYTECODE: '1' }),
      runner.discover(),
      runner.run({ testIds: ['tests/test_inventory.py::TestAdding > test_accepts_positive_counts[5]'] }),
      runner.run({ files: ['edge-cases/test_broken.py'] }),
      // Long enough for pytest to start and pass the first test even on a busy machine.
      runner.run({ files: ['edge-cases/test_hanging.py'] }, { timeoutMs: 8000 }),
    ]);
  });

  it('detects pytest from pytest.ini', async () => {
    assert.deepEqual(await runner.detect(), ['pytest']);
  });

  it('runs the whole suite with exact counts', () => {
    assert.equal(all.outcome, 'completed');
    assert.deepEqual(all.errors, []);
    assert.deepEqual(counts(all), { passed: 4, failed: 2, skipped: 1 });
  });

  it("reports the same counts as pytest's own summary line", () => {
    const summary = own.stdout.trimEnd().split('\n').pop() ?? '';
    const reported = (word: string): number => Number(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? 0);
    assert.deepEqual(counts(all), { passed: reported('passed'), failed: reported('failed'), skipped: reported('skipped') }, summary);
  });

  it('gives a failed assert its message, the compared values and locations', () => {
    const test = testById(all, 'tests/test_inventory.py::TestAdding > test_lists_items');
    assert.equal(test.status, 'failed');
    assert.deepEqual(test.suite, ['TestAdding']);
    assert.equal(test.file, 'tests/test_inventory.py');
    assert.equal(test.line, 21);
    assert.match(test.message ?? '', /^AssertionError: assert \['apple', 'pear'\] == \['pear', 'apple'\]/);
    assert.equal(test.actual, "['apple', 'pear']");
    assert.equal(test.expected, "['pear', 'apple']");
    assert.deepEqual(test.failureLocation, { file: 'tests/test_inventory.py', line: 26 });
  });

  it('discovers every test, parametrized ones included, under the ids a run reports', () => {
    assert.deepEqual(discovered.map((test) => test.id).sort(), all.tests.map((test) => test.id).sort());
    assert.ok(discovered.some((test) => test.id === 'tests/test_inventory.py::TestAdding > test_accepts_positive_counts[1]'));
  });

  it('runs one parametrized case alone', () => {
    assert.deepEqual(oneTest.tests.map((test) => [test.id, test.status]), [['tests/test_inventory.py::TestAdding > test_accepts_positive_counts[5]', 'passed']]);
  });

  it('runs one file alone, outside the configured test paths, and reports a module that does not load as a file error', () => {
    assert.equal(broken.outcome, 'completed');
    assert.deepEqual(broken.tests, []);
    assert.equal(broken.errors.length, 1);
    assert.equal(broken.errors[0].file, 'edge-cases/test_broken.py');
    assert.match(broken.errors[0].message, /SyntaxError: invalid syntax/);
  });

  it('stops a hanging run at its timeout and keeps the results pytest wrote on the way out', () => {
    assert.equal(hanging.outcome, 'timed-out');
    assert.deepEqual(
      hanging.tests.map((test) => [test.name, test.status]),
      [['test_finishes_quickly', 'passed']],
    );
    // SIGINT at the deadline, SIGKILL at most 3 s later.
    assert.ok(hanging.durationMs >= 8000 && hanging.durationMs < 8000 + 4000, `took ${hanging.durationMs} ms`);
  });
});
