import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findNodeTestFiles, nodeTestSetup } from '../../../../src/infra/testRunners/nodeTestFiles';

describe('node:test files and options', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-node-files-'));
    const files = [
      'test/a.js', 'test/deep/b.mjs', 'test/c.ts', 'src/x.test.js', 'src/y_test.cjs', 'src/z-test.ts', 'src/helper.js',
      'test-main.js', 'node_modules/pkg/test/d.js', 'spec/e.spec.js', 'spec/f.spec.ts',
    ];
    for (const file of files) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), '');
    }
  });
  after(() => rm(root, { recursive: true, force: true }));

  const manifest = (test: string) => ({ scripts: { test }, dependencies: new Set<string>(), keys: new Set<string>() });

  it("keeps the script's Node options but not the test runner's own, and spots TypeScript loaders", () => {
    const setup = nodeTestSetup(manifest('node --import tsx --test --test-reporter spec --test-concurrency=1 --watch test/'));
    assert.deepEqual(setup, { nodeOptions: ['--import', 'tsx', '--test-concurrency=1'], patterns: ['test/'], typescript: true });
    assert.equal(nodeTestSetup(manifest('node --test')).typescript, false);
  });

  it("finds files by node:test's naming rule when the script names none", async () => {
    assert.deepEqual(await findNodeTestFiles(root, nodeTestSetup(manifest('node --test'))), ['src/x.test.js', 'src/y_test.cjs', 'test-main.js', 'test/a.js', 'test/deep/b.mjs']);
  });

  it('adds TypeScript files when a loader is there', async () => {
    const files = await findNodeTestFiles(root, nodeTestSetup(manifest('node --experimental-strip-types --test')));
    assert.ok(files.includes('test/c.ts') && files.includes('src/z-test.ts'), files.join(', '));
  });

  it('expands globs itself (Node 20 does not) and takes named folders and files as they are', async () => {
    assert.deepEqual(await findNodeTestFiles(root, nodeTestSetup(manifest("node --test 'spec/**/*.spec.{js,ts}' ./test/deep src/helper.js"))), [
      'spec/e.spec.js',
      'spec/f.spec.ts',
      'src/helper.js',
      'test/deep/b.mjs',
    ]);
  });
});
