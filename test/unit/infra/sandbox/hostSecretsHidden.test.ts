// Adversarial (issue 16, point 1: a confined run "reads nothing secret outside" the workspace): a
// test process that reads the password hashes, /root although HOME points elsewhere, /var (package
// databases, logs, cloud and docker state), mounted disks and every other place hostSecrets names.
// Before, only home folders and socket folders were hidden: all of these read as on the host. Node
// and Python still run in the same sandbox, and see the CA certificates and the resolver.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { usableBubblewrap } from '../../../../src/infra/sandbox/bubblewrap';
import { BLANKED_HOST_FILES, HIDDEN_HOST_FOLDERS, hostSecrets } from '../../../../src/infra/sandbox/hostSecrets';
import { testEnvironment } from '../../../../src/infra/testRunners/frameworkRunner';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';
import { socketFolders } from '../../../../src/infra/sandbox/socketFolders';

/** What this process (outside any sandbox) can read: a file's first bytes, a folder's entries. */
function readableHere(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? readdirSync(path).join('\n') : readFileSync(path).subarray(0, 64).toString('base64');
  } catch {
    return undefined;
  }
}

/** The same reads inside a confined process; undefined where it failed. */
const READER = `
const fs = require('node:fs');
const read = (p) => { try { return fs.statSync(p).isDirectory() ? fs.readdirSync(p).join('\\n') : fs.readFileSync(p).subarray(0, 64).toString('base64'); } catch { return null; } };
console.log(JSON.stringify(Object.fromEntries(JSON.parse(process.argv[1]).map((p) => [p, read(p)]))));`;

describe('a confined run and the secrets outside the workspace', function () {
  this.timeout(60_000);
  let workspace: string;
  const savedHome = process.env.HOME;

  before(async function () {
    if (!(await usableBubblewrap())) this.skip();
  });

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'imperium-host-secrets-'));
    // /root is hidden as a home folder of its own, not only when it is HOME.
    process.env.HOME = join(workspace, 'elsewhere');
    mkdirSync(process.env.HOME);
  });

  afterEach(() => {
    process.env.HOME = savedHome;
    rmSync(workspace, { recursive: true, force: true });
  });

  async function readConfined(paths: readonly string[]): Promise<Record<string, string | null>> {
    const end = await runProcess({ command: process.execPath, args: ['-e', READER, JSON.stringify(paths)], cwd: workspace, env: testEnvironment(), timeoutMs: 15_000, outputLimit: 1_000_000 });
    assert.equal(end.confinement?.confined, true, end.output);
    return JSON.parse(end.output) as Record<string, string | null>;
  }

  it('cannot read any secret place this machine has, where this process can', async () => {
    const host = await hostSecrets();
    const places = [...host.folders, ...host.files, '/root'].filter((path) => {
      const here = readableHere(path);
      return here !== undefined && here !== '';
    });
    // Not vacuous on this kind of machine: the password hashes and /var are there to be read.
    for (const expected of ['/etc/shadow', '/var']) if (readableHere(expected)) assert.ok(places.includes(expected), `${expected} is among the places tried`);
    assert.ok(places.length > 0, 'nothing secret could be read even outside the sandbox');
    const seen = await readConfined(places);
    // A hidden folder inside another (/var/tmp in /var) is an empty mount point of the sandbox's own.
    const mountPoints = [...host.folders, ...(await socketFolders())];
    const leaked = places.filter((path) => {
      const entries = (seen[path] ?? '').split('\n').filter((entry) => entry !== '');
      return seen[path] !== null && entries.some((entry) => !mountPoints.some((point) => dirname(point) === path && basename(point) === entry));
    });
    assert.deepEqual(leaked, [], `read inside the sandbox: ${leaked.map((path) => `${path}: ${seen[path]?.slice(0, 40)}`).join('; ')}`);
  });

  it('names the places that hold secrets on common systems', () => {
    for (const folder of ['/var', '/srv', '/mnt', '/media', '/etc/ssl/private', '/etc/docker', '/etc/kubernetes']) assert.ok(HIDDEN_HOST_FOLDERS.includes(folder), folder);
    for (const file of ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/npmrc']) assert.ok(BLANKED_HOST_FILES.includes(file), file);
  });

  it('still runs Node and Python with what they need from the system', async () => {
    const paths = ['/etc/ssl/certs', '/etc/resolv.conf', '/etc/passwd', '/etc/ld.so.cache', '/usr/lib', process.execPath];
    const here = Object.fromEntries(paths.map((path) => [path, readableHere(path) ?? null]));
    assert.deepEqual(await readConfined(paths), here);
    const python = (() => {
      try {
        return execFileSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).trim();
      } catch {
        return undefined;
      }
    })();
    if (python === undefined) return;
    const end = await runProcess({
      command: 'python3',
      args: ['-c', 'import ssl, json, sqlite3; print(json.dumps([ssl.create_default_context().cert_store_stats()["x509_ca"] > 0, sqlite3.sqlite_version != ""]))'],
      cwd: workspace,
      env: testEnvironment(),
      timeoutMs: 30_000,
      outputLimit: 100_000,
    });
    assert.equal(end.confinement?.confined, true, end.output);
    assert.equal(end.output.trim().split('\n').at(-1), '[true, true]', end.output);
  });
});
