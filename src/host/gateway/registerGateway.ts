// The gateway in the editor: the Language Model tools, the MCP server definition for VS Code's own
// MCP client, and the opt-in HTTP + WebSocket API, all over this window's workflow service.
import type * as vscode from 'vscode';
import type { GatewayCommands } from '../../gateway/gatewayCommands';
import type { ApiKeyStore } from '../apiKeyStore';
import { loadEngine } from '../lazyEngine';
import type { Settings } from '../settings';
import type { WorkflowService } from '../workflows/workflowService';
import { EditorApiServer } from './editorApiServer';
import { registerLanguageModelTools } from './languageModelTools';
import { registerMcpServerDefinitions } from './mcpServerDefinitions';

export interface GatewayParts {
  /** The command core over this window's workflow service (gatewayCommandsOf). */
  readonly commands: () => Promise<GatewayCommands>;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly secrets: vscode.SecretStorage;
  readonly log: vscode.LogOutputChannel;
  readonly version: string;
  /** dist/cli.js inside the installed extension, which `imperium mcp` runs from. */
  readonly cliPath: string;
}

/** One command core per workflow service (the service is reopened after a failed open), built on first use. */
export function gatewayCommandsOf(service: () => Promise<WorkflowService>): () => Promise<GatewayCommands> {
  let commands: { service: WorkflowService; commands: GatewayCommands } | undefined;
  return async () => {
    const current = await service();
    if (commands?.service !== current) {
      const engine = await loadEngine();
      commands = { service: current, commands: new engine.GatewayCommands(new engine.ServiceGatewayRuntime(current)) };
    }
    return commands.commands;
  };
}

export function registerGateway(parts: GatewayParts): vscode.Disposable[] {
  const gateway = parts.commands;
  return [
    ...registerLanguageModelTools(gateway),
    ...registerMcpServerDefinitions({ cliPath: parts.cliPath, version: parts.version, settings: parts.settings, apiKeys: parts.apiKeys, log: parts.log }),
    new EditorApiServer({ commands: gateway, secrets: parts.secrets, settings: parts.settings, version: parts.version, log: parts.log }),
  ];
}
