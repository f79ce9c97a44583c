// Where no sandbox takes a run down with its parent (no bubblewrap, macOS), a process started for an
// agent could outlive a parent killed outright (SIGKILL, a crash of the editor's host), since no
// exit handler runs then. So an unconfined run is started under a small watchdog: a Node process
// that leads the run's process group, starts the command as its child, and, once its own parent is
// gone, kills the whole group. Otherwise it is invisible: the command's output, exit code and
// signal are the watchdog's own, and Ctrl-C reaches the command, not the watchdog. A command that
// cannot start is told apart from one that ran and failed: the reason goes to file descriptor
// START_ERROR_FD (a pipe the caller opens), never mixed into the command's output.

/** Carries the command's own NODE_OPTIONS past the watchdog (which must not load the command's preloads). */
const NODE_OPTIONS_ENV = 'IMPERIUM_WATCHDOG_NODE_OPTIONS';
/** The watchdog's file descriptor for why the command could not start (stdin, stdout, stderr, then this). */
export const START_ERROR_FD = 3;
/** How often the watchdog looks whether its parent is still there. */
const POLL_MS = 250;

// Kept as plain JavaScript of one function: it runs as `node -e`, outside the bundles.
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [parent, command, ...args] = process.argv.slice(1);
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
if (env.${NODE_OPTIONS_ENV} !== undefined) env.NODE_OPTIONS = env.${NODE_OPTIONS_ENV};
delete env.${NODE_OPTIONS_ENV};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
const child = spawn(command, args, { stdio: 'inherit', env });
const killGroup = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} };
const alive = () => { try { process.kill(Number(parent), 0); return process.ppid === Number(parent); } catch { return false; } };
const watch = setInterval(() => { if (!alive()) killGroup(); }, ${POLL_MS});
child.on('error', (error) => {
  clearInterval(watch);
  try { require('node:fs').writeSync(${START_ERROR_FD}, error.message); } catch { process.stderr.write('Could not start ' + command + ': ' + error.message + '\\n'); }
  process.exit(127);
});
child.on('exit', (code, signal) => {
  clearInterval(watch);
  if (signal) { process.removeAllListeners(signal); process.kill(process.pid, signal); }
  else process.exit(code ?? 1);
});
`;

export interface WatchedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** `command` started under the watchdog, which dies (and kills its group) with this process; spawn it with a pipe at START_ERROR_FD. */
export function underParentWatchdog(command: string, args: readonly string[], env: NodeJS.ProcessEnv): WatchedCommand {
  const { NODE_OPTIONS: nodeOptions, ...rest } = env;
  return {
    // In the editor's host process.execPath is Electron, which runs as Node with ELECTRON_RUN_AS_NODE.
    command: process.execPath,
    args: ['-e', WATCHDOG, String(process.pid), command, ...args],
    env: { ...rest, ELECTRON_RUN_AS_NODE: '1', ...(nodeOptions !== undefined && { [NODE_OPTIONS_ENV]: nodeOptions }) },
  };
}
