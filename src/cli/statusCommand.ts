// `imperium status <folder>`: the workflows stored in a folder, newest first.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { summariesOfIndex } from '../core/orchestrator/workflowRepository';
import { DocumentFile } from '../infra/store/documentFile';
import { ConfigurationError, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { STATE_FOLDER } from '../runtime/folderStore';
import { type ConductorServerChoice, ConductorConfigurationError, ConductorUnreachableError } from '../runtime/conductorOpener';
import { connectConductor } from '../infra/conductor/conductorConnection';
import { CONDUCTOR_WORKFLOWS_DOCUMENT, conductorSummaries, type RecordedWorkflows } from '../infra/conductor/conductorStatus';
import type { WorkflowSummary } from '../core/orchestrator/workflowState';
import { ENGINE_OPTIONS, ENGINE_USAGE, parseEngineChoice } from './engineOptions';

const USAGE = `Usage: imperium status <folder> [--json] [--engine conductor --conductor-url <url>]

Lists the workflows stored in <folder>/.imperium/: id, status, the step it is on, when it started
and, for those that ended badly, why. With --engine conductor, the workflows this folder started on
that Conductor server, as the server has them now.

Options:
  --json                 Print the list as JSON.
  -h, --help             Show this help.

${ENGINE_USAGE}

Exit codes: 0 listed, 2 bad usage or configuration (the Conductor server unreachable).
`;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'List the workflows stored in a folder',
  usage: USAGE,
  run: status,
};

async function status(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArguments(args, { json: { type: 'boolean', default: false }, ...ENGINE_OPTIONS });
  const engine = parseEngineChoice(parsed.values);
  if (parsed.positionals.length !== 1) throw new UsageError('expected one folder.');
  const folder = resolve(io.cwd, parsed.positionals[0] as string);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new ConfigurationError(`the folder ${folder} does not exist or is not a folder.`);
  const stateFolder = join(folder, STATE_FOLDER);
  // The server is asked even for a folder without state, so a wrong address says so at once.
  const onServer = engine.kind === 'conductor' ? await conductorWorkflows(engine, stateFolder) : undefined;
  if (!(await stat(stateFolder).catch(() => undefined))) {
    io.stdout(parsed.values.json ? '[]\n' : `No workflows: ${folder} has no ${STATE_FOLDER}/ folder yet.\n`);
    return EXIT_OK;
  }
  // Read without the store's lock, so the status of a folder shows while a run is writing it.
  const workflows = (onServer ?? summariesOfIndex(await DocumentFile.peek(join(stateFolder, 'workflows')))).reverse();
  if (parsed.values.json) {
    io.stdout(`${JSON.stringify(workflows, null, 2)}\n`);
    return EXIT_OK;
  }
  if (workflows.length === 0) io.stdout('No workflows yet.\n');
  for (const w of workflows) {
    const when = new Date(w.createdAt).toISOString().replace('T', ' ').slice(0, 19);
    io.stdout(`${w.id}  ${w.status.padEnd(9)}  ${(w.step ?? '-').padEnd(10)}  ${when}  ${w.name} v${w.version}${w.reason ? `  ${w.reason.split('\n')[0]}` : ''}\n`);
  }
  return EXIT_OK;
}

async function conductorWorkflows(server: ConductorServerChoice, stateFolder: string): Promise<WorkflowSummary[]> {
  const recorded = ((await DocumentFile.peek(join(stateFolder, CONDUCTOR_WORKFLOWS_DOCUMENT))) ?? { workflows: {} }) as RecordedWorkflows;
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  try {
    const connection = await connectConductor({ url: server.url, logger: quiet, ...(server.token !== undefined && { token: server.token }) });
    return await conductorSummaries(connection, recorded);
  } catch (error) {
    if (error instanceof ConductorUnreachableError || error instanceof ConductorConfigurationError) throw new ConfigurationError(error.message);
    throw error;
  }
}
