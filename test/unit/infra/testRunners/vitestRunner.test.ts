import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscoveredTest } from '../../../../src/core/ports';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { counts, fixture, repoBin, runCommand, testById } from './fixtureSupport';

describe('vitest runner (test/fixtures/vitest-project)', function () {
  this.timeout(60_000);
  const root = fixture('vitest-project');
  const runner = new WorkspaceTestRunner(root);
  let scratch: string;
  let all: TestRunResult;
  let own: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  let discovered: DiscoveredTest[];
  let oneFile: TestRunResult;
  let broken: TestRunResult;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'imperium-vitest-'));
    const ownReport = join(scratch, 'vitest.json');
    const ownRun = runCommand(process.execPath, [repoBin('vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${ownReport}`], root);
    [all, , discovered, oneFile, broken] = await Promise.all([
      runner.run({}),
      ownRun,
      runner.discover(),
      runner.run({ files: ['test/range.test.js'] }),
      // The broken file sits in a project of its own, outside the fixture's include pattern.
      new WorkspaceTestRunner(`${root}/edge-cases`).run({ files: ['broken.test.ts'] }),
    ]);
    own = JSON.parse(await readFile(ownReport, 'utf8'));
  });

  after(() => rm(scratch, { recursive: true, force: true }));

  it('detects vitest from the test script and its configuration', async () => {
    assert.deepEqual(await runner.detect(), ['vitest']);
  });

  it('runs the whole suite, TypeScript and JavaScript files, with exact counts', () => {
    assert.equal(all.outcome, 'completed');
    assert.deepEqual(all.errors, []);
    assert.deepEqual(counts(all), { passed: 3, failed: 2, skipped: 1 });
    assert.deepEqual(new Set(all.tests.map((test) => test.file)), new Set(['test/temperature.test.ts', 'test/range.test.js']));
  });

  it("reports the same counts as vitest's own JSON reporter", () => {
    assert.deepEqual(counts(all), { passed: own.numPassedTests, failed: own.numFailedTests, skipped: own.numPendingTests + own.numTodoTests });
  });

  it('gives a failed expect() its message, the values it compared and locations', () => {
    const test = testById(all, 'test/temperature.test.ts::temperature > describes a mild day');
    assert.equal(test.status, 'failed');
    assert.deepEqual(test.suite, ['temperature']);
    assert.equal(test.file, 'test/temperature.test.ts');
    assert.equal(test.line, 15);
    assert.equal(test.message, "expected { celsius: 20, feel: 'mild' } to deeply equal { celsius: 20, feel: 'hot' }");
    assert.match(test.expected ?? '', /"feel": "hot"/);
    assert.match(test.actual ?? '', /"feel": "mild"/);
    assert.deepEqual(test.failureLocation, { file: 'test/temperature.test.ts', line: 17, column: 37 });
  });

  it('discovers every test under the ids a run reports', () => {
    assert.deepEqual(discovered.map((test) => test.id).sort(), all.tests.map((test) => test.id).sort());
    assert.equal(discovered.find((test) => test.name === 'converts boiling')?.line, 10);
  });

  it('runs one file alone', () => {
    assert.deepEqual(oneFile.tests.map((test) => test.id), ['test/range.test.js::counts up to the end', 'test/range.test.js::includes the end']);
    assert.deepEqual(counts(oneFile), { passed: 1, failed: 1, skipped: 0 });
  });

  it('reports a test file that does not load as a file error, not as a failed test', () => {
    assert.equal(broken.outcome, 'completed');
    assert.deepEqual(broken.tests, []);
    assert.equal(broken.errors.length, 1);
    assert.equal(broken.errors[0].file, 'broken.test.ts');
    assert.match(broken.errors[0].message, /PARSE_ERROR/);
  });
});
