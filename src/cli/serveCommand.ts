// `imperium serve <folder> [--port N]`: the gateway's HTTP + WebSocket API on 127.0.0.1, behind a
// bearer token ($IMPERIUM_API_TOKEN, or one generated and printed), until interrupted.
import { resolve } from 'node:path';
import { API_TOKEN_ENV, ApiTokenError, resolveApiToken } from '../gateway/http/apiToken';
import { startGatewayHttpServer } from '../gateway/http/gatewayHttpServer';
import { DEFAULT_GATEWAY_PORT } from '../gateway/http/gatewayPort';
import { ConfigurationError, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { GATEWAY_VERSION, openGatewaySession } from './gatewaySession';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';

const USAGE = `Usage: imperium serve <folder> [--port N] [options]

Serves Imperium Flow on <folder> as an HTTP + WebSocket API on http://127.0.0.1:<port> (this
machine only) until interrupted:

  GET  /api/workflows              the workflow modules and the workflows
  POST /api/workflows              {"request": "...", "workflow"?: "feature"}: starts one, answers its id
  GET  /api/workflows/{id}         status, phase, progress
  GET  /api/workflows/{id}/report  the report of a workflow that has ended
  POST /api/workflows/{id}/cancel  cancels it
  GET  /api/events                 WebSocket: every event as a JSON message (?workflowId= for one)
  GET  /api/openapi.json           the OpenAPI document

Every request needs "Authorization: Bearer <token>": $${API_TOKEN_ENV} when set (16 characters at
least), else a token generated now and printed. Requests whose Host is not this server (DNS
rebinding) or whose Origin is another site are refused, and requests are rate-limited. Approving,
rejecting and undoing are not part of the API. State is kept in <folder>/.imperium/.

Options:
  --port <n>             The port (default ${DEFAULT_GATEWAY_PORT}; 0 picks a free one).
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}
`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve workflows on a folder over HTTP + WebSocket on 127.0.0.1, behind a token',
  usage: USAGE,
  run: serve,
};

async function serve(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...MODEL_OPTIONS, ...LIMIT_OPTIONS, port: { type: 'string' }, verbose: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError(`expected a folder, got ${positionals.length} arguments.`);
  const port = parsePort(values.port);
  let token;
  try {
    token = resolveApiToken(process.env[API_TOKEN_ENV]);
  } catch (error) {
    if (error instanceof ApiTokenError) throw new ConfigurationError(error.message);
    throw error;
  }
  const folder = resolve(io.cwd, positionals[0] as string);
  const session = await openGatewaySession({ folder, modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose }, io);
  try {
    const server = await startGatewayHttpServer({ commands: session.commands, token: token.value, port, version: GATEWAY_VERSION, logger: session.logger }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ConfigurationError(`port ${port} is in use; pick another with --port (0 picks a free one).`);
      throw error;
    });
    io.stdout(`imperium serve: ${folder} at ${server.url}\n`);
    io.stdout(token.generated ? `Token (for this run only; set ${API_TOKEN_ENV} to choose one): ${token.value}\n` : `Token: the one in $${API_TOKEN_ENV}.\n`);
    io.stdout('Ctrl-C stops the server.\n');
    await new Promise<void>((resolveStopped) => {
      if (io.signal?.aborted) resolveStopped();
      io.signal?.addEventListener('abort', () => resolveStopped(), { once: true });
    });
    await server.close();
    return EXIT_OK;
  } finally {
    await session.close();
  }
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_GATEWAY_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port takes a port number from 0 to 65535, not "${text}".`);
  return port;
}
