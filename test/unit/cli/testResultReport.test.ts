import * as assert from 'node:assert/strict';
import { formatDiscoveredTests, formatTestRun } from '../../../src/cli/testResultReport';
import type { TestRunResult } from '../../../src/shared/testResults';

const result: TestRunResult = {
  framework: 'jest',
  outcome: 'timed-out',
  tests: [
    { id: 'a.test.js::s > adds', name: 'adds', suite: ['s'], file: 'a.test.js', status: 'passed', durationMs: 3.4 },
    {
      id: 'a.test.js::s > subtracts',
      name: 'subtracts',
      suite: ['s'],
      file: 'a.test.js',
      status: 'failed',
      durationMs: 2,
      message: 'expected 2 to be 3',
      expected: '{\n  a: 3\n}',
      actual: '2',
      failureLocation: { file: 'a.test.js', line: 9, column: 5 },
    },
    { id: 'b.test.js::later', name: 'later', suite: [], file: 'b.test.js', status: 'skipped' },
  ],
  errors: [{ file: 'c.test.js', message: 'SyntaxError: Unexpected token' }],
  summary: { passed: 1, failed: 1, skipped: 1, total: 3 },
  durationMs: 5000,
  output: '',
};

describe('test run report', () => {
  it('groups tests by file and shows each failure with its values and location', () => {
    assert.equal(
      formatTestRun(result),
      [
        'jest: TIMED OUT after 5.0 s; the results below are those reported before the run was stopped',
        '',
        'a.test.js',
        '  ✓ s › adds (3 ms)',
        '  ✗ s › subtracts (2 ms)',
        '      expected 2 to be 3',
        '      expected: {',
        '                  a: 3',
        '                }',
        '      actual:   2',
        '      at a.test.js:9:5',
        '',
        'b.test.js',
        '  ○ later (skipped)',
        '',
        'Errors (files that did not load, or a runner that failed):',
        '  c.test.js',
        '      SyntaxError: Unexpected token',
        '',
        '1 passed, 1 failed, 1 skipped (3 tests, 1 error)',
        '',
      ].join('\n'),
    );
  });

  it('lists discovered tests by file, with their lines', () => {
    assert.equal(
      formatDiscoveredTests([
        { id: 'a.js::s > t', name: 't', suite: ['s'], file: 'a.js', line: 4 },
        { id: 'b.py::u', name: 'u', suite: [], file: 'b.py' },
      ]),
      'a.js\n  s › t  (line 4)\n\nb.py\n  u\n\n2 tests\n',
    );
  });
});
