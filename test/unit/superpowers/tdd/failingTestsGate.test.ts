// The red gate of tests that already fail, on the messages the real runners write (taken from jest
// and pytest runs of the exercises in test/fixtures/fix-exercises, cut down to what matters).
import * as assert from 'node:assert/strict';
import { isTestPath } from '../../../../src/agents/testFiles';
import { summarize, type TestCaseResult, type TestFileError, type TestRunResult } from '../../../../src/shared/testResults';
import { failingTestsGate } from '../../../../src/superpowers/tdd/failingTestsGate';
import { loadFailure } from '../../../../src/superpowers/tdd/loadFailure';
import { passedTests, regressionNote, regressions } from '../../../../src/superpowers/tdd/passingBaseline';

const ROOT = '/tmp/imperium-e2e-x/project';

function test(file: string, name: string, status: TestCaseResult['status'], message?: string): TestCaseResult {
  return { id: `${file}::${name}`, name, suite: [], file, status, ...(message !== undefined && { message }) };
}

function run(tests: TestCaseResult[], errors: TestFileError[] = [], outcome: TestRunResult['outcome'] = 'completed'): TestRunResult {
  return { framework: 'jest', outcome, tests, errors, summary: summarize(tests), durationMs: 10, output: '' };
}

const JEST_SYNTAX_IN_TEST = `Jest encountered an unexpected token\n\n    Jest failed to parse a file.\n\n    Details:\n\n    SyntaxError: ${ROOT}/bowling.spec.js: Unexpected token (58:1)\n\n      56 |     });\n    > 58 | });`;
const JEST_SYNTAX_IN_CODE = `Jest encountered an unexpected token\n\n    Details:\n\n    SyntaxError: ${ROOT}/bowling.js: Unexpected keyword 'throw'. (12:4)\n\n    > 12 |     throw new Error('x');\n\n    > 1 | const { Bowling } = require('./bowling');`;
const JEST_ESM_TEST = `Jest encountered an unexpected token\n\n    Details:\n\n    ${ROOT}/bowling.spec.js:1\n    ({"Object.<anonymous>":function(module,exports,require){import { Bowling } from './bowling';\n                                                                                      ^^^^^^\n\n    SyntaxError: Cannot use import statement outside a module`;
const JEST_ESM_CODE = `Jest encountered an unexpected token\n\n    Details:\n\n    ${ROOT}/bowling.js:16\n    export class Bowling {\n    ^^^^^^\n\n    SyntaxError: Unexpected token 'export'`;
const JEST_MISSING_PACKAGE = "Cannot find module 'left-pad-nothere' from 'bowling.spec.js'\n\n    > 1 | const _ = require('left-pad-nothere');";
const PYTEST_SYNTAX_IN_TEST = `/usr/lib/python3.11/site-packages/_pytest/python.py:528: in importtestmodule\n    mod = import_path(\n/usr/lib/python3.11/ast.py:50: in parse\nE     File "${ROOT}/word_count_test.py", line 10\nE       def test_count_one_word(self:\nE                              ^\nE   SyntaxError: '(' was never closed`;
const PYTEST_SYNTAX_IN_CODE = `/usr/lib/python3.11/site-packages/_pytest/python.py:528: in importtestmodule\n    mod = import_path(\nword_count_test.py:4: in <module>\n    from word_count import (\nE     File "${ROOT}/word_count.py", line 2\nE       pass)\nE           ^\nE   SyntaxError: unmatched ')'`;
const PYTEST_MISSING_PACKAGE = `ImportError while importing test module '${ROOT}/word_count_test.py'.\nTraceback:\nword_count_test.py:1: in <module>\n    import hypothesis_nothere\nE   ModuleNotFoundError: No module named 'hypothesis_nothere'`;
const PYTEST_MISSING_CODE = `ImportError while importing test module '${ROOT}/word_count_test.py'.\nword_count_test.py:3: in <module>\nE   ModuleNotFoundError: No module named 'word_count'`;

