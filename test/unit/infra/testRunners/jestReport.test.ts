import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jestResultsToReport, readJestRecords } from '../../../../src/infra/testRunners/jestReport';
import { recordDestination } from '../../../../src/infra/testRunners/reporterRecords';
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
    const parsed = await jestResultsToReport(report, paths);
    assert.deepEqual(parsed.tests.map((test) => [test.id, test.status, test.line]), [['test/a.test.js::works', 'passed', 3]]);
    assert.deepEqual(parsed.errors, [{ file: 'test/a.test.js', message: 'afterAll broke' }]);
  });

  it('maps todo, pending and disabled tests to skipped', async () => {
    const assertion = (title: string, status: string) => ({ ancestorTitles: ['s'], title, status });
    const report = { testResults: [{ name: '/work/project/a.test.js', status: 'passed', assertionResults: [assertion('a', 'todo'), assertion('b', 'pending'), assertion('c', 'disabled'), assertion('d', 'focused')] }] };
    assert.deepEqual((await jestResultsToReport(report, paths)).tests.map((test) => test.status), ['skipped', 'skipped', 'skipped', 'passed']);
  });

  it('turns results it cannot read into an error instead of results', async () => {
    assert.match((await jestResultsToReport({ testResults: 3 }, paths)).errors[0].message, /unknown shape/);
  });

  it("reads the reporter's sealed records: each file's results, the end, and no line without the seal", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imperium-jest-records-'));
    try {
      const destination = recordDestination(join(dir, 'records.jsonl'));
      const file = (title: string, status: string) => ({ type: 'file', name: '/work/project/a.test.js', status, message: '', assertionResults: [{ ancestorTitles: [], title, status }] });
      const line = (record: object, seal = destination.seal) => `${JSON.stringify({ ...record, seal })}\n`;
      writeFileSync(destination.file, line(file('a', 'failed')) + line(file('forged', 'passed'), 'guessed'));
      const killed = await readJestRecords(destination, paths);
      assert.deepEqual(killed.tests.map((test) => `${test.id} ${test.status}`), ['a.test.js::a failed']);
      assert.equal(killed.finished, false, 'a run killed before its end keeps what it reported');
      assert.deepEqual(killed.untrusted, ["1 line in the jest records was not written by Imperium's reporter (code in the test process wrote to the records file) and was not counted"]);
      writeFileSync(destination.file, line(file('a', 'passed')) + line({ type: 'end' }));
      const ended = await readJestRecords(destination, paths);
      assert.equal(ended.finished, true);
      assert.equal(ended.untrusted, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
