// Adversarial (issue 16, point 2): code under test that turns node:assert into no-ops makes every
// test pass. Before the canary, the run came back as all passed and nothing said otherwise.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('catches a process that hides from the canary by removing its exit hooks', async () => {
    const source = "process.removeAllListeners('exit');\nconst assert = require('node:assert'); assert.strict.equal = () => {};\nexports.add = () => 0;\n";
    const result = await run(source);
    assert.ok(result.untrusted && result.untrusted.length > 0, JSON.stringify(result));
  });
});
