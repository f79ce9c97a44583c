// `imperium <command> [options]`: dispatches to the subcommand and maps what goes wrong to the
// CLI's exit codes, with a message on stderr.
import { expectedFailureLine } from './expectedFailures';
import { ConfigurationError, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cliCommand';

function generalUsage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Usage: imperium <command> [options]',
    '',
    'Imperium Flow headless: the same engine as the VS Code extension, for CI and scripts.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help  Show this help; `imperium <command> --help` shows a command\'s own.',
    '',
    'Exit codes: 0 success, 1 the work failed (tests failed or timed out), 2 bad usage or configuration.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    const text = topic ? topic.usage : generalUsage(commands);
    // Asked for, help goes to stdout; given nothing at all, the usage is an error.
    if (name === undefined) {
      io.stderr(text);
      return EXIT_USAGE;
    }
    io.stdout(text);
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`imperium: unknown command "${name}".\n\n${generalUsage(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`imperium ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigurationError) {
      io.stderr(`imperium ${command.name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const expected = expectedFailureLine(error);
    if (expected !== undefined) {
      io.stderr(`imperium ${command.name}: ${expected}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
