// The subcommands of `imperium`, in the order `imperium --help` lists them.
import type { CliCommand } from './cliCommand';
import { demoCommand } from './demoCommand';
import { mcpCommand } from './mcpCommand';
import { resumeCommand } from './resumeCommand';
import { runCommand } from './runCommand';
import { serveCommand } from './serveCommand';
import { statusCommand } from './statusCommand';
import { testsCommand } from './testsCommand';

export const COMMANDS: readonly CliCommand[] = [runCommand, resumeCommand, statusCommand, testsCommand, mcpCommand, serveCommand, demoCommand];
