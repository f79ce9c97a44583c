// Which host folders the sandbox empties for their sockets, and the files it shows again from them
// (a resolv.conf that systemd-resolved links into /run): under a socket folder emptied by bubblewrap,
// such a file still reads, its neighbour socket does not connect.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bubblewrapArgs, usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { neededFrom, socketFolders } from '../../../../src/infra/sandbox/socketFolders';

describe('socket folders', () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'imperium-socket-folders-')));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are the folders that exist, each once by its real path', async () => {
    mkdirSync(join(root, 'run'));
    symlinkSync(join(root, 'run'), join(root, 'var-run'));
    assert.deepEqual(await socketFolders([join(root, 'run'), join(root, 'var-run'), join(root, 'missing')]), [join(root, 'run')]);
  });

  it('give back the needed files that link into them, and only those', async () => {
    mkdirSync(join(root, 'run', 'resolve'), { recursive: true });
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'run', 'resolve', 'stub-resolv.conf'), 'nameserver 127.0.0.53\n');
    symlinkSync(join(root, 'run', 'resolve', 'stub-resolv.conf'), join(root, 'etc', 'resolv.conf'));
    writeFileSync(join(root, 'etc', 'hosts'), '127.0.0.1 localhost\n');
    const needed = [join(root, 'etc', 'resolv.conf'), join(root, 'etc', 'hosts'), join(root, 'etc', 'missing')];
    assert.deepEqual(await neededFrom([join(root, 'run')], needed), [join(root, 'run', 'resolve', 'stub-resolv.conf')]);
  });

  describe('under bubblewrap', () => {
    let server: Server | undefined;
    let folder: string | undefined;
    before(async function () {
      if (!(await usableBubblewrap())) this.skip();
    });
    after(async () => {
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('shows a needed file again inside an emptied socket folder, and not the socket beside it', async () => {
      // A socket folder of the host's own (/var/tmp: /tmp is emptied by the sandbox anyway).
      folder = mkdtempSync(join('/var/tmp', 'imperium-run-'));
      writeFileSync(join(folder, 'resolv.conf'), 'nameserver 127.0.0.53\n');
      server = createServer((socket) => socket.end('hello'));
      await new Promise<void>((done) => server?.listen(join(folder as string, 'bus'), done));
      const script = `
        console.log(require('node:fs').readFileSync(${JSON.stringify(join(folder, 'resolv.conf'))}, 'utf8').trim());
        require('node:net').connect(${JSON.stringify(join(folder, 'bus'))}).on('data', (d) => console.log('reached ' + d)).on('error', (e) => console.log('refused ' + e.code));`;
      const args = bubblewrapArgs({
        command: process.execPath,
        args: ['-e', script],
        cwd: root,
        writable: [],
        readOnlyInside: [],
        hidden: [folder],
        readable: await neededFrom([folder], [join(folder, 'resolv.conf')]),
        writableInside: [],
        hiddenInside: [],
        blanked: [],
        blank: '/dev/null',
        tempRoot: root,
        allowNetwork: true,
      });
      const bwrap = (await usableBubblewrap()) as string;
      const { stdout } = await promisify(execFile)(bwrap, args, { encoding: 'utf8', timeout: 15_000 });
      assert.match(stdout, /^nameserver 127\.0\.0\.53\nrefused ENOENT\n$/);
    });
  });
});
