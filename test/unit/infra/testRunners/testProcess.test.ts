import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';

function node(script: string, options: { timeoutMs?: number; signal?: AbortSignal; outputLimit?: number } = {}) {
  return runProcess({ command: process.execPath, args: ['-e', script], cwd: process.cwd(), timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, outputLimit: options.outputLimit ?? 10_000 });
}

/** A killed process stays a zombie until something reaps it, which in a container can take a while. */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Live processes whose command line holds `marker` (a sandboxed process's own pid means nothing outside its namespace). */
function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker) && isAlive(pid);
      } catch {
        return false;
      }
    });
}

describe('test processes', function () {
  this.timeout(20_000);

  it('tells once the process has started, while it runs (work done meanwhile is off the run’s critical path)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'imperium-started-'));
    try {
      let calls = 0;
      // The process ends only once onStarted has written the file it waits for.
      const end = await runProcess({
        command: process.execPath,
        args: ['-e', "const fs = require('fs'); const wait = () => (fs.existsSync('started') ? process.exit(0) : setTimeout(wait, 10)); wait();"],
        cwd: folder,
        timeoutMs: 10_000,
        outputLimit: 10_000,
        onStarted: () => {
          calls++;
          writeFileSync(join(folder, 'started'), '');
        },
      });
      assert.equal(end.ending, 'exited');
      assert.equal(calls, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs a process to its end with its exit code and output', async () => {
    const end = await node("process.stdout.write('out '); process.stderr.write('err'); process.exitCode = 3;");
    assert.equal(end.ending, 'exited');
    assert.equal(end.exitCode, 3);
    assert.equal(end.output, 'out err');
  });

  it('stops a process at its deadline, with the children it started', async () => {
    // The child starts a child of its own, marked, says so, then both wait forever.
    const marker = `imperium-grandchild-${process.pid}-${Date.now()}`;
    const script = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${marker}'], { stdio: 'ignore' }); console.log('started'); setInterval(() => {}, 1000);`;
    const started = Date.now();
    const end = await node(script, { timeoutMs: 1000 });
    assert.equal(end.ending, 'timed-out');
    assert.ok(Date.now() - started < 1000 + 3500, `took ${Date.now() - started} ms`);
    assert.match(end.output, /started/);
    assert.deepEqual(processesWith(marker), [], 'the grandchild was stopped too');
  });

  it('lets a process that handles SIGINT finish writing before it ends', async () => {
    const end = await node("process.on('SIGINT', () => { console.log('saved'); process.exit(2); }); console.log('ready'); setInterval(() => {}, 1000);", { timeoutMs: 800 });
    assert.equal(end.ending, 'timed-out');
    assert.match(end.output, /ready\nsaved/);
  });

  it('stops a process when the signal aborts, and never starts one for an aborted signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const end = await node('setInterval(() => {}, 1000)', { signal: controller.signal });
    assert.equal(end.ending, 'canceled');
    const never = await node("require('node:fs').writeFileSync('/dev/stderr', 'started')", { signal: AbortSignal.abort() });
    assert.deepEqual([never.ending, never.output], ['canceled', '']);
  });

  it('says why a program could not start', async () => {
    const end = await runProcess({ command: 'imperium-no-such-program', args: [], cwd: process.cwd(), timeoutMs: 5000, outputLimit: 1000 });
    assert.equal(end.ending, 'failed-to-start');
    assert.match(end.startError ?? '', /Could not start imperium-no-such-program: .*ENOENT/);
  });

  it('caps what a chatty process prints', async () => {
    const end = await node("for (let i = 0; i < 20000; i++) console.log('line ' + i);", { outputLimit: 1000 });
    assert.ok(end.output.length < 1100, `${end.output.length} characters`);
    assert.match(end.output, /characters of output omitted/);
    assert.match(end.output, /line 19999\n$/);
  });
});
