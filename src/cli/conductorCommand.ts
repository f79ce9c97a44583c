// `imperium conductor export`: the Conductor metadata the engine registers for a workflow (task
// definitions, the workflow definition, and the approval workflow a person's approvals wait in as
// HUMAN tasks), as JSON a Conductor user can read, diff or load with the server's own API.
import { approvalWorkflowDef } from '../infra/conductor/approvalWorkflow';
import { ConductorDefinitionError, DEFAULT_NAME_PREFIX, DEFAULT_RESPONSE_TIMEOUT_SECONDS, toConductorMetadata } from '../infra/conductor/conductorDefinitions';
import { parseWorkflowDefinition } from '../core/orchestrator/workflowDefinition';
import { builtInModules } from '../runtime/workflowCatalog';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';

const WORKFLOWS: Readonly<Record<string, unknown>> = Object.fromEntries(builtInModules().list().map((module) => [module.id, module.definition]));

const USAGE = `Usage: imperium conductor export [--workflow <name>] [options]

Prints the Conductor metadata for a workflow as JSON:
{ "taskDefs": [...], "workflowDef": {...}, "approvalWorkflowDef": {...} }.
Every step is a SIMPLE task of the workflow's one task type (the taskDefs entry, with the defaults),
its own retry count, delay and logic and its total and response timeouts inline on the task
(taskDefinition); a step that may send the workflow back closes a DO_WHILE loop. A request a step
waits on for a person is started as the approval workflow (<prefix>_approval, one HUMAN task
"approval", correlated by the asking workflow's id); answer it with
POST /api/tasks/<approval workflow id>/approval/COMPLETED and {"approved": true} or
{"approved": false, "note": "..."} ({"choice": "..."} for an escalation). Load it all by hand with
POST /api/metadata/taskdefs (the taskDefs) and PUT /api/metadata/workflow
([workflowDef, approvalWorkflowDef]).

Options:
  --workflow <name>      ${Object.keys(WORKFLOWS).join(', ')} (default feature).
  --prefix <text>        Prefix of every name on the server (default ${DEFAULT_NAME_PREFIX}).
  --response-timeout <s> Seconds without a heartbeat before the server takes a task back
                         (default ${DEFAULT_RESPONSE_TIMEOUT_SECONDS}).
  -h, --help             Show this help.
`;

export const conductorCommand: CliCommand = {
  name: 'conductor',
  summary: 'Print the Conductor task and workflow definitions of a workflow and its approvals (conductor export)',
  usage: USAGE,
  run: conductor,
};

async function conductor(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { workflow: { type: 'string', default: 'feature' }, prefix: { type: 'string' }, 'response-timeout': { type: 'string' } });
  if (positionals[0] !== 'export' || positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'expected a subcommand: export.' : `unknown subcommand "${positionals.join(' ')}"; expected export.`);
  const definition = WORKFLOWS[values.workflow];
  if (!definition) throw new UsageError(`there is no workflow "${values.workflow}"; known: ${Object.keys(WORKFLOWS).join(', ')}.`);
  if (values.prefix !== undefined && !/^[A-Za-z][A-Za-z0-9_]*$/.test(values.prefix)) throw new UsageError('--prefix must start with a letter and use letters, digits and "_".');
  const timeout = values['response-timeout'] === undefined ? undefined : Number(values['response-timeout']);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1)) throw new UsageError('--response-timeout takes a whole number of seconds, at least 1.');
  try {
    const metadata = toConductorMetadata(parseWorkflowDefinition(definition), { ...(values.prefix !== undefined && { prefix: values.prefix }), ...(timeout !== undefined && { responseTimeoutSeconds: timeout }) });
    io.stdout(`${JSON.stringify({ ...metadata, approvalWorkflowDef: approvalWorkflowDef(values.prefix ?? DEFAULT_NAME_PREFIX) }, null, 2)}\n`);
  } catch (error) {
    if (error instanceof ConductorDefinitionError) throw new UsageError(error.message);
    throw error;
  }
  return EXIT_OK;
}
