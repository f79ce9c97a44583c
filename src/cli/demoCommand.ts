// `imperium demo`: the swarm on the bundled example, on a copy in a temporary folder. Without a model
// configured it runs on the scripted model server and says so.
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigurationError, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { MODEL_OPTIONS } from './modelOptions';
import { STATE_FOLDER } from '../runtime/folderStore';
import { finishWorkflow, openSession } from './workflowSession';

const EXAMPLE = 'bookshelf';
const SCENARIO = 'scenarios/bookshelf-citation.json';
const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';

const USAGE = `Usage: imperium demo [options]

Copies the example project examples/${EXAMPLE} (a small reading-list library with node:test tests)
to a temporary folder and has the swarm add a feature to it, test-first, through the real engine:
plan, Board review, red, green, refactor, Board review, report.

With no options the answers come from the scripted model server (${SCENARIO}): the engine, the
tools, the tests and the gates are real, the model is not. To use a real model instead:

  IMPERIUM_API_KEY=sk-... imperium demo --model gpt-4.1-mini
  imperium demo --base-url http://127.0.0.1:11434/v1 --model qwen2.5-coder   (Ollama, no key)

Options:
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
  const { values, positionals } = parseCommandArguments(args, { model: MODEL_OPTIONS.model, 'base-url': MODEL_OPTIONS['base-url'], report: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`the demo takes no arguments, only options; got ${positionals.join(' ')}.`);
  const examples = findExamples();
  const scripted = values.model === undefined && values['base-url'] === undefined;
  const folder = await mkdtemp(join(tmpdir(), `imperium-demo-${EXAMPLE}-`));
  await cp(join(examples, EXAMPLE), folder, { recursive: true });
  io.stdout(`Imperium Flow demo: ${EXAMPLE} copied to ${folder}\nRequest: ${REQUEST}\n`);
  if (scripted) {
    io.stdout('No model given, so the model is SCRIPTED: its answers are replayed from a scenario file, everything else is real.\n');
    io.stdout('For a real model: IMPERIUM_API_KEY=... npm run demo -- --model <name> [--base-url <url>]\n\n');
  }
  const modelValues = scripted ? { scenario: join(examples, SCENARIO) } : { model: values.model, 'base-url': values['base-url'] };
  // The demo's lessons stay with its copy: it must not teach the user's own projects.
  const session = await openSession({ folder, modelValues, globalMemory: join(folder, STATE_FOLDER, 'global-memory'), verbose: false }, io);
  try {
    const workflowId = await session.headless.runtime.start({ workflow: 'feature', request: REQUEST });
    const code = await finishWorkflow(session, workflowId, io, values.report, { diffs: true });
    io.stdout(`\nThe project, as the agents left it: ${folder}\n`);
    if (code === EXIT_OK) io.stdout(`Its tests: cd ${folder} && npm test\n`);
    return code;
  } finally {
    await session.close();
  }
}

/** The examples folder, from the bundle (dist/cli.js) or the sources (src/cli/demoCommand.ts). */
function findExamples(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'examples');
    if (existsSync(join(candidate, SCENARIO))) return candidate;
  }
  throw new ConfigurationError('the examples folder was not found next to the imperium CLI; the demo runs from a clone of the repository.');
}
