// The subcommands of `imperium`, in the order `imperium --help` lists them.
import { apiCheckCommand } from './apiCheckCommand';
import { apiMockCommand } from './apiMockCommand';
import type { CliCommand } from './cliCommand';
import { conductorCommand } from './conductorCommand';
import { demoCommand } from './demoCommand';
import { mcpCommand } from './mcpCommand';
import { resumeCommand } from './resumeCommand';
import { runCommand } from './runCommand';
import { skillsCommand } from './skillsCommand';
import { serveCommand } from './serveCommand';
import { statusCommand } from './statusCommand';
import { testsCommand } from './testsCommand';
import { uiCheckCommand } from './uiCheckCommand';
import { undoCommand } from './undoCommand';
import { workerCommand } from './workerCommand';
import { workflowsCommand } from './workflowsCommand';

export const COMMANDS: readonly CliCommand[] = [runCommand, resumeCommand, statusCommand, undoCommand, workflowsCommand, testsCommand, skillsCommand, uiCheckCommand, apiCheckCommand, apiMockCommand, mcpCommand, serveCommand, workerCommand, conductorCommand, demoCommand];
