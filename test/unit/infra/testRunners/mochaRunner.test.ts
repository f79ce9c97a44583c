import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscoveredTest } from '../../../../src/core/ports';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { counts, fixture, repoBin, runCommand, testById } from './fixtureSupport';

describe('mocha runner (test/fixtures/mocha-project)', function () {
  this.timeout(60_000);
  const root = fixture('mocha-project');
  const runner = new WorkspaceTestRunner(root);
  let scratch: string;
  let all: TestRunResult;
  let own: { passes: number; failures: number; pending: number };
  let discovered: DiscoveredTest[];
  let oneFile: TestRunResult;
  let oneTest: TestRunResult;
  let broken: TestRunResult;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'imperium-mocha-'));
    const ownReport = join(scratch, 'mocha.json');
    // mocha's own JSON reporter, written to a file because the fixture's tests print to stdout.
    const ownRun = runCommand(process.execPath, [repoBin('mocha/bin/mocha.js'), '--reporter', 'json', '--reporter-option', `output=${ownReport}`], root);
    [all, , discovered, oneFile, oneTest, broken] = await Promise.all([
      runner.run({}),
      ownRun,
      runner.discover(),
      runner.run({ files: ['test/stack.test.js'] }),
      runner.run({ testIds: ['test/slug.test.js::slugify > drops punctuation'] }),
      runner.run({ files: ['edge-cases/broken.test.js'] }),
    ]);
    own = JSON.parse(await readFile(ownReport, 'utf8')).stats;
  });

  after(() => rm(scratch, { recursive: true, force: true }));

  it('detects mocha from its test script and configuration', async () => {
    assert.deepEqual(await runner.detect(), ['mocha']);
  });

  it('runs the whole suite with exact counts, whatever the tests print', () => {
    assert.equal(all.outcome, 'completed');
    assert.deepEqual(all.errors, []);
    assert.deepEqual(counts(all), { passed: 3, failed: 2, skipped: 1 });
    assert.match(all.output, /\{"not": "a report"\}/);
  });

  it("reports the same counts as mocha's own JSON reporter", () => {
    assert.deepEqual(counts(all), { passed: own.passes, failed: own.failures, skipped: own.pending });
  });

  it('gives a failed assertion its message, expected and actual values and locations', () => {
    const test = testById(all, 'test/slug.test.js::slugify > drops punctuation');
    assert.equal(test.status, 'failed');
    assert.deepEqual(test.suite, ['slugify']);
    assert.equal(test.file, 'test/slug.test.js');
    assert.equal(test.line, 12);
    assert.match(test.message ?? '', /^Expected values to be strictly equal:/);
    assert.equal(test.expected, "'hello-world'");
    assert.equal(test.actual, "'hello,-world!'");
    assert.deepEqual(test.failureLocation, { file: 'test/slug.test.js', line: 14, column: 12 });
  });

  it('keeps nested suites in the id and the suite path', () => {
    const test = testById(all, 'test/stack.test.js::Stack > push > counts the items');
    assert.deepEqual(test.suite, ['Stack', 'push']);
    assert.equal(test.status, 'passed');
    assert.equal(testById(all, 'test/stack.test.js::Stack > grows without limit').status, 'skipped');
  });

  it('discovers every test under the ids a run reports, without running them', () => {
    assert.deepEqual(discovered.map((test) => test.id).sort(), all.tests.map((test) => test.id).sort());
    assert.equal(discovered.find((test) => test.name === 'pops items in reverse order')?.line, 16);
  });

  it("runs one file alone, although mocha adds named files to its configuration's spec", () => {
    assert.deepEqual(new Set(oneFile.tests.map((test) => test.file)), new Set(['test/stack.test.js']));
    assert.deepEqual(counts(oneFile), { passed: 2, failed: 1, skipped: 1 });
  });

  it('runs one test alone', () => {
    assert.deepEqual(oneTest.tests.map((test) => test.id), ['test/slug.test.js::slugify > drops punctuation']);
  });

  it('reports a test file that does not load as a file error, not as a failed test', () => {
    assert.equal(broken.outcome, 'completed');
    assert.deepEqual(broken.tests, []);
    assert.equal(broken.errors.length, 1);
    assert.equal(broken.errors[0].file, 'edge-cases/broken.test.js');
    assert.match(broken.errors[0].message, /SyntaxError: Unexpected token/);
  });
});
