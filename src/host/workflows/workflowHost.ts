// Opens the workflow service once, when first needed or right after activation (so a workflow a
// reload interrupted resumes), and hands the same one to every surface. Opening fails cleanly with
// no folder open, or when another window or an `imperium` command holds the folder's state
// (<folder>/.imperium/, shared with the CLI); the next request tries again.
import * as vscode from 'vscode';
import type { TestRunner } from '../../core/ports';
import { moduleForTarget } from './targetWorkflow';
import type { ExtensionMemories } from '../memory/extensionMemories';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ConductorTokenStore } from '../conductorTokenStore';
import { loadEngine } from '../lazyEngine';
import type { Settings } from '../settings';
import { ApprovalPrompts, registerApprovalCommands, registerApprovalPrompts } from './approvalPrompts';
import { registerWorkflowFeedback } from './workflowFeedback';
import type { WorkflowService } from './workflowService';

export interface WorkflowHostOptions {
  /** The first workspace folder on this machine's disk, whose <folder>/.imperium/ holds workflows and this folder's memories. */
  readonly folderPath: string | undefined;
  /** The extension's global storage: the user's memories across projects. */
  readonly globalStorageFolder: string;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly conductorTokens: ConductorTokenStore;
  readonly log: vscode.LogOutputChannel;
  /** The Test Explorer's runner for the folder. */
  readonly tests: (folder: vscode.WorkspaceFolder) => TestRunner;
  /** Imperium's own extension (its folder holds the built-in skills). */
  readonly extension: { readonly id: string; readonly extensionPath: string };
}

export class WorkflowHost implements vscode.Disposable {
  private opening: Promise<WorkflowService> | undefined;
  private openingMemories: Promise<ExtensionMemories> | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly opened = new vscode.EventEmitter<WorkflowService>();
  readonly onDidOpen = this.opened.event;
  private readonly phasesChanged = new vscode.EventEmitter<void>();
  private current: WorkflowService | undefined;
  private prompts: ApprovalPrompts | undefined;

  /** The code lens's view of the workflows: the phase on each target, once the service is open. */
  readonly targets = {
    phaseOf: (key: string) => this.current?.phaseOf(key),
    moduleFor: moduleForTarget,
    onDidChange: this.phasesChanged.event,
  };

  constructor(private readonly options: WorkflowHostOptions) {
    this.disposables.push(
      ...registerApprovalCommands(async () => {
        await this.service();
        if (!this.prompts) throw new Error('the workflow service is not open');
        return this.prompts;
      }),
      this.opened,
      this.phasesChanged,
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void this.service().then((service) => service.recover(), (error: unknown) => this.options.log.warn(`workflows: ${message(error)}`));
      }),
    );
  }

  /** The same service on every call. */
  readonly service = (): Promise<WorkflowService> => {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  };

  /** Long-term memory of both scopes, opened once (with or without a workflow). */
  readonly memories = (): Promise<ExtensionMemories> => {
    const { folderPath, globalStorageFolder, settings, apiKeys, log } = this.options;
    const onDamage = (warning: string) => {
      log.warn(warning);
      void vscode.window.showWarningMessage(warning);
    };
    this.openingMemories ??= loadEngine()
      .then((engine) => engine.openMemories({ folderPath, globalStorageFolder, settings, apiKeys, log, onDamage }))
      .catch((error: unknown) => {
        this.openingMemories = undefined;
        throw error;
      });
    return this.openingMemories;
  };

  dispose(): void {
    this.disposed = true;
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
    void this.openingMemories?.then(
      (memories) => memories.close(),
      () => undefined,
    );
  }

  private async open(): Promise<WorkflowService> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('Open a folder first: the agents work on the files of a workspace folder.');
    if (folder.uri.scheme !== 'file') throw new Error(`The folder ${folder.uri.toString()} is not on this machine's disk; the agents need a local folder.`);
    // The state lives in <folder>/.imperium/: an untrusted folder is not written to, not even its lock.
    if (!vscode.workspace.isTrusted) throw new Error('Imperium Flow runs nothing in Restricted Mode and keeps no state in an untrusted folder. Trust this workspace to let the agents work.');
    const engine = await loadEngine();
    const { service, skills } = await engine.openWorkflowService({
      folder,
      settings: this.options.settings,
      apiKeys: this.options.apiKeys,
      conductorTokens: this.options.conductorTokens,
      log: this.options.log,
      tests: this.options.tests(folder),
      memory: await this.memories(),
      extension: this.options.extension,
    });
    if (this.disposed) {
      service.dispose();
      skills.dispose();
      throw new Error('the extension is shutting down');
    }
    this.prompts = new ApprovalPrompts(service.approvals, this.options.log);
    this.disposables.push(
      service,
      skills,
      ...registerApprovalPrompts(this.prompts),
      ...registerWorkflowFeedback(service),
      service.onDidChange((event) => {
        if (event === undefined || event.type === 'workflow' || event.type === 'task') this.phasesChanged.fire();
      }),
    );
    this.current = service;
    this.opened.fire(service);
    this.phasesChanged.fire();
    const resumed = await service.recover();
    if (resumed.length > 0) void vscode.window.showInformationMessage(`Imperium Flow resumed ${resumed.length === 1 ? `workflow ${resumed[0]}` : `${resumed.length} workflows`} where the last session left off.`);
    return service;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
