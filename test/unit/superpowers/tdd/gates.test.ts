import * as assert from 'node:assert/strict';
import { failureCause } from '../../../../src/superpowers/tdd/failureCause';
import { redGate } from '../../../../src/superpowers/tdd/redGate';
import { greenGate } from '../../../../src/superpowers/tdd/greenGate';
import { summarize, type TestCaseResult, type TestFileError, type TestRunResult } from '../../../../src/shared/testResults';

function test(file: string, name: string, status: TestCaseResult['status'], message?: string): TestCaseResult {
  return { id: `${file}::${name}`, name, suite: [], file, status, message };
}

function run(tests: TestCaseResult[], errors: TestFileError[] = [], outcome: TestRunResult['outcome'] = 'completed'): TestRunResult {
  return { framework: 'node-test', outcome, tests, errors, summary: summarize(tests), durationMs: 10, output: '' };
}

const NEW = 'test/slug.test.js';

describe('failure causes', () => {
  const cases: [string, string][] = [
    ["AssertionError: expected 'a-b' to equal 'A B'", 'assertion'],
    ['Expected: 3\nReceived: undefined', 'assertion'],
    ['TypeError: slugify is not a function', 'missing-implementation'],
    ['ReferenceError: slugify is not defined', 'missing-implementation'],
    ['Error: not implemented', 'missing-implementation'],
    ["Cannot find module '../src/slugify' from 'test/slug.test.js'", 'missing-implementation'],
    ["Error: Cannot find module 'left-pad'", 'broken-test'],
    ["ModuleNotFoundError: No module named 'calculator'", 'broken-test'],
    ['SyntaxError: Unexpected token )', 'broken-test'],
    ['Cannot use import statement outside a module', 'broken-test'],
  ];
  for (const [message, cause] of cases) {
    it(`${cause}: ${message.split('\n')[0]}`, () => assert.equal(failureCause(message), cause));
  }

  it("reads a missing module of the project's own as missing implementation", () => {
    assert.equal(failureCause("ModuleNotFoundError: No module named 'calculator.stats'", ['calculator']), 'missing-implementation');
  });
});

describe('red gate', () => {
  it('passes when every new test fails on an assertion or a missing symbol', () => {
    const result = redGate({
      run: run([test(NEW, 'lowercases', 'failed', 'AssertionError: x'), test(NEW, 'exists', 'failed', 'slugify is not a function'), test('test/old.test.js', 'old', 'passed')]),
      testFiles: [NEW],
    });
    assert.equal(result.passed, true);
    if (result.passed) assert.deepEqual(result.redTests.map((t) => t.name), ['lowercases', 'exists']);
  });

  it('sends a syntax error in the test file back to TestBot with the cause', () => {
    const result = redGate({ run: run([], [{ file: NEW, message: 'SyntaxError: Unexpected end of input' }]), testFiles: [NEW] });
    assert.equal(result.passed, false);
    if (!result.passed) {
      assert.equal(result.cause, 'broken-test');
      assert.match(result.reason, /test\/slug\.test\.js: SyntaxError: Unexpected end of input/);
    }
  });

  it('accepts a new test file that fails to load only because the implementation module is missing', () => {
    const result = redGate({ run: run([], [{ file: NEW, message: "Cannot find module '../src/slug.js'" }]), testFiles: [NEW] });
    assert.equal(result.passed, true);
  });

  it('refuses new tests that already pass or are skipped', () => {
    const result = redGate({ run: run([test(NEW, 'a', 'failed', 'AssertionError'), test(NEW, 'b', 'passed'), test(NEW, 'c', 'skipped')]), testFiles: [NEW] });
    assert.equal(result.passed, false);
    if (!result.passed) {
      assert.equal(result.cause, 'new-tests-pass');
      assert.match(result.reason, /b \(passed\)[\s\S]*c \(skipped\)/);
    }
  });

  it('does not count tests that existed before TestBot wrote any, even in a file it changed', () => {
    const result = redGate({
      run: run([test(NEW, 'old and passing', 'passed'), test(NEW, 'new', 'failed', 'AssertionError')]),
      testFiles: [NEW],
      existingTestIds: new Set([`${NEW}::old and passing`]),
    });
    assert.ok(result.passed && result.redTests.length === 1);
  });

  it('refuses when no new test ran, and when the run timed out', () => {
    assert.equal(redGate({ run: run([test('test/old.test.js', 'old', 'passed')]), testFiles: [NEW] }).passed, false);
    const timedOut = redGate({ run: run([], [], 'timed-out'), testFiles: [NEW] });
    assert.ok(!timedOut.passed && timedOut.cause === 'run-not-completed');
  });
});

describe('green gate and test-tamper guard', () => {
  const red = [test(NEW, 'a', 'failed', 'x'), test(NEW, 'b', 'failed', 'y')];

  it('passes when every red test now passes', () => {
    assert.equal(greenGate(run([test(NEW, 'a', 'passed'), test(NEW, 'b', 'passed')]), { redTests: red, redFiles: [NEW] }).passed, true);
  });

  it('fails when a red test disappears, is renamed or is skipped', () => {
    for (const tampered of [
      [test(NEW, 'a', 'passed')],
      [test(NEW, 'a', 'passed'), test(NEW, 'b renamed', 'passed')],
      [test(NEW, 'a', 'passed'), test(NEW, 'b', 'skipped')],
    ]) {
      const result = greenGate(run(tampered), { redTests: red, redFiles: [NEW] });
      assert.ok(!result.passed && result.cause === 'tests-tampered', JSON.stringify(result));
    }
  });

  it('fails when a test that ran before the workflow no longer runs or is skipped', () => {
    const runningBefore = new Set(['test/old.test.js::one', 'test/old.test.js::two']);
    const green = [test(NEW, 'a', 'passed'), test(NEW, 'b', 'passed')];
    const dropped = greenGate(run([...green, test('test/old.test.js', 'one', 'passed')]), { redTests: red, redFiles: [NEW], runningBefore });
    assert.ok(!dropped.passed && dropped.cause === 'tests-tampered');
    if (!dropped.passed) assert.match(dropped.reason, /test\/old\.test\.js::two is missing/);
    const skipped = greenGate(run([...green, test('test/old.test.js', 'one', 'passed'), test('test/old.test.js', 'two', 'skipped')]), { redTests: red, redFiles: [NEW], runningBefore });
    assert.ok(!skipped.passed && /two is skipped/.test(skipped.reason));
  });

  it('fails when the red files hold no running test (red came from a missing module)', () => {
    const result = greenGate(run([test('test/other.test.js', 'x', 'passed')]), { redTests: [], redFiles: [NEW] });
    assert.ok(!result.passed && result.cause === 'tests-tampered');
  });

  it('does not hold the workflow to tests that were failing before it began', () => {
    const before = new Set(['test/legacy.test.js::flaky']);
    const result = greenGate(run([test(NEW, 'a', 'passed'), test(NEW, 'b', 'passed'), test('test/legacy.test.js', 'flaky', 'failed', 'x')]), { redTests: red, redFiles: [NEW], failingBefore: before });
    assert.equal(result.passed, true);
  });

  it('hands the failing tests back while green is not reached', () => {
    const result = greenGate(run([test(NEW, 'a', 'passed'), test(NEW, 'b', 'failed', 'AssertionError: 2 !== 3')]), { redTests: red, redFiles: [NEW] });
    assert.ok(!result.passed && result.cause === 'tests-failing');
    if (!result.passed) assert.deepEqual(result.failing.map((t) => t.name), ['b']);
  });
});