describe('load failures of tests that already exist', () => {
  const js = { testFile: 'bowling.spec.js', isTestPath, root: ROOT };
  const py = { testFile: 'word_count_test.py', isTestPath, root: ROOT };
  const cases: [string, string, typeof js, 'fixable' | 'cannot-load'][] = [
    ['an assertion', 'expect(received).toEqual(expected)\n\nExpected: 90\nReceived: undefined', js, 'fixable'],
    ["the stub's own throw", 'Error: Remove this statement and implement this function', js, 'fixable'],
    ['a missing function', 'TypeError: bowling.score is not a function', js, 'fixable'],
    ['a syntax error in the test (jest)', JEST_SYNTAX_IN_TEST, js, 'cannot-load'],
    ['a syntax error in the code under test (jest)', JEST_SYNTAX_IN_CODE, js, 'fixable'],
    ['an ES module test jest cannot load', JEST_ESM_TEST, js, 'cannot-load'],
    ['ES module code a CommonJS test requires', JEST_ESM_CODE, js, 'fixable'],
    ['a package the test needs that is not installed', JEST_MISSING_PACKAGE, js, 'cannot-load'],
    ['a missing implementation file', "Cannot find module './bowling' from 'bowling.spec.js'", js, 'fixable'],
    ['a missing helper among the tests', "Cannot find module './helpers/frames' from 'test/bowling.spec.js'", { ...js, testFile: 'test/bowling.spec.js' }, 'cannot-load'],
    ['a missing test file it requires', "Cannot find module './shared.spec' from 'bowling.spec.js'", js, 'cannot-load'],
    ['an AssertionError (pytest)', "AssertionError: None != {'word': 1}", py, 'fixable'],
    ['a syntax error in the test (pytest)', PYTEST_SYNTAX_IN_TEST, py, 'cannot-load'],
    ['a syntax error in the code under test (pytest)', PYTEST_SYNTAX_IN_CODE, py, 'fixable'],
    ['a package the test needs that is not installed (pytest)', PYTEST_MISSING_PACKAGE, py, 'cannot-load'],
    ['the module the test is named after, missing', PYTEST_MISSING_CODE, py, 'fixable'],
    ['a syntax error that says nowhere where it is', 'SyntaxError: Unexpected token )', js, 'cannot-load'],
  ];
  for (const [what, message, context, expected] of cases) {
    it(`${expected}: ${what}`, () => assert.equal(loadFailure(message, context), expected));
  }

  it("reads a missing module of the project's own as code, whatever the test is called", () => {
    assert.equal(loadFailure("ModuleNotFoundError: No module named 'scoring.frames'", { ...py, testFile: 'tests/test_game.py', projectModules: ['scoring'] }), 'fixable');
    assert.equal(loadFailure("ModuleNotFoundError: No module named 'scoring.frames'", { ...py, testFile: 'tests/test_game.py' }), 'cannot-load');
  });
});

