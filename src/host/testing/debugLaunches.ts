// Test processes started under VS Code's JavaScript debugger (js-debug), for the Debug profile: the
// very command line a run would spawn, launched as a `node` debug session, which follows the child
// processes and workers frameworks start (node:test's per-file processes, jest's and vitest's
// workers) so breakpoints in tests bind. The sessions' stdout and stderr reach the run's output
// through a debug adapter tracker. No deadline applies: a person paused at a breakpoint is not hung.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { CappedOutput } from '../../infra/testRunners/cappedOutput';
import type { ProcessEnd, ProcessEnding, ProcessLauncher, ProcessSpec } from '../../infra/testRunners/testProcess';

/** Marks the launch configurations this class starts, to find their sessions again. */
const LAUNCH_KEY = '__imperiumTestLaunch';

interface Launch {
  readonly output: CappedOutput;
  exitCode: number | null;
}

interface DebugAdapterMessage {
  readonly type?: string;
  readonly event?: string;
  readonly body?: { readonly category?: string; readonly output?: string; readonly exitCode?: number };
}

export class DebugLaunches implements vscode.Disposable {
  private readonly launches = new Map<string, Launch>();
  private readonly tracker: vscode.Disposable;

  constructor() {
    this.tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', { createDebugAdapterTracker: (session) => this.trackerFor(session) });
  }

  /** Starts processes as debug sessions of `folder`, linked to the test run so stopping one stops the other. */
  launcher(folder: vscode.WorkspaceFolder, testRun: vscode.TestRun): ProcessLauncher {
    return (spec) => this.launch(folder, testRun, spec);
  }

  dispose(): void {
    this.tracker.dispose();
  }

  private launch(folder: vscode.WorkspaceFolder, testRun: vscode.TestRun, spec: ProcessSpec): Promise<ProcessEnd> {
    const id = randomUUID();
    const started = Date.now();
    const launch: Launch = { output: new CappedOutput(spec.outputLimit), exitCode: null };
    this.launches.set(id, launch);
    const configuration: vscode.DebugConfiguration = {
      type: 'node',
      request: 'launch',
      name: testRun.name ?? 'Debug tests',
      runtimeExecutable: spec.command,
      runtimeArgs: [...spec.args],
      cwd: spec.cwd,
      env: definedValues(spec.env ?? {}),
      console: 'internalConsole',
      // Reporters write to the streams, not through console.log.
      outputCapture: 'std',
      autoAttachChildProcesses: true,
      skipFiles: ['<node_internals>/**'],
      [LAUNCH_KEY]: id,
    };
    return new Promise((resolve) => {
      let session: vscode.DebugSession | undefined;
      let canceled = spec.signal?.aborted ?? false;
      const ours = (candidate: vscode.DebugSession) => candidate.configuration[LAUNCH_KEY] === id;
      const finish = (ending: ProcessEnding, startError?: string) => {
        for (const listener of listeners) listener.dispose();
        spec.signal?.removeEventListener('abort', onAbort);
        this.launches.delete(id);
        resolve({ ending, exitCode: launch.exitCode, exitSignal: null, output: launch.output.text(), durationMs: Date.now() - started, ...(startError && { startError }) });
      };
      const onAbort = () => {
        canceled = true;
        if (session) void vscode.debug.stopDebugging(session);
      };
      const listeners = [
        vscode.debug.onDidStartDebugSession((candidate) => {
          if (!ours(candidate)) return;
          session = candidate;
          if (canceled) void vscode.debug.stopDebugging(candidate);
        }),
        vscode.debug.onDidTerminateDebugSession((candidate) => {
          if (ours(candidate)) finish(canceled ? 'canceled' : 'exited');
        }),
      ];
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      vscode.debug.startDebugging(folder, configuration, { testRun }).then(
        (didStart) => {
          if (!didStart) finish('failed-to-start', 'The JavaScript debugger did not start: is the built-in "JavaScript Debugger" extension enabled?');
        },
        (error: unknown) => finish('failed-to-start', `The JavaScript debugger did not start: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  /** js-debug runs each process in a child session of the one started: output is matched by the root session. */
  private trackerFor(session: vscode.DebugSession): vscode.DebugAdapterTracker | undefined {
    let root = session;
    while (root.parentSession) root = root.parentSession;
    const launch = this.launches.get(String(root.configuration[LAUNCH_KEY]));
    if (!launch) return undefined;
    return {
      onDidSendMessage: (message: DebugAdapterMessage) => {
        if (message.type !== 'event') return;
        if (message.event === 'output' && (message.body?.category === 'stdout' || message.body?.category === 'stderr')) launch.output.append(message.body.output ?? '');
        // The process a run started exits last: its children end before it does.
        if (message.event === 'exited' && typeof message.body?.exitCode === 'number') launch.exitCode = message.body.exitCode;
      },
    };
  }
}

/** A launch configuration's environment takes strings only. */
function definedValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
