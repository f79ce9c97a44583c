// The composition root: builds every host service once, in order, and owns every disposable.
import * as vscode from 'vscode';
import type { ActivationReport } from './activationReport';
import type { ImperiumApi } from './api';
import { ApiKeyStore } from './apiKeyStore';
import { ConductorTokenStore, registerConductorTokenCommands } from './conductorTokenStore';
import { isConductorProblem, showConductorProblem } from './workflows/conductorNotice';
import { registerChatParticipant } from './chat/registerChatParticipant';
import { registerCodeLens } from './codeLens/registerCodeLens';
import { registerImperiumModelProvider } from './llm/imperiumModelProvider';
import { registerCommands } from './commands';
import { registerChooseModel } from './firstRun/chooseModelCommand';
import { ModelStatusBar } from './firstRun/modelStatusBar';
import { ScriptedTrial } from './firstRun/scriptedTrial';
import { ShownDashboard } from './dashboard/shownDashboard';
import { registerCheckPageUi } from './design/checkPageUiCommand';
import { registerDashboard } from './dashboard/registerDashboard';
import { gatewayCommandsOf, registerGateway } from './gateway/registerGateway';
import { buildImperiumApi } from './imperiumApi';
import { registerMemoryCommands } from './memory/memoryCommands';
import { Settings } from './settings';
import { registerSkillCommands } from './superpowers/skillCommands';
import { TestExplorer } from './testing/testExplorer';
import { registerWorkflowCommands } from './workflows/workflowCommands';
import { WorkflowDashboardSource } from './workflows/workflowDashboardSource';
import { registerWorkflowDiffs } from './workflows/workflowDiffs';
import { WorkflowHost } from './workflows/workflowHost';
import { hasInterruptedWorkflow } from './workflows/interruptedWorkflows';
import { stateFolderOf } from '../runtime/stateFolder';

export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    readonly settings: Settings,
    readonly apiKeys: ApiKeyStore,
    private readonly workflows: WorkflowHost,
    private readonly tests: TestExplorer | undefined,
  ) {}

  static create(context: vscode.ExtensionContext): Container {
    const log = vscode.window.createOutputChannel('Imperium Flow', { log: true });
    const settings = new Settings();
    const apiKeys = new ApiKeyStore(context.secrets, settings);
    const conductorTokens = new ConductorTokenStore(context.secrets, settings);
    const firstFolder = vscode.workspace.workspaceFolders?.[0];
    // Every test run, the user's and the agents', goes through the Test Explorer.
    const tests = firstFolder ? TestExplorer.create({ folder: firstFolder, log, settings }) : undefined;
    const folderPath = firstFolder?.uri.scheme === 'file' ? firstFolder.uri.fsPath : undefined;
    const workflows = new WorkflowHost({
      folderPath,
      globalStorageFolder: context.globalStorageUri.fsPath,
      settings,
      apiKeys,
      conductorTokens,
      log,
      extension: context.extension,
      tests: (folder) => {
        if (!tests) throw new Error(`No Test Explorer for ${folder.name}: reload the window after opening a folder.`);
        return tests.runner;
      },
    });
    const container = new Container(context, log, settings, apiKeys, workflows, tests);
    container.register(log, workflows);
    if (tests) container.register(tests, ...registerCodeLens({ failingTests: tests.failingTests, workflows: workflows.targets, log }));
    const modelStatus = new ModelStatusBar(settings, apiKeys, context.secrets, log);
    container.register(modelStatus, registerChooseModel(settings, apiKeys, log));
    container.register(...registerCommands({ log, apiKeys, extensionId: context.extension.id }), ...registerConductorTokenCommands(conductorTokens, log), ...registerWorkflowCommands(workflows.service, log, tests), ...registerCheckPageUi({ settings, log }));
    container.register(...registerMemoryCommands({ memories: workflows.memories, log }), ...registerSkillCommands(workflows.service, log));
    const views = new WorkflowDashboardSource(workflows.service, workflows.memories, log);
    const showLog = () => log.show(true);
    // The views show the workspace's workflows, or the scripted trial's while the person looks at it.
    const shown = new ShownDashboard(views.source);
    const trial = new ScriptedTrial({ extension: context.extension, secrets: context.secrets, conductorTokens, log, shown, status: modelStatus });
    container.register(views, trial, registerWorkflowDiffs(workflows.service), ...registerDashboard({ extensionUri: context.extensionUri, source: shown.source, onDidChangeSource: shown.onDidChange, logger: log, version: container.version, showLog }));
    container.register(...registerGateway({ commands: container.gateway, settings, apiKeys, secrets: context.secrets, log, version: container.version, cliPath: context.asAbsolutePath('dist/cli.js') }));
    // @imperium in the Chat view, and Imperium's own model as a vscode.lm provider so the view has one without Copilot.
    container.register(...registerImperiumModelProvider(settings, apiKeys), ...registerChatParticipant({ service: workflows.service, settings, apiKeys, log, extensionUri: context.extensionUri }));
    context.subscriptions.push(container);
    log.info(`Imperium Flow ${container.version} activated in ${vscode.workspace.name ?? 'an empty window'}`);
    // Opened on first use, or now when a workflow a reload interrupted is waiting to resume.
    // The folder's own state (<folder>/.imperium/), which the editor shares with the CLI.
    if (folderPath !== undefined) {
      void hasInterruptedWorkflow(stateFolderOf(folderPath))
        .then((interrupted) => (interrupted ? workflows.service() : undefined))
        .catch((error: unknown) => {
          const text = error instanceof Error ? error.message : String(error);
          log.warn(`workflows: ${text}`);
          // The workflow to resume lives on a Conductor server that does not answer: say so, with Retry.
          if (isConductorProblem(text)) void showConductorProblem(text, () => workflows.service());
        });
    }
    return container;
  }

  /** The gateway's command core, shared by the exports, the Language Model tools and the HTTP API. */
  private readonly gateway = gatewayCommandsOf(() => this.workflows.service());

  get version(): string {
    return String(this.context.extension.packageJSON.version ?? '0.0.0');
  }

  api(activation: ActivationReport): ImperiumApi {
    this.log.info(
      `activation took ${activation.ms.toFixed(1)} ms from loading the extension's code to the end of activate() ` +
        `(${activation.loadMs.toFixed(1)} ms loading it, ${(activation.ms - activation.loadMs).toFixed(1)} ms in activate()), ` +
        `with ${(activation.bytes / 1024).toFixed(0)} KiB of it loaded (${activation.files.join(', ')})`,
    );
    return buildImperiumApi({
      version: this.version,
      activationMs: activation.ms,
      activationLoadMs: activation.loadMs,
      activationBytes: activation.bytes,
      apiKeyEndpoint: () => this.settings.modelBaseUrl(),
      apiKeyFingerprint: () => this.apiKeys.fingerprint(),
      ...(this.tests && { tests: this.tests.api }),
      service: () => this.workflows.service(),
      commands: this.gateway,
      testMode: this.context.extensionMode === vscode.ExtensionMode.Test,
    });
  }

  private register(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
