// The gateway in the editor: the Language Model tools, the MCP server definition for VS Code's own
// MCP client, and the opt-in HTTP + WebSocket API, all over this window's workflow service.
import type * as vscode from 'vscode';
import { GatewayCommands } from '../../gateway/gatewayCommands';
import type { ApiKeyStore } from '../apiKeyStore';
import type { Settings } from '../settings';
import type { WorkflowService } from '../workflows/workflowService';
import { EditorApiServer } from './editorApiServer';
import { registerLanguageModelTools } from './languageModelTools';
import { registerMcpServerDefinitions } from './mcpServerDefinitions';
import { ServiceGatewayRuntime } from './serviceGatewayRuntime';

export interface GatewayParts {
  readonly service: () => Promise<WorkflowService>;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly secrets: vscode.SecretStorage;
  readonly log: vscode.LogOutputChannel;
  readonly version: string;
  /** dist/cli.js inside the installed extension, which `imperium mcp` runs from. */
  readonly cliPath: string;
}

export function registerGateway(parts: GatewayParts): vscode.Disposable[] {
  let commands: { service: WorkflowService; commands: GatewayCommands } | undefined;
  // One command core per workflow service: the service is reopened after a failed open.
  const gateway = async (): Promise<GatewayCommands> => {
    const service = await parts.service();
    if (commands?.service !== service) commands = { service, commands: new GatewayCommands(new ServiceGatewayRuntime(service)) };
    return commands.commands;
  };
  return [
    ...registerLanguageModelTools(gateway),
    ...registerMcpServerDefinitions({ cliPath: parts.cliPath, version: parts.version, settings: parts.settings, apiKeys: parts.apiKeys, log: parts.log }),
    new EditorApiServer({ commands: gateway, secrets: parts.secrets, settings: parts.settings, version: parts.version, log: parts.log }),
  ];
}
