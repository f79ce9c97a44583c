import * as assert from 'node:assert/strict';
import { assembleRunResult, discoveredTests, exitCodeMismatch, withExitCodeCheck } from '../../../../src/infra/testRunners/runResult';
import type { ProcessEnd } from '../../../../src/infra/testRunners/testProcess';
import { TestRunnerError } from '../../../../src/infra/testRunners/workspaceTestRunner';

const exited: ProcessEnd = { ending: 'exited', exitCode: 1, exitSignal: null, output: 'Error: Cannot find module jest-environment-jsdom', durationMs: 12 };
const passed = { id: 'a.js::t', name: 't', suite: [], file: 'a.js', status: 'passed' as const };

describe('run results', () => {
  it('is an error, carrying the output, when the framework ended without a report', () => {
    const result = assembleRunResult('jest', exited, { tests: [], errors: [], finished: false }, {});
    assert.equal(result.outcome, 'error');
    assert.deepEqual(result.errors, [{ message: 'jest exited with code 1 without reporting its results.\nError: Cannot find module jest-environment-jsdom' }]);
    assert.throws(() => discoveredTests(result), (error: unknown) => error instanceof TestRunnerError && error.code === 'discovery-failed');
  });

  it('keeps partial results of a run stopped at its deadline or canceled', () => {
    for (const ending of ['timed-out', 'canceled'] as const) {
      const result = assembleRunResult('mocha', { ...exited, ending }, { tests: [passed], errors: [], finished: false }, {});
      assert.equal(result.outcome, ending);
      assert.deepEqual(result.summary, { passed: 1, failed: 0, skipped: 0, total: 1 });
      assert.throws(() => discoveredTests(result), (error: unknown) => error instanceof TestRunnerError && error.code === ending);
    }
  });

  it('narrows the results to the selection', () => {
    const other = { ...passed, id: 'a.js::other', name: 'other' };
    const result = assembleRunResult('mocha', exited, { tests: [passed, other], errors: [], finished: true }, { testIds: ['a.js::t'] });
    assert.deepEqual(result.tests, [passed]);
    assert.deepEqual(discoveredTests(result), [{ id: 'a.js::t', name: 't', suite: [], file: 'a.js' }]);
  });

  describe("the framework's exit code against the records", () => {
    const failed = { ...passed, id: 'a.js::u', name: 'u', status: 'failed' as const };
    const report = (tests: readonly (typeof passed | typeof failed)[], more: object = {}) => ({ tests, errors: [], finished: true, ...more });

    it('finds failing records with exit code 0, and only passing records with another code', () => {
      assert.equal(exitCodeMismatch('mocha', { ...exited, exitCode: 0 }, report([passed, failed])), 'the records show 1 failing test but mocha exited with code 0');
      assert.match(exitCodeMismatch('node-test', exited, report([passed])) ?? '', /^every test in the records passed but node-test exited with code 1: /);
    });

    it('agrees when the code matches, and has no say over an unfinished run, file errors or a run with no passes', () => {
      assert.equal(exitCodeMismatch('mocha', exited, report([passed, failed])), undefined);
      assert.equal(exitCodeMismatch('mocha', { ...exited, exitCode: 0 }, report([passed])), undefined);
      assert.equal(exitCodeMismatch('mocha', exited, report([passed], { finished: false })), undefined);
      assert.equal(exitCodeMismatch('mocha', exited, report([passed], { errors: [{ message: 'x' }] })), undefined);
      assert.equal(exitCodeMismatch('vitest', exited, report([])), undefined);
      assert.equal(exitCodeMismatch('mocha', { ...exited, ending: 'timed-out' }, report([passed])), undefined);
    });

    it("carries the report's reasons into the result", () => {
      assert.deepEqual(assembleRunResult('mocha', exited, report([passed], { untrusted: ['forged'] }), {}).untrusted, ['forged']);
      assert.equal(assembleRunResult('mocha', exited, report([passed]), {}).untrusted, undefined);
      assert.deepEqual(withExitCodeCheck('pytest', { ...exited, exitCode: 0 }, report([failed], { untrusted: ['forged'] })).untrusted, ['forged', 'the records show 1 failing test but pytest exited with code 0']);
    });
  });
});
