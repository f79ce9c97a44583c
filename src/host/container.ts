// The composition root: builds every host service once, in order, and owns every disposable.
import * as vscode from 'vscode';
import type { ImperiumApi } from './api';
import { ApiKeyStore } from './apiKeyStore';
import { registerCommands } from './commands';
import { registerDashboard } from './dashboard/registerDashboard';
import { WorkflowEngineSource } from './dashboard/workflowEngineSource';
import { Settings } from './settings';

export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    readonly settings: Settings,
    readonly apiKeys: ApiKeyStore,
  ) {}

  static create(context: vscode.ExtensionContext): Container {
    const log = vscode.window.createOutputChannel('Imperium Flow', { log: true });
    const settings = new Settings();
    const apiKeys = new ApiKeyStore(context.secrets, settings);
    const container = new Container(context, log, settings, apiKeys);
    container.register(log);
    container.register(...registerCommands({ log, apiKeys }));
    const workflows = new WorkflowEngineSource((context.storageUri ?? context.globalStorageUri).fsPath, log);
    const showLog = () => log.show(true);
    container.register(workflows, ...registerDashboard({ extensionUri: context.extensionUri, source: workflows.source, logger: log, version: container.version, showLog }));
    context.subscriptions.push(container);
    log.info(`Imperium Flow ${container.version} activated in ${vscode.workspace.name ?? 'an empty window'}`);
    return container;
  }

  get version(): string {
    return String(this.context.extension.packageJSON.version ?? '0.0.0');
  }

  api(activationMs: number): ImperiumApi {
    this.log.info(`activation took ${activationMs.toFixed(1)} ms`);
    return {
      version: this.version,
      activationMs,
      apiKeyEndpoint: () => this.settings.modelBaseUrl(),
      apiKeyFingerprint: () => this.apiKeys.fingerprint(),
    };
  }

  private register(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
