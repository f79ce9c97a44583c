import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { underParentWatchdog } from '../../../../src/infra/sandbox/parentWatchdog';

describe('the watchdog an unconfined run is started under', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'imperium-watchdog-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function run(script: string, env: NodeJS.ProcessEnv = {}) {
    const watched = underParentWatchdog(process.execPath, ['-e', script], { PATH: process.env.PATH, ...env });
    return spawnSync(watched.command, [...watched.args], { env: watched.env, encoding: 'utf8', timeout: 10_000 });
  }

  it("passes the command's output and exit code through", () => {
    const end = run('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)');
    assert.equal(end.stdout, 'out');
    assert.equal(end.stderr, 'err');
    assert.equal(end.status, 3);
  });

  it('ends by the signal that ended the command', () => {
    assert.equal(run('process.kill(process.pid, "SIGTERM"); setInterval(() => {}, 1000)').signal, 'SIGTERM');
  });

  it("gives the command its own NODE_OPTIONS preloads, which the watchdog does not load itself", () => {
    const preload = join(root, 'preload.cjs');
    // A preload that would also run in the watchdog would print twice.
    writeFileSync(preload, 'process.stdout.write("preloaded;");');
    const end = run('process.stdout.write(String(process.env.ELECTRON_RUN_AS_NODE))', { NODE_OPTIONS: `--require ${preload}` });
    assert.equal(end.stdout, 'preloaded;undefined');
  });

  it('says so when the command cannot start', () => {
    const watched = underParentWatchdog(join(root, 'no-such-command'), [], { PATH: process.env.PATH });
    const end = spawnSync(watched.command, [...watched.args], { env: watched.env, encoding: 'utf8', timeout: 10_000 });
    assert.equal(end.status, 127);
    assert.match(end.stderr, /Could not start .*no-such-command/);
  });
});
