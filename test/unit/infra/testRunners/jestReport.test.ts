import * as assert from 'node:assert/strict';
import { jestReportToResults } from '../../../../src/infra/testRunners/jestReport';
import { WorkspacePaths } from '../../../../src/infra/testRunners/workspacePaths';

describe('jest reports', () => {
  let paths: WorkspacePaths;
  before(async () => {
    paths = await WorkspacePaths.of('/work/project');
  });

  it('reports a file that failed although none of its tests did (an afterAll that threw) as a file error', async () => {
    const report = {
      testResults: [
        {
          name: '/work/project/test/a.test.js',
          status: 'failed',
          message: '\u001b[1m● Test suite failed to run\u001b[22m\n\n    afterAll broke\n\n      at Object.<anonymous> (test/a.test.js:9:9)',
          assertionResults: [{ ancestorTitles: [], title: 'works', status: 'passed', duration: 1, failureMessages: [], location: { line: 3, column: 1 } }],
        },
      ],
    };
    const parsed = await jestReportToResults(JSON.stringify(report), paths);
    assert.deepEqual(parsed.tests.map((test) => [test.id, test.status, test.line]), [['test/a.test.js::works', 'passed', 3]]);
    assert.deepEqual(parsed.errors, [{ file: 'test/a.test.js', message: 'afterAll broke' }]);
  });

  it('maps todo, pending and disabled tests to skipped', async () => {
    const assertion = (title: string, status: string) => ({ ancestorTitles: ['s'], title, status });
    const report = { testResults: [{ name: '/work/project/a.test.js', status: 'passed', assertionResults: [assertion('a', 'todo'), assertion('b', 'pending'), assertion('c', 'disabled'), assertion('d', 'focused')] }] };
    assert.deepEqual((await jestReportToResults(JSON.stringify(report), paths)).tests.map((test) => test.status), ['skipped', 'skipped', 'skipped', 'passed']);
  });

  it('turns a report it cannot read into an error instead of results', async () => {
    assert.match((await jestReportToResults('{"testResults": [', paths)).errors[0].message, /not JSON/);
    assert.match((await jestReportToResults('{"testResults": 3}', paths)).errors[0].message, /unknown shape/);
  });
});
