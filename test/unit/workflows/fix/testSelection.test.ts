import * as assert from 'node:assert/strict';
import { summarize, type TestCaseResult, type TestRunResult } from '../../../../src/shared/testResults';
import { resolveTargets, UnknownTestsError } from '../../../../src/workflows/fix/testSelection';

function test(file: string, name: string, status: TestCaseResult['status']): TestCaseResult {
  return { id: `${file}::${name}`, name, suite: [], file, status };
}

const SUITE: TestRunResult = {
  framework: 'jest',
  outcome: 'completed',
  tests: [test('bowling.spec.js', 'zeros', 'failed'), test('bowling.spec.js', 'spare', 'failed'), test('bowling.spec.js', 'open', 'passed'), test('lib/frame.spec.js', 'x', 'failed')],
  errors: [{ file: 'broken.spec.js', message: 'SyntaxError' }],
  summary: summarize([]),
  durationMs: 1,
  output: '',
};

describe('the tests a fix works on', () => {
  it('is every failing test of the folder when none is named', () => {
    assert.deepEqual(resolveTargets({}, SUITE), { testIds: [], files: [], description: 'the failing tests of the folder' });
  });

  it('is the named test ids, with their files', () => {
    assert.deepEqual(resolveTargets({ testIds: ['bowling.spec.js::zeros'] }, SUITE), { testIds: ['bowling.spec.js::zeros'], files: ['bowling.spec.js'], description: 'the test bowling.spec.js::zeros' });
  });

  it('is the failing tests of the named files, their paths as a person types them', () => {
    assert.deepEqual(resolveTargets({ files: ['./lib\\frame.spec.js', 'bowling.spec.js'] }, SUITE), {
      testIds: [],
      files: ['bowling.spec.js', 'lib/frame.spec.js'],
      description: 'the failing tests in bowling.spec.js, lib/frame.spec.js',
    });
  });

  it('adds the failing tests of named files to named ids (a Test Explorer selection of a test and a file)', () => {
    const resolved = resolveTargets({ testIds: ['bowling.spec.js::open'], files: ['lib/frame.spec.js'] }, SUITE);
    assert.deepEqual(resolved.testIds, ['bowling.spec.js::open', 'lib/frame.spec.js::x']);
    assert.deepEqual(resolved.files, ['bowling.spec.js', 'lib/frame.spec.js']);
  });

  it('accepts an id in a file that does not load: the load error is its failure', () => {
    assert.deepEqual(resolveTargets({ testIds: ['broken.spec.js::anything'] }, SUITE).files, ['broken.spec.js']);
  });

  it('refuses what the suite does not have, naming the tests of the file and the suite\'s files', () => {
    assert.throws(
      () => resolveTargets({ testIds: ['bowling.spec.js::zeroes'], files: ['bowling.test.js'] }, SUITE),
      (error: unknown) => {
        assert.ok(error instanceof UnknownTestsError);
        assert.equal(
          error.message,
          '- no test file bowling.test.js in the suite\n' +
            '- no test bowling.spec.js::zeroes in the suite (bowling.spec.js has: bowling.spec.js::zeros; bowling.spec.js::spare; bowling.spec.js::open)\n' +
            "The suite's test files: bowling.spec.js, broken.spec.js, lib/frame.spec.js",
        );
        return true;
      },
    );
  });

  it('refuses a selection that is not one', () => {
    assert.throws(() => resolveTargets({ testIds: [''] } as never, SUITE), /too_small|>=1/);
    assert.throws(() => resolveTargets({ tests: ['x'] } as never, SUITE), /Unrecognized key/);
  });
});
