// The must-fail canary's verdict on a report (testCanary.ts): its tests leave the results, and a
// canary that passed when it must fail, is missing or skipped makes the report untrusted.
import * as assert from 'node:assert/strict';
import type { TestCaseResult, TestStatus } from '../../../../src/shared/testResults';
import { checkedCanary, newTestCanary } from '../../../../src/infra/testRunners/testCanary';
import type { ParsedReport } from '../../../../src/infra/testRunners/runResult';

const canary = newTestCanary();
const test = (file: string, name: string, status: TestStatus): TestCaseResult => ({ id: `${file}::${name}`, name, suite: [], file, status });
const report = (tests: TestCaseResult[], finished = true): ParsedReport => ({ tests, errors: [], finished });
const sound = (file: string) => [test(file, canary.mustFail, 'failed'), test(file, canary.mustPass, 'passed')];

describe('the must-fail canary verdict', () => {
  it('takes its tests out and trusts a report where it failed and passed as it must, in every file', () => {
    const checked = checkedCanary(report([test('a.test.js', 'a', 'passed'), ...sound('a.test.js'), test('b.test.js', 'b', 'failed'), ...sound('b.test.js')]), canary, 'every-file');
    assert.deepEqual(checked.tests.map((result) => result.id), ['a.test.js::a', 'b.test.js::b']);
    assert.equal(checked.untrusted, undefined);
  });

  it('names the files where it passed when it must fail, was missing or was skipped', () => {
    const checked = checkedCanary(
      report([
        test('a.test.js', 'a', 'passed'),
        test('a.test.js', canary.mustFail, 'passed'),
        test('a.test.js', canary.mustPass, 'passed'),
        test('b.test.js', 'b', 'passed'),
        test('c.test.js', 'c', 'passed'),
        test('c.test.js', canary.mustFail, 'skipped'),
        test('c.test.js', canary.mustPass, 'failed'),
      ]),
      canary,
      'every-file',
    );
    assert.deepEqual(checked.tests.map((result) => result.id), ['a.test.js::a', 'b.test.js::b', 'c.test.js::c']);
    const reasons = (checked.untrusted ?? []).join('\n');
    assert.match(reasons, /must fail \(it asserts that 1 is 2\) was reported passed \(in a\.test\.js\)/);
    assert.match(reasons, /must fail \(it asserts that 1 is 2\) did not run or was not reported \(in b\.test\.js\)/);
    assert.match(reasons, /must pass \(it asserts that 1 is 1\) did not run or was not reported \(in b\.test\.js\)/);
    assert.match(reasons, /must fail \(it asserts that 1 is 2\) was skipped \(in c\.test\.js\)/);
    assert.match(reasons, /must pass \(it asserts that 1 is 1\) was reported failed \(in c\.test\.js\)/);
  });

  it('lets a missing canary be where another test failed (a run stopped by bail or -x), but never one reported the wrong way', () => {
    const stopped = checkedCanary(report([test('a.test.js', 'a', 'failed'), test('b.test.js', 'b', 'passed')]), canary, 'every-file');
    assert.equal(stopped.untrusted, undefined);
    const flipped = checkedCanary(report([test('a.test.js', 'a', 'failed'), test('a.test.js', canary.mustFail, 'passed'), test('a.test.js', canary.mustPass, 'passed')]), canary, 'every-file');
    assert.match((flipped.untrusted ?? []).join('\n'), /must fail .* was reported passed \(in a\.test\.js\)/);
  });

  it('in a file of its own: wants it once in the run, wherever it is reported', () => {
    assert.equal(checkedCanary(report([test('a.test.js', 'a', 'passed'), ...sound('/tmp/x/canary.cjs')]), canary, 'own-file').untrusted, undefined);
    assert.match((checkedCanary(report([test('a.test.js', 'a', 'passed')]), canary, 'own-file').untrusted ?? []).join('\n'), /did not run or was not reported \(in its own file\)/);
  });

  it('only filters a report that did not finish: that run has no passes to trust', () => {
    const checked = checkedCanary(report([test('a.test.js', 'a', 'passed'), test('a.test.js', canary.mustFail, 'passed')], false), canary, 'every-file');
    assert.deepEqual(checked.tests.map((result) => result.id), ['a.test.js::a']);
    assert.equal(checked.untrusted, undefined);
  });

  it("keeps the report's own reasons", () => {
    const checked = checkedCanary({ ...report([test('a.test.js', 'a', 'passed')]), untrusted: ['earlier'] }, canary, 'own-file');
    assert.equal(checked.untrusted?.[0], 'earlier');
    assert.equal(checked.untrusted?.length, 3);
  });
});
