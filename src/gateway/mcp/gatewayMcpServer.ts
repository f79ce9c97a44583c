// The gateway as an MCP server (the official TypeScript SDK): list_workflows, start_workflow,
// workflow_status, workflow_report and cancel_workflow, each a call into the command core. There
// is no tool to approve, reject or undo: those stay a person's gesture in the editor.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../core/ports';
import { GatewayError } from '../gatewayError';
import { type GatewayCommands, MAX_WAIT_SECONDS } from '../gatewayCommands';
import { cancelShape, startShape, statusShape, workflowIdShape } from '../gatewaySchemas';

export const MCP_TOOL_NAMES = ['list_workflows', 'start_workflow', 'workflow_status', 'workflow_report', 'cancel_workflow'] as const;

export interface GatewayMcpServerOptions {
  readonly commands: GatewayCommands;
  readonly version: string;
  readonly logger: Logger;
}

export function createGatewayMcpServer({ commands, version, logger }: GatewayMcpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'imperium-flow', title: 'Imperium Flow', version },
    {
      instructions:
        'Imperium Flow runs test-first agent workflows on this folder. start_workflow answers with an id at once; follow it with workflow_status (waitSeconds waits for the end, with progress notifications) and read workflow_report once it has ended. Approving edits and undoing workflows are left to a person in the editor.',
    },
  );
  const run = async (tool: string, work: () => Promise<unknown>): Promise<CallToolResult> => {
    try {
      const value = await work();
      return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: { result: value } };
    } catch (error) {
      if (!(error instanceof GatewayError)) logger.error(`mcp: ${tool} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { isError: true, content: [{ type: 'text', text: error instanceof Error ? error.message : String(error) }] };
    }
  };

  server.registerTool(
    'list_workflows',
    {
      title: 'List workflows',
      description: 'The workflow modules this server can start (id, title, phases) and the workflows it holds with their status.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => run('list_workflows', async () => ({ modules: commands.modules(), workflows: commands.workflows() })),
  );

  server.registerTool(
    'start_workflow',
    {
      title: 'Start a workflow',
      description:
        'Starts a workflow module on a request (list_workflows names them and their phases; the first is the default) and answers with the new workflow\'s id at once; the agents then change files in this folder.',
      inputSchema: startShape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) => run('start_workflow', () => commands.start(args)),
  );

  server.registerTool(
    'workflow_status',
    {
      title: 'Workflow status',
      description: `A workflow's status, phase and progress (0 to 1). With waitSeconds (up to ${MAX_WAIT_SECONDS}) it answers once the workflow has ended or paused, or when the wait runs out, sending progress notifications meanwhile.`,
      inputSchema: statusShape(MAX_WAIT_SECONDS),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id, waitSeconds }, extra) =>
      run('workflow_status', () => {
        if (waitSeconds === undefined) return commands.status({ id });
        const progressToken = extra._meta?.progressToken;
        return commands.waitForEnd({ id }, waitSeconds, (event, status) => {
          if (progressToken === undefined) return;
          const message = `${status.status}${status.phase ? `, ${status.phase}` : ''}${event.type === 'task' ? `: ${event.step} ${event.status}` : ''}`;
          void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: status.progress, total: 1, message } }).catch(() => undefined);
        });
      }),
  );

  server.registerTool(
    'workflow_report',
    {
      title: 'Workflow report',
      description: 'The report of a workflow that has ended: criteria, phases, files changed with diffs, test results, the Board\'s verdicts, tokens and cost.',
      inputSchema: workflowIdShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => run('workflow_report', () => commands.report(args)),
  );

  server.registerTool(
    'cancel_workflow',
    {
      title: 'Cancel a workflow',
      description: 'Cancels a running or paused workflow; the step running is aborted. Files already changed stay changed (undoing is left to a person in the editor).',
      inputSchema: cancelShape,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) => run('cancel_workflow', () => commands.cancel(args)),
  );
  return server;
}
