// What every `imperium` subcommand is, what it may use, and the exit codes the whole CLI shares.

/** The work succeeded. */
export const EXIT_OK = 0;
/** The work ran and failed: tests failed, a run timed out or was canceled. */
export const EXIT_FAILED = 1;
/** Bad usage or configuration: an unknown command or option, a missing folder, no test framework. */
export const EXIT_USAGE = 2;

export interface CliIo {
  /** Writes to standard output as is (add the newline). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Relative paths on the command line are relative to this folder. */
  readonly cwd: string;
  /** Aborts when the user interrupts (Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The command's full help: synopsis, arguments, options. */
  readonly usage: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad usage: the CLI prints the message and the command's usage, and exits with EXIT_USAGE. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A configuration the command cannot work with (a missing folder, no framework): exits with EXIT_USAGE, without the usage text. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
