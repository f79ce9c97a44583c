// The gateway's HTTP + WebSocket API served from the extension host, when the person turns on
// `imperium.gateway.http.enabled` (off by default; a machine setting, so no workspace can turn it
// on): the same server as `imperium serve`, on 127.0.0.1, over this window's workflow service. Its
// bearer token lives in SecretStorage and is copied with Imperium: Copy Gateway API Token.
import * as vscode from 'vscode';
import type { GatewayCommands } from '../../gateway/gatewayCommands';
import { resolveApiToken } from '../../gateway/http/apiToken';
import type { GatewayHttpServer } from '../../gateway/http/gatewayHttpServer';
import { loadEngine } from '../lazyEngine';
import type { Settings } from '../settings';

const TOKEN_SECRET = 'imperium.gateway.apiToken';
const SERVING_CONTEXT = 'imperium.gatewayServing';

export interface EditorApiServerOptions {
  readonly commands: () => Promise<GatewayCommands>;
  readonly secrets: vscode.SecretStorage;
  readonly settings: Settings;
  readonly version: string;
  readonly log: vscode.LogOutputChannel;
}

export class EditorApiServer implements vscode.Disposable {
  private server: GatewayHttpServer | undefined;
  /** Starts and stops one after another, so a quick toggle never leaves two servers. */
  private chain: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly options: EditorApiServerOptions) {
    this.disposables = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('imperium.gateway.http')) this.apply();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.apply()),
      vscode.commands.registerCommand('imperium.copyGatewayToken', () => this.copyToken()),
    ];
    this.apply();
  }

  /** The address it serves on, while it does. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /** Resolves once the server matches the settings. */
  settled(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.chain = this.chain.then(() => this.stop());
  }

  private apply(): void {
    this.chain = this.chain
      .then(async () => {
        await this.stop();
        const { settings } = this.options;
        if (!settings.gatewayHttpEnabled() || !vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) return;
        const commands = await this.options.commands();
        const { startGatewayHttpServer } = await loadEngine();
        this.server = await startGatewayHttpServer({ commands, token: await this.token(), port: settings.gatewayHttpPort(), version: this.options.version, logger: this.options.log });
        await vscode.commands.executeCommand('setContext', SERVING_CONTEXT, true);
        this.options.log.info(`gateway: the HTTP + WebSocket API serves this window at ${this.server.url} (Imperium: Copy Gateway API Token for its token)`);
      })
      .catch((error: unknown) => {
        const message = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${this.options.settings.gatewayHttpPort()} is in use; change imperium.gateway.http.port` : error instanceof Error ? error.message : String(error);
        this.options.log.error(`gateway: the HTTP API could not start: ${message}`);
        void vscode.window.showErrorMessage(`Imperium Flow: the gateway API could not start: ${message}`);
      });
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await server.close();
    await vscode.commands.executeCommand('setContext', SERVING_CONTEXT, false);
    this.options.log.info('gateway: the HTTP API stopped');
  }

  private async token(): Promise<string> {
    const stored = await this.options.secrets.get(TOKEN_SECRET);
    if (stored) return stored;
    const token = resolveApiToken(undefined).value;
    await this.options.secrets.store(TOKEN_SECRET, token);
    return token;
  }

  private async copyToken(): Promise<void> {
    if (!this.server) {
      void vscode.window.showInformationMessage('Imperium Flow: the gateway API is off; turn on imperium.gateway.http.enabled to serve it.');
      return;
    }
    await vscode.env.clipboard.writeText(await this.token());
    void vscode.window.showInformationMessage(`Imperium Flow: the gateway API token is on the clipboard. The API serves ${this.server.url}.`);
  }
}
