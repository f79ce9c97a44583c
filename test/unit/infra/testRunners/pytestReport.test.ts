import * as assert from 'node:assert/strict';
import { parseCollectedIds, pytestReportToResults } from '../../../../src/infra/testRunners/pytestReport';
import { WorkspacePaths } from '../../../../src/infra/testRunners/workspacePaths';

const ROOT = '/work/project';

function report(cases: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" tests="9">${cases}</testsuite></testsuites>`;
}

describe('pytest reports', () => {
  let paths: WorkspacePaths;
  before(async () => {
    paths = await WorkspacePaths.of(ROOT);
  });

  it('reads a failed comparison, with the values compared and where it failed', async () => {
    const { tests } = await pytestReportToResults(
      report(
        '<testcase classname="tests.test_calc.TestMath.TestAdd" name="test_add" file="tests/test_calc.py" line="9" time="0.250">' +
          '<failure message="assert 4 == 5&#10; +  where 4 = add(2, 2)">def test_add():\n&gt;   assert add(2, 2) == 5\n\ncalc.py:3: in add\n    return helper()\ntests/test_calc.py:12: AssertionError</failure></testcase>',
      ),
      paths,
    );
    assert.deepEqual(tests, [
      {
        id: 'tests/test_calc.py::TestMath > TestAdd > test_add',
        name: 'test_add',
        suite: ['TestMath', 'TestAdd'],
        file: 'tests/test_calc.py',
        line: 10,
        status: 'failed',
        durationMs: 250,
        message: 'assert 4 == 5\n +  where 4 = add(2, 2)',
        actual: '4',
        expected: '5',
        failureLocation: { file: 'tests/test_calc.py', line: 12 },
      },
    ]);
  });

  it('leaves expected and actual out where the message compares nothing', async () => {
    const { tests } = await pytestReportToResults(report('<testcase classname="t" name="test_x" file="t.py" line="0" time="0"><failure message="ValueError: bad">x</failure></testcase>'), paths);
    assert.equal(tests[0].message, 'ValueError: bad');
    assert.equal(tests[0].expected, undefined);
    assert.equal(tests[0].actual, undefined);
  });

  it('reports a module that could not be collected as a file error', async () => {
    const { tests, errors } = await pytestReportToResults(
      report('<testcase classname="" name="tests.test_imp" file="tests/test_imp.py" time="0"><error message="collection failure">ImportError while importing test module\nE   ModuleNotFoundError: No module named \'x\'</error></testcase>'),
      paths,
    );
    assert.deepEqual(tests, []);
    assert.deepEqual(errors, [{ file: 'tests/test_imp.py', message: "ImportError while importing test module\nE   ModuleNotFoundError: No module named 'x'" }]);
  });

  it('keeps one result per test, the failure when a passed test then errs in teardown', async () => {
    const { tests } = await pytestReportToResults(
      report(
        '<testcase classname="t" name="test_a" file="t.py" line="1" time="0.1" />' +
          '<testcase classname="t" name="test_a" file="t.py" line="1" time="0.1"><error message="failed on teardown">boom</error></testcase>' +
          '<testcase classname="t" name="test_b" file="t.py" line="5" time="0"><skipped type="pytest.skip" message="later">t.py:6: later</skipped></testcase>' +
          '<testcase time="0.000" />',
      ),
      paths,
    );
    assert.deepEqual(tests.map((test) => [test.id, test.status]), [['t.py::test_a', 'failed'], ['t.py::test_b', 'skipped']]);
  });

  it('turns a damaged report into an error instead of results', async () => {
    const parsed = await pytestReportToResults('<testsuites><testsuite><testcase name="x"', paths);
    assert.equal(parsed.finished, false);
    assert.match(parsed.errors[0].message, /not valid XML/);
  });

  it('reads the node ids --collect-only prints, with the ids a run gives', () => {
    const output = [
      'tests/test_calc.py::test_add',
      'tests/test_calc.py::TestMath::test_sub[1-2]',
      'tests/test_calc.py::test_odd[a::b]',
      '',
      '3 tests collected in 0.01s',
    ].join('\n');
    assert.deepEqual(parseCollectedIds(output), [
      { id: 'tests/test_calc.py::test_add', name: 'test_add', suite: [], file: 'tests/test_calc.py' },
      { id: 'tests/test_calc.py::TestMath > test_sub[1-2]', name: 'test_sub[1-2]', suite: ['TestMath'], file: 'tests/test_calc.py' },
      { id: 'tests/test_calc.py::test_odd[a::b]', name: 'test_odd[a::b]', suite: [], file: 'tests/test_calc.py' },
    ]);
  });
});
