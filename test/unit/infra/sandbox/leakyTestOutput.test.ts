// Adversarial (issue 16, point 4): a test puts a secret in its assertion message and its output.
// Before, the result carried it verbatim into the next prompt, the events and the Test Explorer.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';

describe('secrets in test output', function () {
  this.timeout(30_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'imperium-leaky-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'leaky', scripts: { test: 'node --test' } }));
    writeFileSync(
      join(root, 'leak.test.js'),
      [
        "const { test } = require('node:test');",
        "const assert = require('node:assert/strict');",
        "const token = 'ghp_' + 'Abcdefghijklmnopqrstuvwxyz0123456789';",
        "const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA7', '-----END RSA PRIVATE KEY-----'].join('\\n');",
        "test('leaks', () => { console.log('AWS_SECRET_ACCESS_KEY=' + 'wJalrXUtnFEMIK7MDENGbPxRfiCY'); assert.equal(token + '\\n' + key, 'nothing'); });",
      ].join('\n'),
    );
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('withholds them from the result: messages, expected and actual values, output', async () => {
    const result = await new WorkspaceTestRunner(root).run({});
    assert.equal(result.summary.failed, 1);
    const text = JSON.stringify(result);
    assert.ok(!text.includes('ghp_Abcdefghijklmnopqrstuvwxyz0123456789'), text);
    assert.ok(!text.includes('MIIEpAIBAAKCAQEA7'), text);
    assert.ok(!text.includes('wJalrXUtnFEMIK7MDENGbPxRfiCY'), text);
    assert.match(text, /withheld/);
  });
});
