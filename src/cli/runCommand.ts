// `imperium run <folder> "<request>" [--workflow <id>]`: a workflow module (feature by default:
// plan, red, green, refactor, review) on a folder, with live progress, ending with the report.
import { resolve } from 'node:path';
import { builtInModules, DEFAULT_WORKFLOW, ModuleInputError, UnknownWorkflowError, type WorkflowModule } from '../runtime/workflowCatalog';
import { ConfigurationError, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';
import { finishWorkflow, openSession, printForecast, reportPath } from './workflowSession';

const USAGE = `Usage: imperium run <folder> "<request>" [--workflow <id>] [options]

Runs a workflow on the request in <folder>; \`imperium workflows\` lists them. The default,
${DEFAULT_WORKFLOW}, implements the request test-first: the Product Owner writes acceptance criteria, the
Board reviews the plan, TestBot writes tests that must fail for the right reason, CodeBot makes them
pass without touching them, refactors, and the Board reviews the change. Progress is printed as it
happens; the report is printed at the end. State is kept in <folder>/.imperium/, this folder's
learned patterns in <folder>/.imperium/memory/, the ones for every project in $IMPERIUM_GLOBAL_MEMORY
(default ~/.imperium/memory/). A forecast from earlier runs here is printed before the run starts.

When a step keeps failing, the self-healing layer retries it, with less context, with the fallback
model and with the Board's advice; when only a person can decide (retry, skip, edit the request or
abort), the run ends saying so, since no one can be asked here.

Options:
  --workflow <id>        The workflow to run (default ${DEFAULT_WORKFLOW}; the ids: ${builtInModules().ids().join(', ')}).
  --report <file>        Also write the report as JSON to <file>.
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}

Exit codes: 0 the workflow completed, 1 it failed or was canceled, 2 bad usage or configuration.
`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a workflow (feature by default: test-first) on a request in a folder',
  usage: USAGE,
  run: runFeature,
};

async function runFeature(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    ...MODEL_OPTIONS,
    ...LIMIT_OPTIONS,
    workflow: { type: 'string', default: DEFAULT_WORKFLOW },
    report: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  });
  if (positionals.length !== 2) throw new UsageError(`expected a folder and a request, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}.`);
  const [folder, request] = positionals as [string, string];
  if (request.trim() === '') throw new UsageError('the request is empty.');
  const module = workflowModule(values.workflow);
  // A request the module cannot start from is refused before anything opens or any model is asked.
  const workflowRequest = { workflow: module.id, request: request.trim() };
  try {
    module.input(workflowRequest);
  } catch (error) {
    if (error instanceof ModuleInputError) throw new UsageError(error.message);
    throw error;
  }
  const session = await openSession({ folder: resolve(io.cwd, folder), modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose }, io);
  try {
    const interrupted = session.headless.engine.list().filter((workflow) => workflow.status === 'RUNNING');
    if (interrupted.length > 0) {
      throw new ConfigurationError(
        `${interrupted.map((w) => `workflow ${w.id}`).join(', ')} was interrupted in this folder; finish it first with \`imperium resume ${folder}\`.`,
      );
    }
    await printForecast(session, io);
    const workflowId = await session.headless.runtime.start(workflowRequest);
    return await finishWorkflow(session, workflowId, io, reportPath(values.report, io));
  } finally {
    await session.close();
  }
}

/** The module `--workflow` names; an unknown id is a configuration error naming the ids there are. */
function workflowModule(id: string): WorkflowModule {
  try {
    return builtInModules().get(id);
  } catch (error) {
    if (error instanceof UnknownWorkflowError) throw new ConfigurationError(`${error.message} \`imperium workflows\` describes them.`);
    throw error;
  }
}
