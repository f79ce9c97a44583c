import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestExplorerApi } from '../../../../src/host/testing/testExplorerApi';
import { eventually, itemAt, nextRun, testExplorer, workspaceUri } from './testExplorerApi';

// The fixture (test/fixtures/test-explorer-workspace) is a node:test project: in test/cart.test.js,
// suite "cart" holds "totals the prices" (line 7, passes), "counts every item" (line 11, fails) and
// "applies discounts" (line 15, skipped). slow/hang.test.js, outside the suite, never ends.
const CART = 'test/cart.test.js';
const COUNTS = `${CART}::cart > counts every item`;

async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(path), new TextEncoder().encode(text));
}

describe('Test Explorer', () => {
  let tests: TestExplorerApi;
  before(async () => {
    tests = await testExplorer();
  });

  it("lists the workspace's tests under their file and suite, at their lines", async () => {
    await tests.refresh();
    const suite = itemAt(tests.items(), CART, 'cart');
    assert.ok(suite, `no suite "cart" under ${CART}: ${JSON.stringify(tests.items())}`);
    assert.equal(itemAt(tests.items(), CART)?.uri, workspaceUri(CART).toString());
    assert.deepEqual(
      suite.children.map((item) => [item.label, item.line]),
      [
        ['totals the prices', 7],
        ['counts every item', 11],
        ['applies discounts', 15],
      ],
    );
  });

  it('runs every test from the Testing commands, reporting passed, failed (with expected and actual) and skipped', async () => {
    const ended = nextRun(tests);
    await vscode.commands.executeCommand('testing.runAll');
    const { name, result } = await ended;
    assert.equal(name, undefined, "the user's run has the editor's name");
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(
      result.tests.map((test) => [test.name, test.status]),
      [
        ['totals the prices', 'passed'],
        ['counts every item', 'failed'],
        ['applies discounts', 'skipped'],
      ],
    );
    const failure = result.tests.find((test) => test.id === COUNTS);
    assert.match(failure?.message ?? '', /Expected values to be strictly deep-equal/);
    assert.deepEqual([failure?.expected, failure?.actual], ['{ items: 3 }', '{ items: 2 }']);
    assert.deepEqual(failure?.failureLocation, { file: CART, line: 12, column: 12 });
  });

  it('lists the failing tests of a file for the code lens, from the latest run', () => {
    const [failing, ...more] = tests.failingTests.failing(workspaceUri(CART));
    assert.deepEqual(more, []);
    assert.deepEqual([failing.testId, failing.name, failing.line], [COUNTS, 'counts every item', 11]);
    assert.match(failing.message, /strictly deep-equal/);
    assert.deepEqual(tests.failingTests.failing(workspaceUri('src/cart.js')), []);
  });

  it("runs an agent's tests as a run named by its label, and hands back what the run reported", async () => {
    const ended = nextRun(tests);
    const result = await tests.runner.run({ testIds: [COUNTS] }, { label: 'wf-3 red' });
    const run = await ended;
    assert.equal(run.name, 'wf-3 red');
    assert.equal(run.result, result, 'the agent reads the very result the Test Explorer shows');
    assert.deepEqual(
      result.tests.map((test) => [test.id, test.status]),
      [[COUNTS, 'failed']],
    );
  });

  it("clears a test from the code lens once any run sees it pass, and says so", async () => {
    await write('src/cart.js', "'use strict';\nmodule.exports = {\n  total: (items) => items.reduce((sum, item) => sum + item.price * item.quantity, 0),\n  count: (items) => ({ items: items.reduce((sum, item) => sum + item.quantity, 0) }),\n};\n");
    const changed = new Promise<void>((resolve) => {
      const listener = tests.failingTests.onDidChange(() => {
        listener.dispose();
        resolve();
      });
    });
    const result = await tests.runner.run({ files: [CART] }, { label: 'wf-3 green' });
    await changed;
    assert.deepEqual(result.summary, { passed: 2, failed: 0, skipped: 1, total: 3 });
    assert.deepEqual(tests.failingTests.failing(workspaceUri(CART)), []);
  });

  it('shows a test an agent just wrote as soon as it runs, at its line', async () => {
    await write('test/receipt.test.js', "'use strict';\nconst { test } = require('node:test');\nconst assert = require('node:assert/strict');\n\ntest('prints a receipt', () => {\n  assert.equal(1, 2);\n});\n");
    const result = await tests.runner.run({ testIds: ['test/receipt.test.js::prints a receipt'] }, { label: 'wf-4 red' });
    assert.deepEqual(
      result.tests.map((test) => [test.name, test.status]),
      [['prints a receipt', 'failed']],
    );
    assert.equal(itemAt(tests.items(), 'test/receipt.test.js', 'prints a receipt')?.line, 5);
  });

  it('lists the tests again when a test file changes', async () => {
    await write('test/tax.test.js', "'use strict';\nconst { test } = require('node:test');\n\ntest('adds no tax', () => {});\n");
    const added = await eventually('the new test file listed', () => itemAt(tests.items(), 'test/tax.test.js', 'adds no tax'));
    assert.equal(added.line, 4);
  });

  it('stops a run that hangs at the deadline the settings give, and reports it timed out', async function () {
    this.timeout(60_000);
    await vscode.workspace.getConfiguration('imperium.tests').update('timeoutSeconds', 5, vscode.ConfigurationTarget.Workspace);
    try {
      const started = Date.now();
      const result = await tests.runner.run({ files: ['slow/hang.test.js'] }, { label: 'wf-5 green' });
      assert.equal(result.outcome, 'timed-out');
      assert.ok(Date.now() - started < 30_000, `the run took ${Date.now() - started} ms`);
      assert.ok(itemAt(tests.items(), 'slow/hang.test.js'), 'the hung file has an item to show the error on');
    } finally {
      await vscode.workspace.getConfiguration('imperium.tests').update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('stops a run when the Test Explorer cancels it', async () => {
    const started = Date.now();
    const running = tests.runner.run({ files: ['slow/hang.test.js'] }, { label: 'wf-6 green' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('testing.cancelRun');
    const result = await running;
    assert.equal(result.outcome, 'canceled');
    assert.ok(Date.now() - started < 20_000, `the run took ${Date.now() - started} ms`);
  });

  it("stops an agent's run when the agent's signal aborts", async () => {
    const abort = new AbortController();
    const running = tests.runner.run({ files: ['slow/hang.test.js'] }, { label: 'wf-7 green', signal: abort.signal });
    setTimeout(() => abort.abort(), 1000);
    assert.equal((await running).outcome, 'canceled');
  });

  it('debugs the tests under the JavaScript debugger, with the same results', async function () {
    this.timeout(90_000);
    const sessions: string[] = [];
    const started = vscode.debug.onDidStartDebugSession((session) => sessions.push(session.type));
    const ended = nextRun(tests, 80_000);
    await vscode.commands.executeCommand('testing.debugAll');
    const { result } = await ended.finally(() => started.dispose());
    assert.ok(sessions.includes('pwa-node'), `the JavaScript debugger ran the tests (sessions: ${sessions.join(', ')})`);
    assert.equal(result.outcome, 'completed', result.errors.map((error) => error.message).join('\n'));
    assert.match(result.output, /totals the prices/, "the debugged process's output reaches the run");
    assert.deepEqual(
      result.tests.filter((test) => test.file === CART).map((test) => [test.name, test.status]),
      [
        ['totals the prices', 'passed'],
        ['counts every item', 'passed'],
        ['applies discounts', 'skipped'],
      ],
    );
  });
});
