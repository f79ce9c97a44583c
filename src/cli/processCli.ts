// Wires the process to the CLI: arguments, output streams, Ctrl-C, the exit code. Shared by the
// entry bundles, so each loads only the commands it serves.
import { runCli } from './cli';
import { EXIT_FAILED, type CliCommand } from './cliCommand';
import { terminalText } from './terminalText';

export function runProcessCli(commands: readonly CliCommand[]): void {
  const interrupt = new AbortController();
  // The first Ctrl-C cancels the work (test processes are stopped and reported); a second one quits.
  process.once('SIGINT', () => {
    interrupt.abort(new Error('Interrupted.'));
    process.once('SIGINT', () => process.exit(130));
  });

  runCli(
    process.argv.slice(2),
    {
      // Model text, paths and test messages are printed: never as terminal control sequences.
      stdout: (text) => process.stdout.write(terminalText(text)),
      stderr: (text) => process.stderr.write(terminalText(text)),
      cwd: process.cwd(),
      signal: interrupt.signal,
    },
    commands,
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalText(`imperium: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
      process.exitCode = EXIT_FAILED;
    },
  );
}
