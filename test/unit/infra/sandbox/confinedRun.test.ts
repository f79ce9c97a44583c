// Adversarial: a test process that tries what issue 16's hostile tests did (read keys from the
// environment, .env and ~/.ssh; write outside the workspace; reach the network; outlive its parent)
// is stopped by the sandbox. Each case failed before confinement existed.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';
import { testEnvironment } from '../../../../src/infra/testRunners/frameworkRunner';

const REPO_ROOT = resolve(__dirname, '../../../..');

function hostile(workspace: string, script: string, options: { allowNetwork?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  return runProcess({
    command: process.execPath,
    args: ['-e', script],
    cwd: workspace,
    env: options.env ?? testEnvironment(),
    timeoutMs: 15_000,
    outputLimit: 100_000,
    sandbox: { allowNetwork: options.allowNetwork === true },
  });
}

function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid && isAlive(pid) && (() => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker); } catch { return false; } })());
}

describe('confined test processes', function () {
  this.timeout(30_000);
  let root: string;
  let workspace: string;
  let outside: string;
  let fakeHome: string;
  const savedHome = process.env.HOME;
  const savedKey = process.env.IMPERIUM_API_KEY;
  const savedOpenAi = process.env.OPENAI_API_KEY;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'imperium-confine-'));
    workspace = join(root, 'workspace');
    outside = join(root, 'outside');
    fakeHome = join(root, 'home');
    mkdirSync(workspace);
    mkdirSync(outside);
    mkdirSync(join(fakeHome, '.ssh'), { recursive: true });
    writeFileSync(join(fakeHome, '.ssh', 'id_rsa'), 'PRIVATE-KEY-IN-HOME');
    writeFileSync(join(fakeHome, '.ssh', 'authorized_keys'), 'ssh-ed25519 AAAA person\n');
    writeFileSync(join(workspace, '.env'), 'API_KEY=sk-workspace-dotenv-secret\n');
    mkdirSync(join(workspace, '.imperium'));
    writeFileSync(join(workspace, '.imperium', 'state.json'), '{}');
    // os.homedir() follows HOME: the run must hide this home as it would the person's.
    process.env.HOME = fakeHome;
    process.env.IMPERIUM_API_KEY = 'sk-imperium-secret-key';
    process.env.OPENAI_API_KEY = 'sk-openai-secret-key';
  });

  afterEach(() => {
    process.env.HOME = savedHome;
    if (savedKey === undefined) delete process.env.IMPERIUM_API_KEY;
    else process.env.IMPERIUM_API_KEY = savedKey;
    if (savedOpenAi === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = savedOpenAi;
    rmSync(root, { recursive: true, force: true });
  });

  it('gives a test no key or token from the environment, and a temporary HOME', async () => {
    const end = await hostile(workspace, "console.log(JSON.stringify(process.env))");
    const env = JSON.parse(end.output) as Record<string, string>;
    assert.equal(env.IMPERIUM_API_KEY, undefined);
    assert.equal(env.OPENAI_API_KEY, undefined);
    assert.ok(!end.output.includes('sk-'), end.output);
    assert.ok(env.PATH, 'PATH is kept');
    assert.notEqual(env.HOME, fakeHome);
    assert.ok(!env.HOME.startsWith(fakeHome));
  });

  it('scrubs the environment even when a caller hands it the whole of process.env', async () => {
    const end = await hostile(workspace, "console.log(JSON.stringify(process.env))", { env: { ...process.env } });
    assert.ok(!end.output.includes('sk-imperium-secret-key') && !end.output.includes('sk-openai-secret-key'), end.output);
  });

  describe('under bubblewrap', () => {
    before(async function () {
      if (!(await usableBubblewrap())) this.skip();
    });

    it('says the run was confined', async () => {
      const end = await hostile(workspace, "console.log('hi')");
      assert.equal(end.confinement?.confined, true);
      assert.match(end.confinement?.note ?? '', /confined by bubblewrap.*no network/);
    });

    it('hides the home folder and blanks secret files in the workspace', async () => {
      const script = `
        const fs = require('node:fs');
        const read = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch (e) { return 'ERR ' + e.code; } };
        console.log(JSON.stringify({ key: read(${JSON.stringify(join(fakeHome, '.ssh', 'id_rsa'))}), env: read('.env') }));`;
      const end = await hostile(workspace, script);
      const seen = JSON.parse(end.output) as { key: string; env: string };
      assert.match(seen.key, /^ERR /);
      assert.equal(seen.env, '');
      assert.ok(!end.output.includes('PRIVATE-KEY') && !end.output.includes('sk-workspace'), end.output);
    });

    it('writes inside the workspace, but nowhere outside it, nor into the state folder', async () => {
      const script = `
        const fs = require('node:fs');
        const attempt = (p, f) => { try { f(p); return 'ok'; } catch (e) { return e.code; } };
        console.log(JSON.stringify({
          inside: attempt('made-by-test.txt', (p) => fs.writeFileSync(p, 'x')),
          outside: attempt(${JSON.stringify(join(outside, 'escaped.txt'))}, (p) => fs.writeFileSync(p, 'x')),
          authorized: attempt(${JSON.stringify(join(fakeHome, '.ssh', 'authorized_keys'))}, (p) => fs.appendFileSync(p, 'ssh-rsa ATTACKER')),
          state: attempt('.imperium/state.json', (p) => fs.writeFileSync(p, 'owned')),
          etc: attempt('/etc/imperium-escape', (p) => fs.writeFileSync(p, 'x')),
        }));`;
      const end = await hostile(workspace, script);
      const result = JSON.parse(end.output) as Record<string, string>;
      assert.equal(result.inside, 'ok');
      assert.notEqual(result.outside, 'ok');
      assert.notEqual(result.authorized, 'ok');
      assert.notEqual(result.state, 'ok');
      assert.notEqual(result.etc, 'ok');
      assert.ok(existsSync(join(workspace, 'made-by-test.txt')));
      assert.deepEqual(readdirSync(outside), []);
      assert.equal(readFileSync(join(fakeHome, '.ssh', 'authorized_keys'), 'utf8'), 'ssh-ed25519 AAAA person\n');
      assert.equal(readFileSync(join(workspace, '.imperium', 'state.json'), 'utf8'), '{}');
      assert.equal(existsSync('/etc/imperium-escape'), false);
    });

    describe('network', () => {
      let server: Server;
      let port: number;
      before(async () => {
        server = createServer((socket) => socket.end('hello'));
        await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
        port = (server.address() as { port: number }).port;
      });
      after(() => server.close());

      const connect = (p: () => number) => `
        const socket = require('node:net').connect(${'${PORT}'}, '127.0.0.1');
        socket.on('data', (d) => { console.log('reached ' + d); socket.destroy(); });
        socket.on('error', (e) => console.log('refused ' + e.code));`.replace('${PORT}', String(p()));

      it('has none unless the person allowed it', async () => {
        const end = await hostile(workspace, connect(() => port));
        assert.match(end.output, /refused/);
      });

      it('has it when the person allowed it for the workflow', async () => {
        const end = await hostile(workspace, connect(() => port), { allowNetwork: true });
        assert.match(end.output, /reached hello/);
        assert.match(end.confinement?.note ?? '', /network allowed/);
      });
    });

    it('dies with its parent when the parent is killed outright', async () => {
      const marker = `imperium-orphan-${process.pid}-${Date.now()}`;
      const parentScript = `
        const { runProcess } = require(${JSON.stringify(join(REPO_ROOT, 'src/infra/testRunners/testProcess.ts'))});
        const marker = [${JSON.stringify(marker.slice(0, 10))}, ${JSON.stringify(marker.slice(10))}].join('');
        runProcess({ command: process.execPath, args: ['-e', 'console.log(1); setInterval(() => {}, 1000)', marker], cwd: ${JSON.stringify(workspace)}, timeoutMs: 60000, outputLimit: 1000 });
        setInterval(() => {}, 1000);`;
      const parent = spawn(process.execPath, ['--import', 'tsx', '-e', parentScript], { cwd: REPO_ROOT, stdio: 'ignore' });
      for (let waited = 0; processesWith(marker).length === 0 && waited < 15_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      assert.ok(processesWith(marker).length > 0, 'the test process started');
      parent.kill('SIGKILL');
      for (let waited = 0; processesWith(marker).length > 0 && waited < 5000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      assert.deepEqual(processesWith(marker), [], 'no orphan outlives the killed parent');
    });
  });

  describe('where there is no sandbox (no bubblewrap on PATH)', () => {
    it('still dies with its parent when the parent is killed outright, by its watchdog', async function () {
      if (process.platform === 'win32') this.skip();
      const marker = `imperium-orphan-unconfined-${process.pid}-${Date.now()}`;
      const parentScript = `
        const { runProcess } = require(${JSON.stringify(join(REPO_ROOT, 'src/infra/testRunners/testProcess.ts'))});
        const marker = [${JSON.stringify(marker.slice(0, 10))}, ${JSON.stringify(marker.slice(10))}].join('');
        runProcess({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)', marker], cwd: ${JSON.stringify(workspace)}, timeoutMs: 60000, outputLimit: 1000 })
          .then((end) => console.log(JSON.stringify(end.confinement)));
        setInterval(() => {}, 1000);`;
      // An empty PATH: bubblewrap is not found, so the run is not confined.
      const parent = spawn(process.execPath, ['--import', 'tsx', '-e', parentScript], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, PATH: fakeHome } });
      for (let waited = 0; processesWith(marker).length < 2 && waited < 15_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      assert.equal(processesWith(marker).length, 2, 'the watchdog and the test process started');
      parent.kill('SIGKILL');
      for (let waited = 0; processesWith(marker).length > 0 && waited < 5000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      assert.deepEqual(processesWith(marker), [], 'no orphan outlives the killed parent');
    });
  });
});
