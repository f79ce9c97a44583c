// `imperium demo`: the swarm on the bundled example, on a copy in a temporary folder. Without a model
// configured it runs on the scripted model server and says so.
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtInModules } from '../runtime/workflowCatalog';
import type { WorkflowModule } from '../runtime/workflowCatalog';
import { UnknownWorkflowError } from '../runtime/workflowCatalog';
import { ConfigurationError, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { DEMO_EXAMPLES, demoExample } from './demoExamples';
import { MODEL_OPTIONS } from './modelOptions';
import { STATE_FOLDER } from '../runtime/folderStore';
import { finishWorkflow, openSession } from './workflowSession';
import type { WorkflowReport } from '../runtime/workflowCatalog';
import { BUILT_IN_PRICES_SOURCE, builtInCallCostUsd } from '../llm/builtInPrices';

/** The model the demo prices the scripted run's tokens as, for comparison: the CLI's default model. */
const COMPARISON_MODEL = 'gpt-4.1-mini';

const USAGE = `Usage: imperium demo [--workflow <id>] [options]

Copies a bundled example project to a temporary folder and runs a workflow on it through the real
engine. One example per workflow:
${Object.entries(DEMO_EXAMPLES)
  .map(([id, demo]) => `  ${id.padEnd(8)} examples/${demo.example}: ${demo.about}.`)
  .join('\n')}

With no model options the answers come from the scripted model server (the example's scenario in
examples/scenarios/): the engine, the tools, the tests and the gates are real, the model is not. To
use a real model instead:

  IMPERIUM_API_KEY=sk-... imperium demo --model gpt-4.1-mini
  imperium demo --base-url http://127.0.0.1:11434/v1 --model qwen2.5-coder   (Ollama, no key)

Options:
  --workflow <id>        The workflow to show: ${Object.keys(DEMO_EXAMPLES).join(' or ')} (default feature).
  --model <name>         Use this model (with --base-url, or $IMPERIUM_BASE_URL, or OpenAI).
  --base-url <url>       An OpenAI-compatible endpoint.
  --report <file>        Also write the report as JSON to <file>.
  -h, --help             Show this help.
`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Run the swarm on the bundled example project (scripted model unless one is given)',
  usage: USAGE,
  run: demo,
};

async function demo(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    workflow: { type: 'string', default: 'feature' },
    model: MODEL_OPTIONS.model,
    'base-url': MODEL_OPTIONS['base-url'],
    report: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`the demo takes no arguments, only options; got ${positionals.join(' ')}.`);
  const module = moduleOf(values.workflow);
  const { example, scenario, request } = demoExample(module.id);
  const examples = findExamples(scenario);
  const scripted = values.model === undefined && values['base-url'] === undefined;
  const folder = await mkdtemp(join(tmpdir(), `imperium-demo-${example}-`));
  await cp(join(examples, example), folder, { recursive: true });
  io.stdout(`Imperium Flow demo of the ${module.id} workflow: ${example} copied to ${folder}\nRequest: ${request}\n`);
  if (scripted) {
    io.stdout('No model given, so the model is SCRIPTED: its answers are replayed from a scenario file, everything else is real.\n');
    io.stdout('For a real model: IMPERIUM_API_KEY=... npm run demo -- --model <name> [--base-url <url>]\n\n');
  }
  const modelValues = scripted ? { scenario: join(examples, scenario) } : { model: values.model, 'base-url': values['base-url'] };
  // The demo's lessons stay with its copy: it must not teach the user's own projects.
  const session = await openSession({ folder, modelValues, globalMemory: join(folder, STATE_FOLDER, 'global-memory'), verbose: false }, io);
  try {
    const workflowId = await session.headless.engine.start(module.definition, module.input({ workflow: module.id, request }));
    const code = await finishWorkflow(session, workflowId, io, values.report, { diffs: true, ...(scripted && { onReport: (report) => io.stdout(`${pricedAsReal(report)}\n`) }) });
    io.stdout(`\nThe project, as the agents left it: ${folder}\n`);
    if (code === EXIT_OK) io.stdout(`Its tests: cd ${folder} && npm test\n`);
    return code;
  } finally {
    await session.close();
  }
}

/** What the scripted run's tokens would have cost on a real model, so the free total is not the whole story. */
function pricedAsReal(report: WorkflowReport): string {
  const usage = { promptTokens: report.totals.promptTokens, completionTokens: report.totals.completionTokens, totalTokens: report.totals.promptTokens + report.totals.completionTokens };
  const cost = builtInCallCostUsd(usage, COMPARISON_MODEL);
  return cost === undefined ? '' : `The scripted model is free; on ${COMPARISON_MODEL} the same tokens would cost about $${cost.toFixed(4)} (${BUILT_IN_PRICES_SOURCE}).`;
}

function moduleOf(id: string): WorkflowModule {
  try {
    return builtInModules().get(id);
  } catch (error) {
    if (error instanceof UnknownWorkflowError) throw new UsageError(error.message);
    throw error;
  }
}

/** The examples folder, from the bundle (dist/cli.js) or the sources (src/cli/demoCommand.ts). */
function findExamples(scenario: string): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'examples');
    if (existsSync(join(candidate, scenario))) return candidate;
  }
  throw new ConfigurationError('the examples folder was not found next to the imperium CLI; the demo runs from a clone of the repository.');
}
