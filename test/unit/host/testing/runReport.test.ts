import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import { reportEntries, timeoutMessage, type RunExpectations } from '../../../../src/host/testing/runReport';
import { summarize, type TestCaseResult, type TestRunResult } from '../../../../src/shared/testResults';

const FILE = 'test/calc.test.js';

function result(tests: TestCaseResult[], overrides: Partial<TestRunResult> = {}): TestRunResult {
  return { framework: 'node-test', outcome: 'completed', tests, errors: [], summary: summarize(tests), durationMs: 1200, output: '', ...overrides };
}

const discovered = (name: string, file = FILE): DiscoveredTest => ({ id: `${file}::calc > ${name}`, file, suite: ['calc'], name });
const testResult = (name: string, status: TestCaseResult['status'], extra: Partial<TestCaseResult> = {}): TestCaseResult => ({ ...discovered(name), status, ...extra });
const expecting = (tests: DiscoveredTest[], files: string[] = []): RunExpectations => ({ tests, files, timeout: { ms: 120_000, setting: 'imperium.tests.timeoutSeconds' } });

describe('run report', () => {
  it('gives each test its state, and a failure its message, expected/actual and where it failed', () => {
    const passed = testResult('adds', 'passed', { durationMs: 3, line: 8 });
    const skipped = testResult('rounds', 'skipped');
    const failed = testResult('subtracts', 'failed', {
      durationMs: 5,
      line: 17,
      message: 'Expected values to be strictly equal:\n\n6 !== 5',
      expected: '5',
      actual: '6',
      failureLocation: { file: FILE, line: 19, column: 12 },
    });
    assert.deepEqual(reportEntries(result([passed, skipped, failed]), expecting([])), [
      { state: 'passed', test: passed },
      { state: 'skipped', test: skipped },
      {
        state: 'failed',
        test: failed,
        message: { text: 'Expected values to be strictly equal:\n\n6 !== 5', expected: '5', actual: '6', location: { file: FILE, line: 19, column: 12 } },
      },
    ]);
  });

  it("places a failure at the test's line when the stack names no place, and shows no diff without both sides", () => {
    const failed = testResult('throws', 'failed', { line: 22, message: 'boom', actual: 'undefined' });
    assert.deepEqual(reportEntries(result([failed]), expecting([])), [{ state: 'failed', test: failed, message: { text: 'boom', location: { file: FILE, line: 22 } } }]);
    const bare = testResult('bare', 'failed');
    assert.deepEqual(reportEntries(result([bare]), expecting([])), [{ state: 'failed', test: bare, message: { text: 'The test failed without a message.' } }]);
  });

  it('marks the file of a test file that does not load as errored', () => {
    const entries = reportEntries(result([], { errors: [{ file: 'test/broken.test.js', message: 'SyntaxError: Unexpected token' }] }), expecting([]));
    assert.deepEqual(entries, [{ state: 'errored', target: { kind: 'file', file: 'test/broken.test.js' }, message: { text: 'SyntaxError: Unexpected token' } }]);
  });

  it('marks the queued tests a timed-out run did not report as errored, saying which limit stopped it', () => {
    const adds = testResult('adds', 'passed');
    const hangs = discovered('hangs');
    const entries = reportEntries(result([adds], { outcome: 'timed-out' }), expecting([discovered('adds'), hangs]));
    const text = 'The test run took longer than 120 s and was stopped (the limit is the setting imperium.tests.timeoutSeconds).';
    assert.deepEqual(entries, [
      { state: 'passed', test: adds },
      { state: 'errored', target: { kind: 'test', test: hangs }, message: { text } },
    ]);
  });

  it('marks a named file that reported nothing and had nothing queued as errored when the run did not finish', () => {
    const entries = reportEntries(result([], { outcome: 'timed-out' }), { tests: [], files: ['slow/hang.test.js'], timeout: { ms: 3000 } });
    assert.deepEqual(entries, [{ state: 'errored', target: { kind: 'file', file: 'slow/hang.test.js' }, message: { text: 'The test run took longer than 3 s and was stopped.' } }]);
  });

  it("says why a crashed run's queued tests have no result, but leaves a file's tests to the file's error", () => {
    const elsewhere = discovered('other', 'test/other.test.js');
    const entries = reportEntries(
      result([], { outcome: 'error', errors: [{ file: FILE, message: 'Cannot find module' }, { message: 'node exited with code 1 without reporting its results.' }] }),
      expecting([discovered('adds'), elsewhere]),
    );
    assert.deepEqual(entries, [
      { state: 'errored', target: { kind: 'file', file: FILE }, message: { text: 'Cannot find module' } },
      { state: 'errored', target: { kind: 'test', test: elsewhere }, message: { text: 'node exited with code 1 without reporting its results.' } },
    ]);
    const silent = reportEntries(result([], { outcome: 'error' }), expecting([elsewhere]));
    assert.deepEqual(silent, [{ state: 'errored', target: { kind: 'test', test: elsewhere }, message: { text: 'node-test stopped without reporting this test.' } }]);
  });

  it('leaves the unreported tests of a canceled or completed run alone', () => {
    assert.deepEqual(reportEntries(result([], { outcome: 'canceled' }), expecting([discovered('adds')], [FILE])), []);
    assert.deepEqual(reportEntries(result([]), expecting([discovered('deleted since listing')], [FILE])), []);
  });

  it('says a timeout in seconds, to a tenth', () => {
    assert.equal(timeoutMessage({ ms: 2500 }), 'The test run took longer than 2.5 s and was stopped.');
  });
});
