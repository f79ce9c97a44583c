import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRunnerError, WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';

describe('workspace test runner', function () {
  this.timeout(30_000);
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-workspace-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const rejectsWith = (promise: Promise<unknown>, code: TestRunnerError['code'], message: RegExp) =>
    assert.rejects(promise, (error: unknown) => error instanceof TestRunnerError && error.code === code && message.test(error.message));

  it('says what it looked for when a folder has no test framework', async () => {
    await rejectsWith(new WorkspaceTestRunner(root).run({}), 'no-framework', /No test framework found in .*: looked for a "test" script/);
    await rejectsWith(new WorkspaceTestRunner(root).discover(), 'no-framework', /No test framework found/);
  });

  it('refuses a folder that does not exist', async () => {
    await rejectsWith(new WorkspaceTestRunner(join(root, 'missing')).detect(), 'bad-configuration', /does not exist or is not a folder/);
  });

  it('says when the detected framework is not installed', async () => {
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'mocha' } }));
    await rejectsWith(new WorkspaceTestRunner(root).run({}), 'framework-not-installed', /mocha is not installed in .*\(npm install --save-dev mocha\)/);
  });

  it('refuses a selection naming a file that is not there, or outside the workspace, or an id that is not one', async () => {
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    const runner = new WorkspaceTestRunner(root);
    await rejectsWith(runner.run({ files: ['test/missing.test.js'] }), 'bad-selection', /test\/missing\.test\.js does not exist/);
    await rejectsWith(runner.run({ files: ['../outside.test.js'] }), 'bad-selection', /is outside the workspace/);
    await rejectsWith(runner.run({ testIds: ['just a name'] }), 'bad-selection', /not a test id/);
  });

  it('runs a framework asked for by name, and nothing when there are no test files', async () => {
    const result = await new WorkspaceTestRunner(root, { framework: 'node-test' }).run({});
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(result.summary, { passed: 0, failed: 0, skipped: 0, total: 0 });
    assert.match(result.output, /No test files found for node:test's naming rule/);
  });

  it('refuses an unknown framework and a timeout that is not positive', async () => {
    assert.throws(() => new WorkspaceTestRunner(root, { framework: 'ava' as never }), /Unknown test framework "ava"/);
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    await rejectsWith(new WorkspaceTestRunner(root).run({}, { timeoutMs: 0 }), 'bad-configuration', /positive number of milliseconds/);
  });

  it('runs a passing node:test suite to a clean result, and logs the run', async () => {
    await writeFile(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    await mkdir(join(root, 'test'));
    await writeFile(join(root, 'test/ok.test.js'), "require('node:test')('works', () => {});\n");
    const logged: string[] = [];
    const logger = { debug: () => {}, info: (message: string) => logged.push(message), warn: () => {}, error: () => {} };
    const result = await new WorkspaceTestRunner(root, { logger }).run({}, { label: 'wf-1 green' });
    assert.deepEqual([result.outcome, result.summary, result.errors], ['completed', { passed: 1, failed: 0, skipped: 0, total: 1 }, []]);
    assert.match(logged[0], /Running node-test tests in .* \(wf-1 green\)/);
    assert.match(logged[1], /node-test run completed: 1 passed, 0 failed, 0 skipped, 0 file errors/);
  });
});
