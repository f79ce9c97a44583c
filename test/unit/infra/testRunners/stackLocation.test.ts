import * as assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { failureLocationFromStack } from '../../../../src/infra/testRunners/stackLocation';
import { WorkspacePaths } from '../../../../src/infra/testRunners/workspacePaths';

describe('failure locations and workspace paths', () => {
  let root: string;
  let paths: WorkspacePaths;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-paths-'));
    paths = await WorkspacePaths.of(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it("takes the first frame in the workspace's own code", () => {
    const stack = [
      'AssertionError [ERR_ASSERTION]: 2 !== 3',
      '    at assertHelper (node:assert:120:5)',
      `    at Object.<anonymous> (${root}/node_modules/lib/index.js:3:1)`,
      `    at TestContext.<anonymous> (${pathToFileURL(join(root, 'test/a b.test.mjs'))}:7:12)`,
      `    at ${root}/src/other.js:1:1`,
    ].join('\n');
    assert.deepEqual(failureLocationFromStack(stack, paths), { file: 'test/a b.test.mjs', line: 7, column: 12 });
  });

  it('finds no location when no frame is in the workspace', () => {
    assert.equal(failureLocationFromStack('Error: x\n    at /elsewhere/file.js:1:2\n    at node:internal/x:1:1', paths), undefined);
    assert.equal(failureLocationFromStack(undefined, paths), undefined);
  });

  it('makes reported paths workspace-relative, through a symlinked root too', async () => {
    const link = `${root}-link`;
    await symlink(root, link);
    try {
      const linked = await WorkspacePaths.of(link);
      assert.equal(linked.relative(join(root, 'test/a.js')), 'test/a.js');
      assert.equal(linked.relative(join(link, 'test/a.js')), 'test/a.js');
      assert.equal(linked.relative('/elsewhere/a.js'), undefined);
      assert.equal(linked.display('/elsewhere/a.js'), '/elsewhere/a.js');
      assert.equal(linked.relative(`${root}..x/a.js`), undefined);
    } finally {
      await rm(link);
    }
  });
});
