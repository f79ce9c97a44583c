import * as assert from 'node:assert/strict';
import { closingLines, terminalText } from '../../../../src/host/testing/runOutput';
import { summarize, type TestRunResult } from '../../../../src/shared/testResults';

const run = (overrides: Partial<TestRunResult>): TestRunResult => ({
  framework: 'mocha',
  outcome: 'completed',
  tests: [],
  errors: [],
  summary: summarize([]),
  durationMs: 1234,
  output: '',
  ...overrides,
});

describe('run output', () => {
  it('ends every line with CRLF, as the test terminal wants', () => {
    assert.equal(terminalText('one\ntwo\r\nthree'), 'one\r\ntwo\r\nthree\r\n');
    assert.equal(terminalText('done\n'), 'done\r\n');
    assert.equal(terminalText('\n\nspaced\n'), '\r\n\r\nspaced\r\n');
    assert.equal(terminalText(''), '');
  });

  it('closes with the counts and the duration', () => {
    const tests = [
      { id: 'a::x', name: 'x', suite: [], file: 'a', status: 'passed' as const },
      { id: 'a::y', name: 'y', suite: [], file: 'a', status: 'failed' as const },
    ];
    assert.equal(closingLines(run({ tests, summary: summarize(tests) }), { ms: 1000 }), '\r\nmocha: 1 passed, 1 failed, 0 skipped in 1.2 s.\r\n');
  });

  it('says when the run timed out or was canceled, and the errors that belong to no test', () => {
    assert.equal(
      closingLines(run({ outcome: 'timed-out', errors: [{ file: 'test/b.js', message: 'SyntaxError' }, { message: 'mocha was killed' }] }), { ms: 5000, setting: 'imperium.tests.timeoutSeconds' }),
      '\r\nmocha: 0 passed, 0 failed, 0 skipped in 1.2 s.\r\nThe test run took longer than 5 s and was stopped (the limit is the setting imperium.tests.timeoutSeconds).\r\ntest/b.js: SyntaxError\r\nmocha was killed\r\n',
    );
    assert.match(closingLines(run({ outcome: 'canceled' }), { ms: 5000 }), /\r\nThe test run was canceled\.\r\n$/);
  });
});
