// Parses a subcommand's arguments with Node's parseArgs, turning its errors into UsageError so the
// CLI prints them with the command's usage and exits with EXIT_USAGE.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cliCommand';

export function parseCommandArguments<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
