// bubblewrap's verdict remembered per machine: a remembered "usable" saves the probe, anything that
// decides it (the binary) makes it forgotten, and a remembered verdict that has gone wrong costs one
// failed start, after which the run goes as it would have without the cache. The `bwrap` scripts
// here are stand-ins for a machine's bubblewrap: one that logs and then runs the real one, and one
// that fails as bubblewrap fails where it may not create namespaces (mocks: the machine has only the
// real one, which works).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { couldNotMakeSandbox, usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { forgetUsable, rememberUsable, rememberedUsable } from '../../../../src/infra/sandbox/bubblewrapVerdict';
import { testEnvironment } from '../../../../src/infra/testRunners/frameworkRunner';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';

describe('the remembered bubblewrap verdict', function () {
  this.timeout(30_000);
  let root: string;
  let cache: string;
  let workspace: string;
  const saved = { PATH: process.env.PATH, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'imperium-verdict-'));
    cache = join(root, 'cache');
    workspace = join(root, 'workspace');
    mkdirSync(workspace);
    process.env.XDG_CACHE_HOME = cache;
  });

  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.XDG_CACHE_HOME === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved.XDG_CACHE_HOME;
    rmSync(root, { recursive: true, force: true });
  });

  /** A folder, put first on PATH, whose `bwrap` runs `body`. */
  function bwrapFirstOnPath(body: string): string {
    const bin = join(root, `bin-${Math.random().toString(36).slice(2)}`);
    mkdirSync(bin);
    writeFileSync(join(bin, 'bwrap'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    process.env.PATH = `${bin}${delimiter}${saved.PATH ?? ''}`;
    return join(bin, 'bwrap');
  }

  const printRan = () =>
    runProcess({ command: process.execPath, args: ['-e', 'console.log("ran")'], cwd: workspace, env: testEnvironment(), timeoutMs: 15_000, outputLimit: 10_000 });

  it('is kept for the same binary only, and forgotten on request', () => {
    const binary = bwrapFirstOnPath('exit 0');
    const folder = join(cache, 'imperium-flow');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    assert.equal(rememberedUsable(binary, folder), false);
    rememberUsable(binary, folder);
    assert.equal(rememberedUsable(binary, folder), true);
    utimesSync(binary, new Date(), new Date(Date.now() - 60_000));
    assert.equal(rememberedUsable(binary, folder), false, 'a changed binary is probed again');
    rememberUsable(binary, folder);
    forgetUsable(folder);
    assert.equal(rememberedUsable(binary, folder), false);
  });

  it('saves the probe: a remembered bwrap is started once a run, a new one twice (probe, run)', async function () {
    if (!(await usableBubblewrap())) this.skip();
    const log = join(root, 'bwrap-starts.log');
    const fresh = bwrapFirstOnPath(`echo start >> ${log}\nexec /usr/bin/bwrap "$@"`);
    const first = await printRan();
    assert.equal(first.output.trim(), 'ran');
    assert.equal(first.confinement?.confined, true);
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, 2, 'probe and run');
    assert.equal(rememberedUsable(fresh), true, 'the probe that succeeded is remembered');

    // Another binary (another process would have had no probe yet): remembered, so not probed.
    rmSync(log);
    const remembered = bwrapFirstOnPath(`echo start >> ${log}\nexec /usr/bin/bwrap "$@"`);
    rememberUsable(remembered);
    const second = await printRan();
    assert.equal(second.output.trim(), 'ran');
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, 1, 'the run only');
  });

  it('once wrong (bwrap can no longer make a sandbox), is forgotten and the run goes unconfined as without it', async () => {
    const broken = bwrapFirstOnPath('echo "bwrap: setting up uid map: Permission denied" >&2\nexit 1');
    rememberUsable(broken);
    const end = await printRan();
    assert.equal(end.output.trim(), 'ran', 'the command ran after all');
    assert.equal(end.confinement?.confined, false);
    assert.match(end.confinement?.note ?? '', /^NOT confined/);
    assert.equal(rememberedUsable(broken), false);
  });

  it('is not fooled by a confined command that prints what bwrap prints: it runs once, confined', async function () {
    if (!(await usableBubblewrap())) this.skip();
    const end = await runProcess({
      command: process.execPath,
      args: ['-e', 'require("fs").appendFileSync("runs.log", "run\\n"); console.error("bwrap: setting up uid map: Permission denied"); process.exit(1)'],
      cwd: workspace,
      env: testEnvironment(),
      timeoutMs: 15_000,
      outputLimit: 10_000,
    });
    assert.equal(end.exitCode, 1);
    assert.equal(end.confinement?.confined, true);
    assert.equal(readFileSync(join(workspace, 'runs.log'), 'utf8'), 'run\n');
  });

  it('hides a cache folder that lies in the workspace from the confined run, so it cannot forge what is remembered', async function () {
    if (!(await usableBubblewrap())) this.skip();
    process.env.XDG_CACHE_HOME = join(workspace, '.cache');
    rememberUsable('/usr/bin/bwrap');
    const remembered = join(workspace, '.cache', 'imperium-flow', 'bubblewrap-verdict.json');
    const before = readFileSync(remembered, 'utf8');
    const end = await runProcess({
      command: process.execPath,
      args: ['-e', `const fs = require('fs'); fs.mkdirSync('.cache/imperium-flow', { recursive: true }); fs.writeFileSync('.cache/imperium-flow/bubblewrap-verdict.json', 'forged'); console.log(fs.readdirSync('.cache/imperium-flow').length)`],
      cwd: workspace,
      env: testEnvironment(),
      timeoutMs: 15_000,
      outputLimit: 10_000,
    });
    assert.equal(end.confinement?.confined, true);
    assert.equal(end.output.trim(), '1', 'the run saw an empty folder of its own');
    assert.equal(readFileSync(remembered, 'utf8'), before);
  });

  it('tells bwrap’s own failure from a command’s', () => {
    assert.equal(couldNotMakeSandbox(1, 'bwrap: No permissions to create new namespace\n'), true);
    assert.equal(couldNotMakeSandbox(1, 'bwrap: Creating new namespace failed\nbwrap: second line\n'), true);
    assert.equal(couldNotMakeSandbox(2, 'bwrap: No permissions to create new namespace\n'), false);
    assert.equal(couldNotMakeSandbox(1, '1 failing\nbwrap: not at the start\n'), false);
  });
});
