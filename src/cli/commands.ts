// The subcommands of `imperium`, in the order `imperium --help` lists them.
import type { CliCommand } from './cliCommand';
import { demoCommand } from './demoCommand';
import { resumeCommand } from './resumeCommand';
import { runCommand } from './runCommand';
import { statusCommand } from './statusCommand';
import { testsCommand } from './testsCommand';
import { workflowsCommand } from './workflowsCommand';

export const COMMANDS: readonly CliCommand[] = [runCommand, resumeCommand, statusCommand, workflowsCommand, testsCommand, demoCommand];
