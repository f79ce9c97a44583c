// Adversarial: a test process must not reach the host's Unix sockets (a Docker daemon in
// /var/run/docker.sock, the session bus in /run/user/<uid>/bus), which would take it past both the
// write limit and "no network". The sandbox gives it empty /run, /var/run and /var/tmp.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';
import { testEnvironment } from '../../../../src/infra/testRunners/frameworkRunner';

function connectTo(workspace: string, path: string, allowNetwork = false) {
  const script = `
    const socket = require('node:net').connect(${JSON.stringify(path)});
    socket.on('data', (d) => { console.log('reached ' + d); socket.destroy(); });
    socket.on('error', (e) => console.log('refused ' + e.code));`;
  return runProcess({ command: process.execPath, args: ['-e', script], cwd: workspace, env: testEnvironment(), timeoutMs: 15_000, outputLimit: 10_000, sandbox: { allowNetwork } });
}

async function listen(path: string): Promise<Server> {
  const server = createServer((socket) => socket.end('hello'));
  await new Promise<void>((done, fail) => server.once('error', fail).listen(path, done));
  return server;
}

describe('confined test processes and the host Unix sockets', function () {
  this.timeout(30_000);
  let workspace: string;
  const servers: Server[] = [];
  const folders: string[] = [];

  before(async function () {
    if (!(await usableBubblewrap())) this.skip();
  });

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'imperium-sockets-'));
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  /** A socket server in a fresh folder under `parent`, or undefined where this user cannot create one there. */
  async function serverIn(parent: string): Promise<string | undefined> {
    let folder: string;
    try {
      folder = mkdtempSync(join(parent, 'imperium-socket-'));
    } catch {
      return undefined;
    }
    folders.push(folder);
    const path = join(folder, 'host.sock');
    servers.push(await listen(path));
    return path;
  }

  for (const parent of ['/var/tmp', '/run', '/var/run', '/dev/shm']) {
    it(`cannot connect to a socket the host listens on in ${parent}`, async function () {
      const path = await serverIn(parent);
      if (!path) this.skip();
      // With network allowed too: a path socket is not in the network namespace.
      const end = await connectTo(workspace, path, true);
      assert.match(end.output, /refused (ENOENT|ECONNREFUSED|EACCES)/);
      assert.doesNotMatch(end.output, /reached/);
    });
  }

  it('cannot connect to an abstract socket of the host without network (the network namespace holds those)', async () => {
    const name = `\0imperium-abstract-${process.pid}`;
    servers.push(await listen(name));
    const end = await connectTo(workspace, name);
    assert.match(end.output, /refused ECONNREFUSED/);
  });

  it('still reaches a socket of its own in its temporary folder (the sandbox is not a blanket ban on sockets)', async () => {
    const script = `
      const net = require('node:net'); const path = require('node:path').join(require('node:os').tmpdir(), 's.sock');
      const server = net.createServer((s) => s.end('own')).listen(path, () => {
        net.connect(path).on('data', (d) => { console.log('reached ' + d); server.close(); }).on('error', (e) => console.log('refused ' + e.code));
      });`;
    const end = await runProcess({ command: process.execPath, args: ['-e', script], cwd: workspace, env: testEnvironment(), timeoutMs: 15_000, outputLimit: 10_000, sandbox: {} });
    assert.match(end.output, /reached own/);
  });
});
