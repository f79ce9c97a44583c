#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron launches: it runs the same
// extension tests in a real VS Code 1.139 (the server build from code-server, with its web
// workbench in headless Chromium), because no desktop build can be downloaded here.
//
// Takes what test-electron passes: --extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir= (all in --name=value form) and the workspace folder; other
// flags are ignored. Exits with the workbench's code: 0 when the tests' run() resolved, 1 when it
// rejected.
//
// Environment:
//   IMPERIUM_WORKSPACE_TRUST    unset or "disabled": trust is off and the folder is trusted (as under
//                               test-electron, which always passes --disable-workspace-trust).
//                               "restricted": trust is on and nobody answers the prompt, so the folder
//                               opens in Restricted Mode (vscode.workspace.isTrusted === false).
//   IMPERIUM_SCREENSHOT_DIR     when set, the tests save their screenshots of the views there (the
//                               documentation's images: IMPERIUM_SCREENSHOT_DIR=docs/images), and a
//                               PNG of the page is saved there when the run fails.
//   IMPERIUM_VSCODE_TIMEOUT_SECONDS  overall limit, default 600.
//   IMPERIUM_VSCODE_VERBOSE=1   also print the VS Code server's output and the workbench's own log;
//                               by default only the extension host's console (the tests' output) is
//                               printed, and the server's output only when the run breaks down.
//   IMPERIUM_VSCODE_CACHE       where the VS Code build is installed (see vscodeInstall.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PAGE_DRIVER_ENV } from '../suite/pageDriver';
import { PageDriverServer } from './pageDriverServer';
import { isInstalled, vscodeInstall } from './vscodeInstall';

const CHROMIUM = '/usr/bin/chromium';
const HOST = '127.0.0.1';
const verbose = process.env.IMPERIUM_VSCODE_VERBOSE === '1';
/** The server's output, kept back unless verbose, and printed when the run breaks down. */
const serverOutput: string[] = [];

/**
 * The workbench's own chatter in this pinned build (chat, agent host, remote connection, and its
 * errors, whose stacks point into workbench.js). The workbench hands the extension host's console
 * lines to the same log, unlabelled, so the rest of it is what the tests printed.
 */
const WORKBENCH_CHATTER = [
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\b/,
  /^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin extensions cache/,
  /^Timed out waiting for authentication provider|^Creation of workbench contribution '.*' took/,
  /\/static\/out\/vs\/code\/browser\/workbench\//,
];

interface LaunchArgs {
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  readonly folder: string;
  readonly userDataDir: string | undefined;
  readonly extensionsDir: string | undefined;
}

function parseArgs(argv: string[]): LaunchArgs {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionDevelopmentPath = value('extensionDevelopmentPath');
  const extensionTestsPath = value('extensionTestsPath');
  const folder = argv.find((arg) => !arg.startsWith('-'));
  if (!extensionDevelopmentPath || !extensionTestsPath || !folder) {
    throw new Error('usage: vscodeWeb <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<file.js> [--user-data-dir=<dir>] [--extensions-dir=<dir>]');
  }
  return {
    extensionDevelopmentPath: resolve(extensionDevelopmentPath),
    extensionTestsPath: resolve(extensionTestsPath),
    folder: resolve(folder),
    userDataDir: value('user-data-dir'),
    extensionsDir: value('extensions-dir'),
  };
}

function workspaceTrustFlags(): string[] {
  const mode = process.env.IMPERIUM_WORKSPACE_TRUST ?? 'disabled';
  if (mode === 'disabled') return ['--disable-workspace-trust'];
  if (mode === 'restricted') return [];
  throw new Error(`IMPERIUM_WORKSPACE_TRUST must be "disabled" or "restricted", not "${mode}"`);
}

