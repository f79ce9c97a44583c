// `imperium api-mock <file> [--port N]`: serves a mock of an API description on 127.0.0.1 until
// interrupted (openapi-backend): requests are validated against the description, answers are its
// examples (or generated from its schemas), checked against the response schema first.
import { InvalidApiDescriptionError, describeApiProblem } from '../core/integration/apiDescriptions';
import { serveApiMock } from '../infra/apiDescription/apiMockServer';
import { describedFile } from './apiCheckCommand';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { terminalText } from './terminalText';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: imperium api-mock <openapi.yaml | openapi.json> [--port N]

Serves a mock of the API description on http://127.0.0.1:<port> (this machine only) until
interrupted. The description's paths are served at the root (GET /pets). A request that does not
match its operation is answered 400 with each problem; answers are the description's examples, or
values generated from its schemas, and an answer its own response schema rejects is a 500 saying
so, never a 200. A description that does not validate is not served (see imperium api-check).

Options:
  --port <n>             The port (default ${DEFAULT_PORT}; 0 picks a free one).
  -h, --help             Show this help.

Exit codes: 0 served until interrupted, 1 the description is invalid, 2 bad usage.
`;

export const apiMockCommand: CliCommand = {
  name: 'api-mock',
  summary: 'Serve a mock of an OpenAPI description on 127.0.0.1 that validates requests',
  usage: USAGE,
  run: runApiMock,
};

async function runApiMock(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { port: { type: 'string' } });
  const port = parsePort(values.port);
  const file = await describedFile(positionals, io);
  let mock;
  try {
    mock = await serveApiMock(file, port);
  } catch (error) {
    if (error instanceof InvalidApiDescriptionError) {
      for (const problem of error.check.problems.filter((entry) => entry.severity === 'error')) io.stderr(`error: ${terminalText(describeApiProblem(problem))}\n`);
      io.stderr(`imperium api-mock: ${terminalText(file)} is not a valid API description; nothing is served.\n`);
      return EXIT_FAILED;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ConfigurationError(`port ${port} is in use; pick another with --port (0 picks a free one).`);
    throw error;
  }
  io.stdout(`imperium api-mock: ${terminalText(file)} at ${mock.url}\nCtrl-C stops the mock.\n`);
  await new Promise<void>((stopped) => {
    if (io.signal?.aborted) stopped();
    io.signal?.addEventListener('abort', () => stopped(), { once: true });
  });
  await mock.close();
  return EXIT_OK;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port takes a port number from 0 to 65535, not "${text}".`);
  return port;
}
