// `imperium resume <folder>`: finishes the workflows a killed or crashed run left behind, each from
// its last completed step.
import { resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { ENGINE_OPTIONS, ENGINE_USAGE, parseEngineChoice } from './engineOptions';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import type { JournalEntry } from '../core/journal/journalEntry';
import { lostWorkflowText, lostWorkflows } from './lostWorkflows';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';
import { MODEL_LIMIT_OPTIONS, MODEL_LIMIT_USAGE, parseModelTimeLimits } from './modelLimitOptions';
import { SANDBOX_OPTIONS, SANDBOX_USAGE, sandboxPolicy } from './sandboxOptions';
import { finishWorkflow, openSession, reportPath } from './workflowSession';
import { networkPermissionText } from '../shared/networkPermission';
import { isTerminalWorkflow } from '../shared/taskStatus';

const USAGE = `Usage: imperium resume <folder> [options]

Resumes every workflow in <folder> that a previous run left running (killed, crashed, or stopped
with the machine), from its last completed step; the interrupted step runs again as a retry, after
what it had written before it was cut off is taken back, so no change is applied twice.

Options:
  --report <file>        Also write the report of the (last) resumed workflow as JSON to <file>.
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}

${MODEL_LIMIT_USAGE}

${SANDBOX_USAGE}

${ENGINE_USAGE}

Exit codes: 0 every resumed workflow completed (or there was none), 1 one failed, 2 bad usage or configuration.
`;

export const resumeCommand: CliCommand = {
  name: 'resume',
  summary: 'Resume the workflows an interrupted run left in a folder',
  usage: USAGE,
  run: resume,
};

async function resume(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...MODEL_OPTIONS, ...LIMIT_OPTIONS, ...MODEL_LIMIT_OPTIONS, ...SANDBOX_OPTIONS, ...ENGINE_OPTIONS, report: { type: 'string' }, verbose: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('expected one folder.');
  const session = await openSession({ folder: resolve(io.cwd, positionals[0] as string), modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose, sandbox: sandboxPolicy(values), networkPerWorkflow: true, modelTime: parseModelTimeLimits(values), engine: parseEngineChoice(values) }, io);
  try {
    // Given before they run again, so no test run of theirs goes without it.
    if (values['allow-network'] === true) for (const workflow of session.headless.engine.list()) if (!isTerminalWorkflow(workflow.status)) session.headless.runtime.allowNetwork(workflow.id);
    const resumed = await session.headless.engine.recover();
    for (const id of resumed) io.stdout(`workflow ${id}: ${networkPermissionText(session.headless.runtime.networkOf(id))}.\n`);
    if (resumed.length === 0) {
      const known = new Set(session.headless.engine.list().map((workflow) => workflow.id));
      const lost = await lostWorkflows(session.headless.store.log<JournalEntry>('journal'), known);
      if (lost.length > 0) {
        io.stderr(lostWorkflowText(lost, positionals[0] as string));
        return EXIT_FAILED;
      }
      io.stdout('Nothing to resume: no workflow was left running in this folder.\n');
      return EXIT_OK;
    }
    let code = EXIT_OK;
    for (const id of resumed) {
      const last = id === resumed.at(-1);
      if ((await finishWorkflow(session, id, io, last ? reportPath(values.report, io) : undefined)) !== EXIT_OK) code = EXIT_FAILED;
    }
    return code;
  } finally {
    await session.close();
  }
}