describe('the red gate of tests that already fail', () => {
  const spec = 'bowling.spec.js';
  const base = { isTestPath, root: ROOT };

  it('passes when the tests to fix fail on assertions or a throwing stub, and names them', () => {
    const gate = failingTestsGate({
      ...base,
      run: run([test(spec, 'zeros', 'failed', 'Error: Remove this statement and implement this function'), test(spec, 'spare', 'failed', 'Expected: 10\nReceived: 0'), test('other.spec.js', 'ok', 'passed')]),
    });
    assert.ok(gate.passed, JSON.stringify(gate));
    assert.deepEqual(gate.redTests.map((t) => t.name), ['zeros', 'spare']);
    assert.deepEqual(gate.redFiles, [spec]);
    assert.match(gate.summary, /^2 tests fail for a reason the implementation can fix$/);
  });

  it('holds only the named tests to fix, and says which named ones pass already', () => {
    const gate = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'failed', 'AssertionError'), test(spec, 'spare', 'failed', 'AssertionError'), test(spec, 'open', 'passed')]), testIds: [`${spec}::zeros`, `${spec}::open`] });
    assert.ok(gate.passed);
    assert.deepEqual(gate.redTests.map((t) => t.name), ['zeros']);
    assert.deepEqual(gate.passingNamed.map((t) => t.name), ['open']);
    assert.match(gate.summary, /1 named test pass already/);
  });

  it('holds the failing tests of the named files only', () => {
    const gate = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'failed', 'AssertionError'), test('other.spec.js', 'x', 'failed', 'AssertionError')]), files: [spec] });
    assert.ok(gate.passed);
    assert.deepEqual(gate.redTests.map((t) => t.id), [`${spec}::zeros`]);
  });

  it('stops when nothing fails, saying what was looked at', () => {
    const suite = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'passed'), test(spec, 'spare', 'skipped')]) });
    assert.deepEqual(suite, { passed: false, cause: 'nothing-fails', reason: 'Nothing to fix: the suite did not fail (2 tests ran, none failing).' });
    const named = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'passed')]), testIds: [`${spec}::zeros`] });
    assert.equal(named.passed, false);
    assert.match(!named.passed ? named.reason : '', /the named test did not fail \(1 test ran, none failing\)/);
    const empty = failingTestsGate({ ...base, run: run([]) });
    assert.match(!empty.passed ? empty.reason : '', /no test ran/);
  });

  it('stops on a test file that cannot load, naming it and why, even beside tests that could be fixed', () => {
    const gate = failingTestsGate({ ...base, run: run([test('word_count_test.py', 'one', 'failed', 'AssertionError')], [{ file: spec, message: JEST_SYNTAX_IN_TEST }]) });
    assert.equal(gate.passed, false);
    assert.ok(!gate.passed);
    assert.equal(gate.cause, 'cannot-load');
    assert.match(gate.reason, /^These tests fail because they cannot load, not because of the code under test:\n- bowling\.spec\.js: SyntaxError: .*bowling\.spec\.js: Unexpected token \(58:1\)/);
    assert.match(gate.reason, /the agents may not edit tests/);
  });

  it('stops on a test that fails for want of a package, and on a run that broke down without a file', () => {
    const pkg = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'failed', JEST_MISSING_PACKAGE)]) });
    assert.equal(!pkg.passed && pkg.cause, 'cannot-load');
    const crashed = failingTestsGate({ ...base, run: run([], [{ message: 'jest wrote a report that is not JSON.' }]) });
    assert.equal(!crashed.passed && crashed.cause, 'cannot-load');
    assert.match(!crashed.passed ? crashed.reason : '', /- \(the run\): jest wrote a report/);
  });

  it('passes a test file that fails to load for want of the implementation, to be held at green by its file', () => {
    const gate = failingTestsGate({ ...base, run: run([], [{ file: spec, message: "Cannot find module './bowling' from 'bowling.spec.js'" }]) });
    assert.ok(gate.passed);
    assert.deepEqual(gate.redTests, []);
    assert.deepEqual(gate.redFiles, [spec]);
    assert.equal(gate.summary, 'bowling.spec.js fails to load because of the code under test (missing or not loadable)');
  });

  it('ignores a broken file that is not among the tests to fix', () => {
    const gate = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'failed', 'AssertionError')], [{ file: 'other.spec.js', message: JEST_SYNTAX_IN_TEST }]), files: [spec] });
    assert.ok(gate.passed);
  });

  it('refuses a run that did not complete', () => {
    const gate = failingTestsGate({ ...base, run: run([test(spec, 'zeros', 'failed', 'AssertionError')], [], 'timed-out') });
    assert.equal(!gate.passed && gate.cause, 'run-not-completed');
  });
});

describe('the baseline of tests that passed before', () => {
  it('names every test that passed before and does not pass now, gone ones included', () => {
    const before = passedTests(run([test('a.spec.js', 'one', 'passed'), test('a.spec.js', 'two', 'passed'), test('a.spec.js', 'three', 'failed'), test('a.spec.js', 'four', 'passed')]));
    assert.deepEqual(before, ['a.spec.js::one', 'a.spec.js::two', 'a.spec.js::four']);
    const after = run([test('a.spec.js', 'one', 'passed'), test('a.spec.js', 'two', 'failed'), test('a.spec.js', 'three', 'passed')]);
    const broken = regressions(after, before);
    assert.deepEqual(broken, [{ id: 'a.spec.js::two', now: 'failed' }, { id: 'a.spec.js::four', now: 'missing' }]);
    assert.match(regressionNote(broken) ?? '', /passed before the workflow began and do not pass now.*\n- a\.spec\.js::two \(failed\)\n- a\.spec\.js::four \(missing\)$/);
    assert.equal(regressionNote(regressions(after, ['a.spec.js::one'])), undefined);
  });
});
