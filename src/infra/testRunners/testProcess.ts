// Runs one test-framework process to its end, its deadline or its cancellation. Frameworks start
// workers and child processes of their own, so the process leads a process group of its own and
// the whole group is stopped: first politely (SIGINT lets pytest and node write what they have),
// then for good, so no worker outlives the run. Model-written code runs here, so the process is
// confined (see ../sandbox/confinement.ts) and its group is killed if this process ends first.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { RunConfinement } from '../../shared/testResults';
import { bubblewrapStillUsable, couldNotMakeSandbox } from '../sandbox/bubblewrap';
import { confine, type SandboxPolicy } from '../sandbox/confinement';
import { signalGroupButLeader } from '../sandbox/groupMembers';
import { trackProcessGroup } from '../sandbox/liveProcessGroups';
import { START_ERROR_FD, underParentWatchdog } from '../sandbox/parentWatchdog';
import { CappedOutput } from './cappedOutput';

export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Characters of stdout and stderr kept (see CappedOutput). */
  readonly outputLimit: number;
  /** Imperium's own folders for the run (reporter, records, configuration): writable in the sandbox. */
  readonly privateDirs?: readonly string[];
  /** What the person allowed the run (network). Default: nothing. */
  readonly sandbox?: SandboxPolicy;
  /** See ConfineRequest: the workspace read-only as well; no start at all without a sandbox. */
  readonly readOnlyWorkspace?: boolean;
  readonly sandboxRequired?: boolean;
  /** Called once the process has started: work that can be done while it runs (reading its results needs a scanner loaded). */
  readonly onStarted?: () => void;
}

/**
 * Starts a test-framework process and reports its end: runProcess by default; the editor passes one
 * that starts the same command under its debugger.
 */
export type ProcessLauncher = (spec: ProcessSpec) => Promise<ProcessEnd>;

export type ProcessEnding = 'exited' | 'timed-out' | 'canceled' | 'failed-to-start';

export interface ProcessEnd {
  readonly ending: ProcessEnding;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived, capped. */
  readonly output: string;
  readonly durationMs: number;
  /** Why the process did not start, for 'failed-to-start'. */
  readonly startError?: string;
  /** How it was confined (absent from launchers that do not confine, such as a debug session). */
  readonly confinement?: RunConfinement;
}

/** How long a stopped group gets to write its reports before it is killed. */
const GRACE_MS = 3000;
/** How long to wait for pipes that a leaked grandchild keeps open after the leader exited. */
const DRAIN_MS = 500;

export async function runProcess(spec: ProcessSpec): Promise<ProcessEnd> {
  if (spec.signal?.aborted) return { ending: 'canceled', exitCode: null, exitSignal: null, output: '', durationMs: 0 };
  const end = await runConfined(spec);
  // bubblewrap was remembered as usable and no longer is: once found out, the run goes as it would have.
  if (end.confinement?.confined && couldNotMakeSandbox(end.exitCode, end.output) && !(await bubblewrapStillUsable())) return runConfined(spec);
  return end;
}

async function runConfined(spec: ProcessSpec): Promise<ProcessEnd> {
  const confined = await confine({
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    env: spec.env,
    privateDirs: spec.privateDirs,
    policy: spec.sandbox,
    ...(spec.readOnlyWorkspace && { readOnlyWorkspace: true }),
    ...(spec.sandboxRequired && { sandboxRequired: true }),
  });
  try {
    // Unconfined, nothing else takes the run down with this process if it is killed outright.
    const watched = !confined.confinement.confined && process.platform !== 'win32';
    const started = watched ? underParentWatchdog(confined.command, confined.args, confined.env) : confined;
    const end = await runSpawned({ ...spec, command: started.command, args: started.args, env: started.env }, confined.confinement.confined, watched ? spec.command : undefined);
    return { ...end, confinement: confined.confinement };
  } finally {
    await confined.dispose();
  }
}

/** `watchedCommand`: the command the watchdog starts, which tells on START_ERROR_FD why it could not. */
function runSpawned(spec: ProcessSpec, sandboxed: boolean, watchedCommand?: string): Promise<ProcessEnd> {
  const started = Date.now();
  const output = new CappedOutput(spec.outputLimit);

  function end(ending: ProcessEnding, exitCode: number | null, exitSignal: NodeJS.Signals | null, startError?: string): ProcessEnd {
    return { ending, exitCode, exitSignal, output: output.text(), durationMs: Date.now() - started, ...(startError ? { startError } : {}) };
  }

  return new Promise((resolve) => {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      // Under the watchdog a fourth pipe (START_ERROR_FD) carries why the command could not start.
      stdio: watchedCommand === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const untrack = child.pid === undefined ? () => false : trackProcessGroup(child.pid);
    if (spec.onStarted) child.once('spawn', spec.onStarted);
    let stopReason: 'timed-out' | 'canceled' | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const settle = (result: ProcessEnd): void => {
      if (settled) return;
      settled = true;
      untrack();
      for (const timer of timers) clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const stop = (reason: 'timed-out' | 'canceled'): void => {
      if (stopReason || exit) return;
      stopReason = reason;
      if (sandboxed && child.pid !== undefined) signalGroupButLeader(child.pid, 'SIGINT');
      else signalGroup(child.pid, 'SIGINT');
      timers.push(setTimeout(() => signalGroup(child.pid, 'SIGKILL'), GRACE_MS));
    };
    const onAbort = (): void => stop('canceled');

    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.append(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.append(chunk));
    let startError = '';
    (child.stdio[START_ERROR_FD] as Readable | null | undefined)?.setEncoding('utf8').on('data', (chunk: string) => (startError += chunk));
    const ended = (code: number | null, signal: NodeJS.Signals | null): ProcessEnd =>
      startError && watchedCommand !== undefined ? end('failed-to-start', null, null, `Could not start ${watchedCommand}: ${startError}`) : end(stopReason ?? 'exited', code, signal);
    child.on('error', (error) => settle(end('failed-to-start', null, null, `Could not start ${spec.command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever the leader left behind (workers, servers a test started) goes with it.
      signalGroup(child.pid, 'SIGKILL');
      timers.push(setTimeout(() => settle(ended(code, signal)), DRAIN_MS));
    });
    child.on('close', () => {
      if (exit) settle(ended(exit.code, exit.signal));
    });
    timers.push(setTimeout(() => stop('timed-out'), spec.timeoutMs));
    spec.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      // Windows has no process groups; taskkill /T takes the tree down.
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    } else {
      process.kill(-pid, signal);
    }
  } catch {
    // The group is already gone.
  }
}
