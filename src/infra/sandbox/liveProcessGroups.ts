// The process groups of test runs still running, killed when this process ends: on a normal exit, on
// an uncaught crash, and on SIGINT, SIGTERM or SIGHUP (re-raised afterwards, so the process still
// ends the way it would have). A SIGKILL cannot be caught: there bubblewrap's --die-with-parent
// takes a confined run down; an unconfined one can outlive it (the README says so).
import { spawnSync } from 'node:child_process';

const live = new Set<number>();
let installed = false;

/** Tracks `pid`'s group until the returned function is called. */
export function trackProcessGroup(pid: number): () => void {
  install();
  live.add(pid);
  return () => live.delete(pid);
}

/** Kills every tracked group now (synchronously: it runs inside 'exit'). */
export function killLiveProcessGroups(): void {
  for (const pid of live) {
    try {
      if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      else process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killLiveProcessGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Only where nobody else handles the signal: the editor and the CLI keep their own behaviour.
    if (process.listenerCount(signal) > 0) continue;
    const onSignal = (): void => {
      killLiveProcessGroups();
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
