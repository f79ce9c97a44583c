// Adversarial (issue 16, point 2): code under test that turns node:assert into no-ops makes every
// test pass. Before the canary, the run came back as all passed and nothing said otherwise.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canaryFindings, writeCanary } from '../../../../src/infra/testRunners/assertionCanary';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'imperium-canary-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const TEST = "const { test } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { add } = require('../src/add');\ntest('adds', () => assert.equal(add(1, 2), 3));\n";

describe('the assertion canary', function () {
  this.timeout(30_000);
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  async function run(source: string) {
    const root = project({ 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'node --test test/' } }), 'src/add.js': source, 'test/add.test.js': TEST });
    roots.push(root);
    return new WorkspaceTestRunner(root).run({});
  }

  it('trusts an honest run', async () => {
    const result = await run('exports.add = (a, b) => a + b;\n');
    assert.equal(result.summary.passed, 1);
    assert.equal(result.untrusted, undefined);
  });

  it('catches assert functions replaced with no-ops by the code under test', async () => {
    const source = "const assert = require('node:assert');\nfor (const name of ['equal', 'strictEqual', 'deepEqual']) { assert[name] = () => {}; assert.strict[name] = () => {}; }\nexports.add = (a, b) => a - b;\n";
    const result = await run(source);
    assert.equal(result.summary.passed, 1, 'the sabotaged test passes');
    assert.ok(result.untrusted?.some((reason) => /assert\.strict\.equal was replaced/.test(reason)), JSON.stringify(result.untrusted));
  });

  // Before the seal, the records file was named in the environment (IMPERIUM_CANARY_RECORDS), and a
  // process that hid from the canary could write its own "sound" record there: the run was trusted.
  it('catches a process that hides from the canary and writes its own "sound" record where the environment used to name the file', async () => {
    const source = "process.removeAllListeners('exit');\nconst fs = require('node:fs');\nconst assert = require('node:assert'); assert.strict.equal = () => {};\nconst records = process.env.IMPERIUM_CANARY_RECORDS;\nif (records) fs.appendFileSync(records, JSON.stringify({ pid: process.pid, problems: [] }) + '\\n');\nexports.add = () => 0;\n";
    const result = await run(source);
    assert.equal(result.summary.passed, 1, 'the sabotaged test passes');
    assert.ok(result.untrusted?.some((reason) => /ended without running its exit hooks/.test(reason)), JSON.stringify(result.untrusted));
  });

  it('does not count records without the seal, nor a process that reports its end twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imperium-canary-records-'));
    roots.push(dir);
    const canary = await writeCanary(dir);
    const line = (record: object) => `${JSON.stringify(record)}\n`;
    writeFileSync(canary.records, line({ pid: 7, started: true, seal: canary.seal }) + line({ pid: 7, problems: [], seal: 'guessed' }));
    const unsealed = await canaryFindings(canary, { everyProcessExits: true });
    assert.ok(unsealed.some((reason) => /1 line in the assertion canary's records was not written by the canary/.test(reason)), unsealed.join('\n'));
    assert.ok(unsealed.some((reason) => /1 test process ended without running its exit hooks/.test(reason)), unsealed.join('\n'));
    writeFileSync(canary.records, line({ pid: 7, started: true, seal: canary.seal }) + line({ pid: 7, problems: ['assert.equal was replaced'], seal: canary.seal }) + line({ pid: 7, problems: [], seal: canary.seal }));
    assert.ok((await canaryFindings(canary, { everyProcessExits: true })).some((reason) => /reported its end to the assertion canary twice/.test(reason)));
    writeFileSync(canary.records, line({ pid: 7, started: true, seal: canary.seal }) + line({ pid: 7, problems: [], seal: canary.seal }));
    assert.deepEqual(await canaryFindings(canary, { everyProcessExits: true }), []);
  });

  it('catches a process that hides from the canary by removing its exit hooks', async () => {
    const source = "process.removeAllListeners('exit');\nconst assert = require('node:assert'); assert.strict.equal = () => {};\nexports.add = () => 0;\n";
    const result = await run(source);
    assert.ok(result.untrusted && result.untrusted.length > 0, JSON.stringify(result));
  });
});
