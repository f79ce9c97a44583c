// The Debug profile starts the test process through the debugger: the runner hands it the command
// line it would spawn and reads the results back as from its own process.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessSpec } from '../../../../src/infra/testRunners/testProcess';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';

describe('a run started by another launcher', function () {
  this.timeout(30_000);
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-launched-'));
    await mkdir(join(root, 'test'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    await writeFile(
      join(root, 'test', 'sum.test.js'),
      "const { test } = require('node:test');\nconst assert = require('node:assert/strict');\ntest('sums', () => assert.equal(1 + 1, 2));\ntest('fails', () => assert.equal(1 + 1, 3));\n",
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('gets the command line the runner would spawn, and the run reads its results back', async () => {
    const launched: ProcessSpec[] = [];
    const result = await new WorkspaceTestRunner(root).run(
      { files: ['test/sum.test.js'] },
      {
        timeoutMs: 20_000,
        launch: (spec) => {
          launched.push(spec);
          return runProcess(spec);
        },
      },
    );
    assert.equal(launched.length, 1);
    assert.equal(launched[0].command, process.execPath);
    assert.equal(launched[0].cwd, root);
    assert.ok(launched[0].args.includes('--test') && launched[0].args.includes('test/sum.test.js'), launched[0].args.join(' '));
    assert.equal(launched[0].timeoutMs, 20_000);
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(result.tests.map((test) => [test.name, test.status, test.line]), [
      ['sums', 'passed', 3],
      ['fails', 'failed', 4],
    ]);
  });
});
