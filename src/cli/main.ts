// The `imperium` executable (bundled to dist/cli.js): wires the process to the CLI.
import { runCli } from './cli';
import { EXIT_FAILED } from './cliCommand';
import { COMMANDS } from './commands';

const interrupt = new AbortController();
// The first Ctrl-C cancels the work (test processes are stopped and reported); a second one quits.
process.once('SIGINT', () => {
  interrupt.abort(new Error('Interrupted.'));
  process.once('SIGINT', () => process.exit(130));
});

runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    signal: interrupt.signal,
  },
  COMMANDS,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`imperium: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
