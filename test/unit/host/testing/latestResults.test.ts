import * as assert from 'node:assert/strict';
import { LatestTestResults } from '../../../../src/host/testing/latestResults';
import type { TestCaseResult } from '../../../../src/shared/testResults';

const FILE = 'test/calc.test.js';
const result = (name: string, status: TestCaseResult['status'], extra: Partial<TestCaseResult> = {}): TestCaseResult => ({
  id: `${FILE}::${name}`,
  name,
  suite: [],
  file: FILE,
  status,
  ...extra,
});

describe('latest test results', () => {
  it("lists a file's failing tests by line, from each test's latest result", () => {
    const results = new LatestTestResults();
    assert.equal(results.record([result('b', 'failed', { line: 9, message: 'b broke' }), result('a', 'failed', { line: 3, message: 'a broke' }), result('c', 'passed', { line: 12 })]), true);
    assert.deepEqual(results.failing(FILE), [
      { testId: `${FILE}::a`, name: 'a', line: 3, message: 'a broke' },
      { testId: `${FILE}::b`, name: 'b', line: 9, message: 'b broke' },
    ]);
    assert.deepEqual(results.failing('test/other.test.js'), []);
  });

  it('forgets a failure once the test passes, and says so', () => {
    const results = new LatestTestResults();
    results.record([result('a', 'failed', { line: 3 })]);
    assert.equal(results.record([result('a', 'passed', { line: 3 })]), true);
    assert.deepEqual(results.failing(FILE), []);
    assert.equal(results.record([result('a', 'passed', { line: 3 })]), false, 'nothing changed for the lens');
  });

  it("places a test with no reported line at its failure, when that is in the test's file, else leaves it out", () => {
    const results = new LatestTestResults();
    results.record([
      result('located', 'failed', { message: 'm', failureLocation: { file: FILE, line: 14 } }),
      result('elsewhere', 'failed', { failureLocation: { file: 'src/calc.js', line: 2 } }),
    ]);
    assert.deepEqual(results.failing(FILE), [{ testId: `${FILE}::located`, name: 'located', line: 14, message: 'm' }]);
  });

  it('follows a listing: deleted tests go, moved tests move', () => {
    const results = new LatestTestResults();
    results.record([result('moved', 'failed', { line: 3, message: 'x' }), result('deleted', 'failed', { line: 7, message: 'y' })]);
    assert.equal(results.reconcile([{ id: `${FILE}::moved`, name: 'moved', suite: [], file: FILE, line: 5 }]), true);
    assert.deepEqual(results.failing(FILE), [{ testId: `${FILE}::moved`, name: 'moved', line: 5, message: 'x' }]);
    assert.equal(results.reconcile([{ id: `${FILE}::moved`, name: 'moved', suite: [], file: FILE, line: 5 }]), false);
  });
});
