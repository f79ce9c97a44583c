// `imperium worker <folder> --conductor-url <url>`: workers only, for CI machines and containers:
// this folder's steps run here for every workflow started on the server in the folder's domain,
// until Ctrl-C (or SIGTERM) hands the running step back to the server.
import { resolve } from 'node:path';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { parseEngineChoice } from './engineOptions';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';
import { openSession } from './workflowSession';

const USAGE = `Usage: imperium worker <folder> --conductor-url <url> [options]

Runs the workers for <folder> against a Conductor server and nothing else: every task of a workflow
started on that server in this folder's domain (by \`imperium run --engine conductor\` or the editor
on the same folder) runs here, with the folder's files, tests and model. Several workers on copies of
one folder share the load when they name the same --domain. Stops on Ctrl-C or SIGTERM; a step cut
off then goes back to the server for the next worker, its writes taken back first.

Options:
  --conductor-url <url>  The Conductor server (default $IMPERIUM_CONDUCTOR_URL).
  --domain <name>        The task-to-domain to poll (default: this folder's, printed at start; a
                         container that mounts the folder elsewhere names the editor's).
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}

Exit codes: 0 stopped by request, 2 bad usage or configuration (the server unreachable).
`;

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: "Run a folder's workers for a Conductor server (CI machines, containers)",
  usage: USAGE,
  run: runWorker,
};

async function runWorker(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...MODEL_OPTIONS, ...LIMIT_OPTIONS, 'conductor-url': { type: 'string' }, domain: { type: 'string' }, verbose: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('expected one folder.');
  if (values.domain !== undefined && !/^[A-Za-z0-9_-]+$/.test(values.domain)) throw new UsageError('--domain takes letters, digits, "-" and "_".');
  const engine = parseEngineChoice({ engine: 'conductor', 'conductor-url': values['conductor-url'] });
  const session = await openSession(
    { folder: resolve(io.cwd, positionals[0] as string), modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose, engine, ...(values.domain !== undefined && { domain: values.domain }) },
    io,
  );
  try {
    const stop = new AbortController();
    const onTerm = () => stop.abort();
    process.once('SIGTERM', onTerm);
    io.signal?.addEventListener('abort', onTerm, { once: true });
    const conductor = session.headless.engine as { readonly url?: string; readonly domain?: string };
    io.stdout(`Worker for ${resolve(io.cwd, positionals[0] as string)}: taking tasks from ${conductor.url ?? '?'} in domain ${conductor.domain ?? '?'}. Ctrl-C stops.\n`);
    await new Promise<void>((done) => (stop.signal.aborted ? done() : stop.signal.addEventListener('abort', () => done(), { once: true })));
    process.off('SIGTERM', onTerm);
    io.stdout('Worker stopping; a step still running goes back to the server.\n');
    return EXIT_OK;
  } finally {
    await session.close();
  }
}
