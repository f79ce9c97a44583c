// `imperium run <folder> "<request>" [--workflow <id>]`: a workflow module (feature by default) on a
// folder, with live progress, ending with the report.
import { resolve } from 'node:path';
import { ConfigurationError, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { ENGINE_OPTIONS, ENGINE_USAGE, parseEngineChoice } from './engineOptions';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import { JsonLinesOutput } from './jsonLinesOutput';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';
import { WORKFLOW_OPTIONS, WORKFLOW_USAGE, workflowStart } from './workflowOptions';
import { MODEL_LIMIT_OPTIONS, MODEL_LIMIT_USAGE, parseModelTimeLimits } from './modelLimitOptions';
import { SANDBOX_OPTIONS, SANDBOX_USAGE, sandboxPolicy } from './sandboxOptions';
import { finishWorkflow, openSession, printForecast, reportPath } from './workflowSession';

const USAGE = `Usage: imperium run <folder> ["<request>"] [--workflow <id>] [options]

Runs a workflow module on the request in <folder> (\`imperium workflows\` lists them with their
phases). Progress is printed as it happens; the report is printed at the end. State is kept in <folder>/.imperium/, this folder's
learned patterns in <folder>/.imperium/memory/, the ones for every project in $IMPERIUM_GLOBAL_MEMORY
(default ~/.imperium/memory/). A forecast from earlier runs here is printed before the run starts.

When a step keeps failing, the self-healing layer retries it, with less context, with the fallback
model and with the Board's advice; when only a person can decide (retry, skip, edit the request or
abort), the run ends saying so, since no one can be asked here.

With --workflow fix it makes tests that already fail pass instead: the ones --test names, or every
failing test of the folder. Red checks they fail for a reason the code can fix (a test that cannot
load, or nothing failing, stops the run before any model is asked); CodeBot changes only non-test
files, and every test that passed before must still pass. The request may be left out.

${WORKFLOW_USAGE}

Options:
  --report <file>        Also write the report as JSON to <file>.
  --json                 For scripts: print every event as a JSON line on stdout and, last, the
                         report as {"type":"report","report":{...}}; the progress goes to stderr.
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}

${MODEL_LIMIT_USAGE}

${SANDBOX_USAGE}

${ENGINE_USAGE}

Exit codes: 0 the workflow completed, 1 it failed or was canceled, 2 bad usage or configuration.
`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Implement a request in a folder, test-first, with the agents and the Board',
  usage: USAGE,
  run: runFeature,
};

async function runFeature(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...MODEL_OPTIONS, ...LIMIT_OPTIONS, ...WORKFLOW_OPTIONS, ...MODEL_LIMIT_OPTIONS, ...SANDBOX_OPTIONS, ...ENGINE_OPTIONS, report: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`expected a folder and a request, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}.`);
  const [folder, request = ''] = positionals as [string, string?];
  const start = workflowStart(values, request);
  const json = values.json ? new JsonLinesOutput(io) : undefined;
  const out = json?.human ?? io;
  const session = await openSession({ folder: resolve(io.cwd, folder), modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose, sandbox: sandboxPolicy(values), modelTime: parseModelTimeLimits(values), engine: parseEngineChoice(values) }, out);
  const stopJson = json?.follow(session.headless.engine);
  try {
    const interrupted = session.headless.engine.list().filter((workflow) => workflow.status === 'RUNNING');
    if (interrupted.length > 0) {
      throw new ConfigurationError(
        `${interrupted.map((w) => `workflow ${w.id}`).join(', ')} was interrupted in this folder; finish it first with \`imperium resume ${folder}\`.`,
      );
    }
    await printForecast(session, out);
    const workflowId = await session.headless.engine.start(start.definition, start.input);
    if (values['allow-network'] === true) session.headless.runtime.allowNetwork(workflowId, true, 'start');
    return await finishWorkflow(session, workflowId, out, reportPath(values.report, io), { ...(json && { onReport: json.report }) });
  } finally {
    stopJson?.();
    await session.close();
  }
}
