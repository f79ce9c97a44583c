// `imperium mcp <folder>`: the gateway as an MCP server over stdio, for any MCP client (VS Code,
// Claude Code, Cursor). It serves until the client closes the connection or the user interrupts.
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createGatewayMcpServer } from '../gateway/mcp/gatewayMcpServer';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { GATEWAY_VERSION, openGatewaySession } from './gatewaySession';
import { LIMIT_OPTIONS, LIMIT_USAGE, parseBudgets, parseLimits } from './limitOptions';
import { MODEL_OPTIONS, MODEL_USAGE } from './modelOptions';

const USAGE = `Usage: imperium mcp <folder> [options]

Serves Imperium Flow on <folder> to an MCP client over stdin and stdout. Tools: list_workflows,
start_workflow (request, optional workflow; answers with the new workflow's id), workflow_status
(id; waitSeconds waits for the end with progress notifications), workflow_report, cancel_workflow.
No tool approves, rejects or undoes: those stay a person's gesture in the editor. State is kept in
<folder>/.imperium/, as for \`imperium run\`. The log goes to stderr.

Options:
  --verbose              Print the engine's log on stderr.
  -h, --help             Show this help.

${MODEL_USAGE}

${LIMIT_USAGE}
`;

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'Serve workflows on a folder to an MCP client over stdio',
  usage: USAGE,
  run: serveMcp,
};

async function serveMcp(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...MODEL_OPTIONS, ...LIMIT_OPTIONS, verbose: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError(`expected a folder, got ${positionals.length} arguments.`);
  const folder = resolve(io.cwd, positionals[0] as string);
  const session = await openGatewaySession({ folder, modelValues: values, limits: parseLimits(values), budgets: parseBudgets(values), verbose: values.verbose }, io);
  try {
    const server = createGatewayMcpServer({ commands: session.commands, version: GATEWAY_VERSION, logger: session.logger });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolveClosed) => {
      transport.onclose = () => resolveClosed();
      process.stdin.once('end', () => resolveClosed());
      io.signal?.addEventListener('abort', () => resolveClosed(), { once: true });
    });
    await server.connect(transport);
    io.stderr(`imperium mcp: serving ${folder} over stdio.\n`);
    await closed;
    await server.close();
    return EXIT_OK;
  } finally {
    await session.close();
  }
}
