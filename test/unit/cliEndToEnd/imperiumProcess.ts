// `imperium` as a user runs it: a process of its own, started from the sources through tsx in the
// repository root, with a deadline so a hung CLI fails the test instead of hanging the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GLOBAL_MEMORY_ENV } from '../../../src/cli/cliMemory';

export const REPOSITORY = resolve(__dirname, '../../..');

// tsx by path: `--import tsx` would resolve it from the working folder.
export const TSX = pathToFileURL(join(REPOSITORY, 'node_modules/tsx/dist/loader.mjs')).href;
export const MAIN = join(REPOSITORY, 'src/cli/main.ts');

export interface CliOutcome {
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface ImperiumProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches, rejects if the process ends first or the wait runs out. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Resolves when the process has ended; kills it (and rejects) at the deadline. */
  readonly ended: Promise<CliOutcome>;
}

/** The user's global memory for every run of this test process: never the developer's own. */
const GLOBAL_MEMORY = mkdtempSync(join(tmpdir(), 'imperium-e2e-global-memory-'));
process.once('exit', () => rmSync(GLOBAL_MEMORY, { recursive: true, force: true }));

/**
 * The environment without the settings a developer's shell may carry (a real key, a model, an
 * endpoint), so every run here talks to the scripted server and nothing else, and keeps its global
 * memory in a temporary folder.
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', [GLOBAL_MEMORY_ENV]: GLOBAL_MEMORY };
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(IMPERIUM_|OPENAI_)/.test(name) && name !== 'FORCE_COLOR') env[name] = value;
  }
  return env;
}

export function startImperium(args: readonly string[], deadlineMs: number, extraEnv: NodeJS.ProcessEnv = {}): ImperiumProcess {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd: REPOSITORY, env: { ...cleanEnvironment(), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const ended = new Promise<CliOutcome>((resolveEnded, rejectEnded) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      rejectEnded(new Error(`imperium ${args.join(' ')} did not end within ${deadlineMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, deadlineMs);
    exited.then(([code, signal]) => {
      clearTimeout(deadline);
      resolveEnded({ code, signal, stdout, stderr, durationMs: performance.now() - started });
    }, rejectEnded);
  });
  // A rejection nobody awaited yet (the caller may be waiting on stdout first) must not crash mocha.
  ended.catch(() => undefined);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    ended,
    waitForStdout(pattern, timeoutMs) {
      return new Promise((resolveWait, rejectWait) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('close', closed);
          if (error) rejectWait(error);
          else resolveWait();
        };
        const check = () => {
          if (pattern.test(stdout)) finish();
        };
        const closed = () => finish(new Error(`imperium ended before its output matched ${pattern}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        const timer = setTimeout(() => finish(new Error(`imperium's output did not match ${pattern} within ${timeoutMs} ms.\nstdout:\n${stdout}`)), timeoutMs);
        child.stdout?.on('data', check);
        child.on('close', closed);
        check();
      });
    },
  };
}

/** Runs `imperium <args>` to its end. */
export function runImperium(args: readonly string[], deadlineMs: number): Promise<CliOutcome> {
  return startImperium(args, deadlineMs).ended;
}

/** The outcome as an assertion message: what the CLI printed. */
export function printed(outcome: CliOutcome): string {
  return `exit ${outcome.code ?? outcome.signal}\nstdout:\n${outcome.stdout}\nstderr:\n${outcome.stderr}`;
}
