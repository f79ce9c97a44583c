// The subcommands of `imperium`, in the order `imperium --help` lists them.
import type { CliCommand } from './cliCommand';
import { conductorCommand } from './conductorCommand';
import { demoCommand } from './demoCommand';
import { resumeCommand } from './resumeCommand';
import { runCommand } from './runCommand';
import { statusCommand } from './statusCommand';
import { testsCommand } from './testsCommand';
import { workerCommand } from './workerCommand';

export const COMMANDS: readonly CliCommand[] = [runCommand, resumeCommand, statusCommand, testsCommand, demoCommand, workerCommand, conductorCommand];
