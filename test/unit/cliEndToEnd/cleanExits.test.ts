// Adversarial (issue 16, points 6 and 8): a hostile or broken state folder. Before the change a
// symlinked .imperium sent every state file where it pointed, a held lock ended in a stack trace
// with exit 1, and with the state and its backup lost `resume` said "Nothing to resume", exited 0 and
// left the workflow's edits, with no way to take them back from the CLI.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { printed, REPOSITORY, runImperium } from './imperiumProcess';
import { changedPaths, copyFixture, SCENARIOS, snapshot, type ProjectCopy } from './projectCopy';

const RUN_ARGS = (folder: string) => ['run', folder, 'Add multiply(a, b) to the calculator.', '--scenario', join(SCENARIOS, 'node-test-calc-multiply.json')];

function noStackTrace(stderr: string): void {
  assert.ok(!/\n\s+at .+:\d+:\d+/.test(stderr), `a stack trace was printed:\n${stderr}`);
  assert.equal(stderr.trim().split('\n').length, 1, `more than one line:\n${stderr}`);
}

describe('imperium on a hostile or broken state folder (end to end)', function () {
  this.timeout(150_000);
  this.slow(20_000);
  let copy: ProjectCopy;
  afterEach(() => copy?.remove());

  it('refuses a symlinked .imperium in one line, exit 2, and writes nothing where it points', async () => {
    copy = await copyFixture('node-test-project');
    const elsewhere = join(copy.root, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, join(copy.folder, '.imperium'), 'dir');
    const run = await runImperium(RUN_ARGS(copy.folder), 60_000);
    assert.equal(run.code, 2, printed(run));
    assert.match(run.stderr, /\.imperium is a symbolic link/);
    noStackTrace(run.stderr);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('says in one line, exit 2, that another process holds the folder', async () => {
    copy = await copyFixture('node-test-project');
    const holder = spawn(process.execPath, ['--import', 'tsx', join(REPOSITORY, 'test/unit/infra/store/holdStore.ts'), join(copy.folder, '.imperium'), 'workflows'], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
        holder.on('exit', () => reject(new Error('the holder ended')));
      });
      const run = await runImperium(RUN_ARGS(copy.folder), 60_000);
      assert.equal(run.code, 2, printed(run));
      assert.match(run.stderr, /already being written by process \d+.*Two processes cannot work on one folder at once/);
      noStackTrace(run.stderr);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('says what was lost when the state and its backup are gone, and `imperium undo` takes the edits back', async () => {
    copy = await copyFixture('node-test-project');
    const original = snapshot(copy.folder);
    const run = await runImperium(RUN_ARGS(copy.folder), 120_000);
    assert.equal(run.code, 0, printed(run));
    assert.ok(changedPaths(original, snapshot(copy.folder)).length > 0, 'the workflow changed files');
    await rm(join(copy.folder, '.imperium', 'workflows.json'));
    await rm(join(copy.folder, '.imperium', 'workflows.json.bak'), { force: true });

    const resumed = await runImperium(['resume', copy.folder, '--scenario', join(SCENARIOS, 'node-test-calc-multiply.json')], 60_000);
    assert.equal(resumed.code, 1, printed(resumed));
    assert.match(resumed.stderr, /The state of workflow wf-1 was lost .* cannot be resumed\. It had written \d+ files?: .*src\/calc\.js/);
    assert.match(resumed.stderr, /imperium undo .* --workflow wf-1/);

    const undone = await runImperium(['undo', copy.folder, '--workflow', 'wf-1'], 60_000);
    assert.equal(undone.code, 0, printed(undone));
    assert.match(undone.stdout, /restored {2}src\/calc\.js/);
    assert.deepEqual(changedPaths(original, snapshot(copy.folder)), [], 'undo left the project as it was');
  });
});
