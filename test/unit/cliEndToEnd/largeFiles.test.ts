// Adversarial (issue 16, point 7): a test run that leaves a file over the 1 MiB a file is read at.
// The journal sees it (so undo can take it back), but before the change listing the workflow's
// changes read it, threw "over the 1048576-byte limit", and the review and the report broke with a
// stack trace: the person got no report.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { printed, runImperium } from './imperiumProcess';
import { changedPaths, copyFixture, SCENARIOS, snapshot, type ProjectCopy } from './projectCopy';

const TWO_MIB = 2 * 1024 * 1024;
// Part of the project's own suite, so every run of it writes the large file into the workspace.
const LARGE_OUTPUT_TEST = `'use strict';
const { it } = require('node:test');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

it('leaves a large output behind', () => {
  writeFileSync(join(__dirname, '..', 'large-output.txt'), 'x'.repeat(${TWO_MIB}));
});
`;

describe('a test run that leaves a file too large to show (end to end)', function () {
  this.timeout(200_000);
  this.slow(30_000);
  let copy: ProjectCopy;
  afterEach(() => copy?.remove());

  it('writes the report, lists the file as too large to show, and `imperium undo` removes it', async () => {
    copy = await copyFixture('node-test-project');
    await writeFile(join(copy.folder, 'test', 'large-output.test.js'), LARGE_OUTPUT_TEST);
    const original = snapshot(copy.folder);
    const reportFile = join(copy.root, 'report.json');
    const run = await runImperium(['run', copy.folder, 'Add multiply(a, b) to the calculator.', '--scenario', join(SCENARIOS, 'node-test-calc-multiply.json'), '--report', reportFile], 150_000);
    assert.equal(run.code, 0, printed(run));
    assert.ok(!/\n\s+at .+:\d+:\d+/.test(run.stderr), `a stack trace was printed:\n${run.stderr}`);
    assert.equal((await readFile(join(copy.folder, 'large-output.txt'))).length, TWO_MIB, 'the test run wrote the large file');

    const report = JSON.parse(await readFile(reportFile, 'utf8')) as { status: string; files: { path: string; change: string; diff: string; notShown?: string }[] };
    assert.equal(report.status, 'COMPLETED');
    const large = report.files.find((file) => file.path === 'large-output.txt');
    assert.deepEqual(large, { path: 'large-output.txt', change: 'created', notShown: `too large to show (${TWO_MIB} bytes)`, diff: `created large-output.txt: too large to show (${TWO_MIB} bytes); its content is not shown\n` });
    assert.ok(report.files.some((file) => file.path === 'src/calc.js' && file.diff.includes('+function multiply(a, b) {')), 'the other changes are shown as before');
    assert.match(run.stdout, new RegExp(`created {3}large-output\\.txt \\(too large to show \\(${TWO_MIB} bytes\\)\\)`));

    const undone = await runImperium(['undo', copy.folder, '--workflow', 'wf-1'], 60_000);
    assert.equal(undone.code, 0, printed(undone));
    assert.ok(!existsSync(join(copy.folder, 'large-output.txt')), `undo removed the large file:\n${undone.stdout}`);
    assert.deepEqual(changedPaths(original, snapshot(copy.folder)), [], 'undo left the project as it was');
  });
});
