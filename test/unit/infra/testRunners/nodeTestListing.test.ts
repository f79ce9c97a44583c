// Listing node:test tests runs the files with the listing hook: every test is declared and none
// runs, on Node 20 (whose name filter would do) as on 22 and later (whose name filter reports nothing).
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';

describe('node:test listing', function () {
  this.timeout(30_000);
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-listing-'));
    await mkdir(join(root, 'test'));
    await mkdir(join(root, 'ran'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    // Every body and hook leaves a file behind if it runs.
    await writeFile(
      join(root, 'test', 'esm.test.mjs'),
      [
        "import test, { describe, it, before, afterEach } from 'node:test';",
        "import { writeFileSync } from 'node:fs';",
        "const ran = (what) => writeFileSync(new URL(`../ran/${what}`, import.meta.url), '');",
        "before(() => ran('before'));",
        "describe('cart', () => {",
        "  afterEach(() => ran('afterEach'));",
        "  it('adds', () => ran('adds'));",
        '  for (const n of [1, 2]) it(`case ${n}`, () => ran(`case-${n}`));',
        "  it.skip('skipped', () => ran('skipped'));",
        "  it.only('only', () => ran('only'));",
        '});',
        "test('by default export', () => ran('default'));",
        '',
      ].join('\n'),
    );
    await writeFile(
      join(root, 'test', 'cjs.test.js'),
      [
        "const test = require('node:test');",
        "const { writeFileSync } = require('node:fs');",
        '',
        "test.describe('outer', () => {",
        "  test.it('inner', () => writeFileSync(require('node:path').join(__dirname, '../ran/inner'), ''));",
        '});',
        "test('top', { timeout: 5 }, async () => writeFileSync(require('node:path').join(__dirname, '../ran/top'), ''));",
        '',
      ].join('\n'),
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('lists every test, ES module and CommonJS, at its line, running no test body and no hook', async () => {
    const listed = await new WorkspaceTestRunner(root).discover();
    assert.deepEqual(
      listed.map((test) => [test.id, test.line]).sort(),
      [
        ['test/cjs.test.js::outer > inner', 5],
        ['test/cjs.test.js::top', 7],
        ['test/esm.test.mjs::by default export', 12],
        ['test/esm.test.mjs::cart > adds', 7],
        ['test/esm.test.mjs::cart > case 1', 8],
        ['test/esm.test.mjs::cart > case 2', 8],
        ['test/esm.test.mjs::cart > only', 10],
        ['test/esm.test.mjs::cart > skipped', 9],
      ],
    );
    assert.deepEqual(await readdir(join(root, 'ran')), [], 'nothing ran');
  });

  it('runs the same files for real afterwards', async () => {
    const result = await new WorkspaceTestRunner(root).run({ files: ['test/cjs.test.js'] });
    assert.deepEqual(result.tests.map((test) => [test.id, test.status, test.line]).sort(), [
      ['test/cjs.test.js::outer > inner', 'passed', 5],
      ['test/cjs.test.js::top', 'passed', 7],
    ]);
    assert.deepEqual((await readdir(join(root, 'ran'))).sort(), ['inner', 'top']);
  });
});
