import * as assert from 'node:assert/strict';
import { recordsToReport } from '../../../../src/infra/testRunners/reporterRecords';
import { WorkspacePaths } from '../../../../src/infra/testRunners/workspacePaths';

describe("records of Imperium's reporters", () => {
  let paths: WorkspacePaths;
  before(async () => {
    paths = await WorkspacePaths.of('/work/project');
  });

  const SEAL = 'run-seal';
  const line = (record: object) => `${JSON.stringify({ ...record, seal: SEAL })}\n`;

  it('turns test records into results, with the failure location from the stack', async () => {
    const text = line({
      type: 'test',
      file: '/work/project/test/a.test.js',
      suite: ['s'],
      name: 't',
      line: 4,
      status: 'failed',
      durationMs: 1.23456,
      error: { message: '\u001b[31mboom\u001b[39m\n', stack: 'Error: boom\n    at Context.<anonymous> (/work/project/test/a.test.js:5:11)', expected: '1', actual: '2' },
    });
    assert.deepEqual(await recordsToReport(text + line({ type: 'end' }), paths, SEAL), {
      tests: [
        {
          id: 'test/a.test.js::s > t',
          name: 't',
          suite: ['s'],
          file: 'test/a.test.js',
          line: 4,
          status: 'failed',
          durationMs: 1.235,
          message: 'boom',
          expected: '1',
          actual: '2',
          failureLocation: { file: 'test/a.test.js', line: 5, column: 11 },
        },
      ],
      errors: [],
      finished: true,
    });
  });

  it('leaves out a last line cut off by a kill and lines that are not records', async () => {
    const text = line({ type: 'test', file: '/work/project/a.js', suite: [], name: 'ok', status: 'passed' }) + `${JSON.stringify({ type: 'unknown', seal: SEAL })}\nnot json\n{"type":"test","file":"/work/pro`;
    const report = await recordsToReport(text, paths, SEAL);
    assert.deepEqual(report.tests.map((test) => test.id), ['a.js::ok']);
    assert.equal(report.finished, false);
  });

  it("keeps a file error's message without the stack of the loader's internals", async () => {
    const text = line({ type: 'file-error', file: '/work/project/b.test.js', message: 'b.test.js:3\n  x = ;\n      ^\n\nSyntaxError: Unexpected token\n    at wrapSafe (node:internal/modules/cjs/loader:1:1)\n' });
    assert.deepEqual((await recordsToReport(text, paths, SEAL)).errors, [{ file: 'b.test.js', message: 'b.test.js:3\n  x = ;\n      ^\n\nSyntaxError: Unexpected token' }]);
  });

  it('does not count a record without the seal (code under test appending "passed"), and says so', async () => {
    const failed = { type: 'test', file: '/work/project/test/a.test.js', suite: [], name: 't', status: 'failed', error: { message: 'boom' } };
    const forged = `${JSON.stringify({ ...failed, name: 'u', status: 'passed', error: undefined })}\n${JSON.stringify({ ...failed, status: 'passed', seal: 'guessed' })}\n`;
    const report = await recordsToReport(line(failed) + forged + line({ type: 'end' }), paths, SEAL);
    assert.deepEqual(report.tests.map((test) => `${test.id} ${test.status}`), ['test/a.test.js::t failed']);
    assert.deepEqual(report.untrusted, ["2 lines in the test records were not written by Imperium's reporter (code in the test process wrote to the records file) and were not counted"]);
  });

  it('finds a test reported both failing and passing, and lets tests of one name at other lines be', async () => {
    const test = { type: 'test', file: '/work/project/test/a.test.js', suite: ['s'], name: 't' };
    const text = [
      line({ ...test, line: 3, status: 'failed', error: { message: 'boom' } }),
      line({ ...test, line: 3, status: 'passed' }),
      line({ ...test, line: 9, status: 'passed' }),
      line({ ...test, name: 'v', line: 12, status: 'failed' }),
    ].join('');
    assert.deepEqual((await recordsToReport(text, paths, SEAL)).untrusted, ['the test test/a.test.js::s > t was reported both failing and passing in one run']);
  });

  it('trusts a report of sealed records with no conflicts', async () => {
    assert.equal((await recordsToReport(line({ type: 'test', file: '/work/project/a.js', suite: [], name: 'ok', status: 'passed' }) + line({ type: 'end' }), paths, SEAL)).untrusted, undefined);
  });
});
