import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { counts, fixture, runCommand, testById, type CommandOutput } from './fixtureSupport';

// The node:test fixture runs its JavaScript tests and, through tsx, its TypeScript tests.
describe('node:test runner (test/fixtures/node-test-project)', function () {
  this.timeout(60_000);
  const root = fixture('node-test-project');
  const runner = new WorkspaceTestRunner(root);
  let all: TestRunResult;
  let own: CommandOutput;
  let discovered: DiscoveredTest[];
  let oneFile: TestRunResult;
  let oneTest: TestRunResult;
  let broken: TestRunResult;
  let hanging: TestRunResult;
  let canceled: TestRunResult;

  before(async () => {
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 3000);
    [all, own, discovered, oneFile, oneTest, broken, hanging, canceled] = await Promise.all([
      runner.run({}),
      runCommand('npm', ['test', '--silent'], root),
      runner.discover(),
      runner.run({ files: ['test/text.test.ts'] }),
      runner.run({ testIds: ['test/calc.test.js::calc > subtracts'] }),
      runner.run({ files: ['edge-cases/broken.test.js'] }),
      // Long enough for the first test to pass even on a busy machine.
      runner.run({ files: ['edge-cases/hanging.test.js'] }, { timeoutMs: 8000 }),
      runner.run({ files: ['edge-cases/hanging.test.js'] }, { signal: cancel.signal }),
    ]);
  });

  it('detects node:test from the test script', async () => {
    assert.deepEqual(await runner.detect(), ['node-test']);
  });

  it('runs the whole suite, TypeScript included, with exact counts', () => {
    assert.equal(all.framework, 'node-test');
    assert.equal(all.outcome, 'completed');
    assert.deepEqual(all.errors, []);
    assert.deepEqual(counts(all), { passed: 4, failed: 2, skipped: 1 });
    assert.equal(all.summary.total, 7);
  });

  it("reports the same counts as the project's own `npm test`", () => {
    // Node's closing lines: `# pass 4` (TAP, Node 20 when piped) or `ℹ pass 4` (spec).
    const reported = Object.fromEntries([...own.stdout.matchAll(/^(?:#|ℹ) (pass|fail|skipped|todo) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
    assert.deepEqual(counts(all), { passed: reported.pass, failed: reported.fail, skipped: reported.skipped + reported.todo }, own.stdout);
  });

  it('gives a failed assertion its message, expected and actual values and locations', () => {
    const test = testById(all, 'test/calc.test.js::calc > subtracts');
    assert.equal(test.status, 'failed');
    assert.deepEqual(test.suite, ['calc']);
    assert.equal(test.file, 'test/calc.test.js');
    assert.equal(test.line, 17);
    assert.match(test.message ?? '', /^Expected values to be strictly equal:/);
    assert.equal(test.expected, '5');
    assert.equal(test.actual, '6');
    assert.deepEqual(test.failureLocation, { file: 'test/calc.test.js', line: 19, column: 12 });
  });

  it('maps TypeScript tests back to their source lines', () => {
    const test = testById(all, 'test/text.test.ts::takes initials');
    assert.equal(test.line, 9);
    assert.equal(test.expected, "'A.L.'");
    assert.equal(test.actual, "'AL'");
    assert.deepEqual(test.failureLocation, { file: 'test/text.test.ts', line: 11, column: 10 });
  });

  it('discovers every test under the ids a run reports', () => {
    assert.deepEqual(discovered.map((test) => test.id).sort(), all.tests.map((test) => test.id).sort());
    assert.deepEqual(discovered.find((test) => test.name === 'adds two numbers'), {
      id: 'test/calc.test.js::calc > add > adds two numbers',
      name: 'adds two numbers',
      suite: ['calc', 'add'],
      file: 'test/calc.test.js',
      line: 8,
    });
  });

  it('runs one file alone', () => {
    assert.deepEqual(new Set(oneFile.tests.map((test) => test.file)), new Set(['test/text.test.ts']));
    assert.deepEqual(counts(oneFile), { passed: 1, failed: 1, skipped: 0 });
  });

  it('runs one test alone', () => {
    assert.deepEqual(oneTest.tests.map((test) => test.id), ['test/calc.test.js::calc > subtracts']);
    assert.deepEqual(counts(oneTest), { passed: 0, failed: 1, skipped: 0 });
  });

  it('reports a test file that does not load as a file error, not as a failed test', () => {
    assert.equal(broken.outcome, 'completed');
    assert.deepEqual(broken.tests, []);
    assert.equal(broken.errors.length, 1);
    assert.equal(broken.errors[0].file, 'edge-cases/broken.test.js');
    assert.match(broken.errors[0].message, /SyntaxError: Unexpected token/);
  });

  it('kills a hanging run at its timeout and keeps what it reported', () => {
    assert.equal(hanging.outcome, 'timed-out');
    assert.deepEqual(
      hanging.tests.map((test) => [test.name, test.status]),
      [['finishes quickly', 'passed']],
    );
    // Node stops at SIGINT at once; the SIGKILL 3 s later is only for processes that ignore it.
    assert.ok(hanging.durationMs >= 8000 && hanging.durationMs < 8000 + 2500, `took ${hanging.durationMs} ms`);
  });

  it('stops a run when its signal aborts and reports it canceled', () => {
    assert.equal(canceled.outcome, 'canceled');
    assert.ok(canceled.durationMs < 3000 + 3500, `took ${canceled.durationMs} ms`);
  });
});
