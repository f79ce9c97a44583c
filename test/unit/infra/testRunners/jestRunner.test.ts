import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { counts, fixture, repoBin, runCommand, testById, type CommandOutput } from './fixtureSupport';

describe('jest runner (test/fixtures/jest-project)', function () {
  this.timeout(60_000);
  const root = fixture('jest-project');
  const runner = new WorkspaceTestRunner(root);
  let all: TestRunResult;
  let own: CommandOutput;
  let discovered: DiscoveredTest[];
  let oneTest: TestRunResult;
  let broken: TestRunResult;

  before(async () => {
    [all, own, discovered, oneTest, broken] = await Promise.all([
      runner.run({}),
      runCommand(process.execPath, [repoBin('jest/bin/jest.js'), '--json'], root),
      runner.discover(),
      runner.run({ testIds: ['test/cart.test.js::cart > applies a discount'] }),
      // The broken file sits in a project of its own, outside the fixture's test roots.
      new WorkspaceTestRunner(`${root}/edge-cases`).run({ files: ['broken.test.js'] }),
    ]);
  });

  it('detects jest from the test script and package.json', async () => {
    assert.deepEqual(await runner.detect(), ['jest']);
  });

  it('runs the whole suite with exact counts', () => {
    assert.equal(all.outcome, 'completed');
    assert.deepEqual(all.errors, []);
    assert.deepEqual(counts(all), { passed: 3, failed: 2, skipped: 1 });
  });

  it("reports the same counts as jest's own --json summary", () => {
    const report = JSON.parse(own.stdout);
    assert.deepEqual(counts(all), { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests });
  });

  it("gives a failed expect() its message, the values it compared and locations", () => {
    const test = testById(all, 'test/cart.test.js::cart > applies a discount');
    assert.equal(test.status, 'failed');
    assert.deepEqual(test.suite, ['cart']);
    assert.equal(test.file, 'test/cart.test.js');
    assert.equal(test.line, 20);
    assert.match(test.message ?? '', /^expect\(received\)\.toBe\(expected\)/);
    assert.equal(test.expected, '15');
    assert.equal(test.actual, '14');
    assert.deepEqual(test.failureLocation, { file: 'test/cart.test.js', line: 22, column: 45 });
    assert.equal(testById(all, 'test/cart.test.js::cart > lists item names').expected, "[ 'book', 'pen' ]");
  });

  it('discovers every test under the ids a run reports', () => {
    assert.deepEqual(discovered.map((test) => test.id).sort(), all.tests.map((test) => test.id).sort());
    assert.equal(discovered.find((test) => test.name === 'sums price times quantity')?.line, 11);
  });

  it('runs one test alone', () => {
    assert.deepEqual(oneTest.tests.map((test) => test.id), ['test/cart.test.js::cart > applies a discount']);
    assert.deepEqual(counts(oneTest), { passed: 0, failed: 1, skipped: 0 });
  });

  it('reports a test file that does not load as a file error, not as a failed test', () => {
    assert.equal(broken.outcome, 'completed');
    assert.deepEqual(broken.tests, []);
    assert.equal(broken.errors.length, 1);
    assert.equal(broken.errors[0].file, 'broken.test.js');
    assert.match(broken.errors[0].message, /SyntaxError: .*broken\.test\.js: Unexpected token \(5:18\)/);
    assert.doesNotMatch(broken.errors[0].message, /@babel\/parser/, 'the stack of jest\'s own internals is left out');
  });
});
