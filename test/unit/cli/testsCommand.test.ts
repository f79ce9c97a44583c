import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixture, REPO_ROOT, runCommand, type CommandOutput } from '../infra/testRunners/fixtureSupport';

// tsx by path: `--import tsx` would resolve it from the working folder, which is not always the repository.
const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** `imperium` as a user runs it: a process of its own, from the sources through tsx. */
function imperium(args: readonly string[], cwd = REPO_ROOT): Promise<CommandOutput> {
  return runCommand(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/cli/main.ts'), ...args], cwd);
}

describe('imperium tests (end to end)', function () {
  this.timeout(60_000);
  const mochaProject = fixture('mocha-project');
  let passing: string;
  let json: CommandOutput;
  let human: CommandOutput;
  let oneFile: CommandOutput;
  let listed: CommandOutput;
  let green: CommandOutput;

  before(async () => {
    passing = await mkdtemp(join(tmpdir(), 'imperium-cli-green-'));
    await writeFile(join(passing, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
    await mkdir(join(passing, 'test'));
    await writeFile(join(passing, 'test/sum.test.js'), "const test = require('node:test');\nconst assert = require('node:assert');\ntest('sums', () => assert.equal(1 + 1, 2));\n");
    [json, human, oneFile, listed, green] = await Promise.all([
      imperium(['tests', mochaProject, '--json']),
      imperium(['tests', 'test/fixtures/mocha-project']),
      imperium(['tests', mochaProject, '--file', 'test/stack.test.js', '--json', '--timeout', '30000']),
      imperium(['tests', mochaProject, '--list']),
      imperium(['tests', '.'], passing),
    ]);
  });

  after(() => rm(passing, { recursive: true, force: true }));

  it('prints the full result as JSON and exits 1 when tests fail', () => {
    assert.equal(json.code, 1, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.equal(result.framework, 'mocha');
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(result.summary, { passed: 3, failed: 2, skipped: 1, total: 6 });
    const failed = result.tests.find((test: { id: string }) => test.id === 'test/slug.test.js::slugify > drops punctuation');
    assert.deepEqual([failed.status, failed.expected, failed.actual], ['failed', "'hello-world'", "'hello,-world!'"]);
  });

  it('prints a readable report by default, for a folder relative to the working folder', () => {
    assert.equal(human.code, 1, human.stderr);
    assert.match(human.stdout, /^mocha: completed in \d+\.\d s$/m);
    assert.match(human.stdout, /^ {2}✗ slugify › drops punctuation \(\d+ ms\)$/m);
    assert.match(human.stdout, /^ {6}at test\/slug\.test\.js:14:12$/m);
    assert.match(human.stdout, /^3 passed, 2 failed, 1 skipped \(6 tests\)$/m);
  });

  it('runs only the files given with --file', () => {
    assert.equal(oneFile.code, 1, oneFile.stderr);
    assert.deepEqual(JSON.parse(oneFile.stdout).summary, { passed: 2, failed: 1, skipped: 1, total: 4 });
  });

  it('lists the tests with --list, and exits 0', () => {
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^test\/stack\.test\.js$/m);
    assert.match(listed.stdout, /^ {2}Stack › push › adds an item on top {2}\(line 7\)$/m);
    assert.match(listed.stdout, /^6 tests$/m);
  });

  it('exits 0 when every test passes', () => {
    assert.equal(green.code, 0, green.stderr);
    assert.match(green.stdout, /^1 passed, 0 failed, 0 skipped \(1 tests\)$/m);
  });

  it('exits 2 with the reason on stderr for a bad command line or a missing folder', async () => {
    const [unknown, missing] = await Promise.all([imperium(['tset']), imperium(['tests', 'no/such/folder'])]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "tset"/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no\/such\/folder does not exist/);
    assert.equal(missing.stdout, '');
  });
});
