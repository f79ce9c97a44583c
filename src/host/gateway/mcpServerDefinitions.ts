// Offers `imperium mcp` on the open folder to VS Code's own MCP client (agent mode), through
// vscode.lm.registerMcpServerDefinitionProvider where the editor has it (1.101+; the types this
// extension builds against are older, so the API is looked up at run time). Nothing is offered in
// Restricted Mode, nor for the vscode-lm provider (a process of its own cannot reach vscode.lm).
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import type { Settings } from '../settings';
import { MCP_PROVIDER_ID } from './toolContributions';


interface McpProvider {
  readonly onDidChangeMcpServerDefinitions: vscode.Event<void>;
  provideMcpServerDefinitions(): vscode.ProviderResult<object[]>;
  resolveMcpServerDefinition(server: object): vscode.ProviderResult<object>;
}

interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: McpProvider): vscode.Disposable;
}

type StdioDefinitionClass = new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string) => { env: Record<string, string | number | null>; cwd?: vscode.Uri };

export interface McpDefinitionOptions {
  /** dist/cli.js inside the installed extension. */
  readonly cliPath: string;
  readonly version: string;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly log: vscode.LogOutputChannel;
}

export function registerMcpServerDefinitions(options: McpDefinitionOptions): vscode.Disposable[] {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const StdioDefinition = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinitionClass }).McpStdioServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || StdioDefinition === undefined) {
    options.log.info('mcp: this editor has no MCP server definition API; `imperium mcp <folder>` can still be configured by hand.');
    return [];
  }
  const changed = new vscode.EventEmitter<void>();
  const provider: McpProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder || !vscode.workspace.isTrusted || options.settings.modelProvider() === 'vscode-lm') return [];
      const args = [options.cliPath, 'mcp', folder.uri.fsPath, '--base-url', options.settings.modelBaseUrl(), ...(options.settings.modelName() ? ['--model', options.settings.modelName()] : [])];
      // The extension host's own runtime runs the CLI: Electron as Node in the desktop editor, Node in a server.
      const definition = new StdioDefinition(`Imperium Flow: ${folder.name}`, process.execPath, args, { ELECTRON_RUN_AS_NODE: '1' }, options.version);
      definition.cwd = folder.uri;
      return [definition];
    },
    // Called when VS Code starts the server: the key goes from SecretStorage to that process only.
    resolveMcpServerDefinition: async (server) => {
      const key = await options.apiKeys.get();
      const definition = server as InstanceType<StdioDefinitionClass>;
      if (key) definition.env = { ...definition.env, IMPERIUM_API_KEY: key };
      return definition;
    },
  };
  return [
    changed,
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('imperium.model')) changed.fire();
    }),
  ];
}