function timeoutSeconds(): number {
  const seconds = Number(process.env.IMPERIUM_VSCODE_TIMEOUT_SECONDS ?? 600);
  if (!(seconds > 0)) throw new Error('IMPERIUM_VSCODE_TIMEOUT_SECONDS must be a positive number');
  return seconds;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function startServer(port: number, dataDir: string, extensionsDir: string, driver: PageDriverServer): ChildProcess {
  const install = vscodeInstall();
  const args = [
    install.serverMain,
    ...['--host', HOST, '--port', String(port)],
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    // Makes the built workbench honour the extension development and tests paths given by URL.
    '--enable-smoke-test-driver',
    // The extension host gets the environment the harness gives (a run may put a failing bwrap
    // first on PATH), not one resolved again from the login shell.
    '--force-disable-user-env',
    ...workspaceTrustFlags(),
    ...['--user-data-dir', dataDir, '--server-data-dir', dataDir, '--extensions-dir', extensionsDir],
  ];
  // Its own process group, so that stopping it also stops the extension host it forks.
  const env = { ...process.env, [PAGE_DRIVER_ENV]: driver.url };
  const server = spawn(install.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  for (const stream of [server.stdout, server.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      const text = chunk.toString().replace(/^(?=.)/gm, '[vscode-server] ');
      if (verbose) process.stdout.write(text);
      else serverOutput.push(text);
    });
  }
  return server;
}

function stopServer(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  while (server.exitCode === null && server.signalCode === null) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

function workbenchUrl(port: number, args: LaunchArgs): string {
  const remote = (path: string) => `vscode-remote://${HOST}:${port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(args.extensionTestsPath)],
  ];
  return `http://${HOST}:${port}/?folder=${encodeURIComponent(args.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Opens the workbench and resolves with the exit code it reports when the tests' run() settles. */
async function runTests(page: Page, url: string): Promise<number> {
  let reportExit!: (code: number) => void;
  const exitCode = new Promise<number>((resolveExit) => (reportExit = resolveExit));
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  // While extension tests run, the workbench hands its log, the extension host's console included, to this.
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
    const line = format(...args);
    if (!verbose && WORKBENCH_CHATTER.some((pattern) => pattern.test(line))) return;
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  // The run's own time limit (IMPERIUM_VSCODE_TIMEOUT_SECONDS) bounds the load; on a busy machine it takes long.
  await page.goto(url, { waitUntil: 'commit', timeout: 0 });
  return exitCode;
}

async function failureScreenshot(page: Page, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(resolve(dir), `workbench-failed-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  await page.screenshot({ path: file });
  console.log(`[vscode-web] screenshot: ${file}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!isInstalled()) {
    throw new Error(`VS Code is not installed in ${vscodeInstall().cacheDir}; runIntegrationTests installs it (ensureVsCodeInstalled)`);
  }
  const seconds = timeoutSeconds();
  const scratch = mkdtempSync(join(tmpdir(), 'imperium-vscode-web-'));
  const port = await freePort();
  const driver = await PageDriverServer.start();
  const server = startServer(port, args.userDataDir ?? join(scratch, 'data'), args.extensionsDir ?? join(scratch, 'extensions'), driver);
  const cleanUp = () => {
    stopServer(server);
    void driver.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  // test-electron stops its `code` with SIGINT on Ctrl+C; the server must not outlive us.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(128 + constants.signals[signal]);
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the tests did not finish within ${seconds} s (IMPERIUM_VSCODE_TIMEOUT_SECONDS)`)), seconds * 1000);
    server.once('exit', (code, signal) => reject(new Error(`the VS Code server exited early (${code ?? signal})`)));
  });
  failed.catch(() => undefined); // only ever raced; the server's exit at clean-up must not count as unhandled
  let browser: Browser | undefined;
  let page: Page | undefined;
  let exitCode: number | undefined;
  try {
    const started = Date.now();
    await Promise.race([waitForServer(`http://${HOST}:${port}/version`, server), failed]);
    console.log(`[vscode-web] VS Code server ready on port ${port} in ${Date.now() - started} ms`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    driver.attach(page);
    exitCode = await Promise.race([runTests(page, workbenchUrl(port, args)), failed]);
    return exitCode;
  } finally {
    clearTimeout(timer);
    const dir = process.env.IMPERIUM_SCREENSHOT_DIR;
    if (page && dir && exitCode !== 0) await failureScreenshot(page, dir).catch((error: unknown) => console.error(`[vscode-web] no screenshot: ${String(error)}`));
    await browser?.close().catch(() => undefined);
    cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(serverOutput.join(''));
    console.error(`[vscode-web] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
