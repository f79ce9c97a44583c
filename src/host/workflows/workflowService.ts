// The workflows in the editor: the runtime opened on the editor's ports (the folder's one store in
// <folder>/.imperium/, shared with the CLI; agents' writes through WorkspaceEdit behind the review
// and unsaved-changes gates; tests through the Test Explorer; the model, fallback model, prices,
// budgets and limits the settings name). Opened once per window; every surface (commands, code lens,
// status bar, views) goes through it, so Workspace Trust and the review mode hold everywhere.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostSkills } from '../superpowers/hostSkills';
import { GatedWorkspace } from '../../core/approvals/gatedWorkspace';
import { PendingApprovals } from '../../core/approvals/pendingApprovals';
import { reviewGate } from '../../core/approvals/reviewGate';
import { unsavedChangesGate } from '../../core/approvals/unsavedChangesGate';
import { changedFiles } from '../../core/journal/changedFiles';
import type { JournalEntry, UndoReport } from '../../core/journal/journalEntry';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import { WriteJournal } from '../../core/journal/writeJournal';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import { SystemClock } from '../../core/orchestrator/systemClock';
import type { TestRunner } from '../../core/ports';
import { isTestPath } from '../../agents/testFiles';
import { NodeWorkspace } from '../../infra/nodeWorkspace';
import { JournalledTestRunner } from '../../infra/testRunners/journalledTestRunner';
import type { JsonStore } from '../../infra/store/jsonStore';
import { countTextTokens } from '../../llm/tokenCount';
import { openFolderStore, STATE_FOLDER } from '../../runtime/folderStore';
import { workspaceBrowser } from '../../runtime/workspaceBrowser';
import { workspaceIntegration } from '../../runtime/workspaceIntegration';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { Runtime } from '../../runtime/runtime';
import type { EngineEvent } from '../../shared/events';
import { type ImplementTarget, targetKey } from '../../shared/implementTarget';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';
import type { WorkflowRequest } from '../../shared/workflowRequest';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ConductorTokenStore } from '../conductorTokenStore';
import { engineOpenerFor } from './engineChoice';
import { conductorWorkflowLink } from '../../runtime/conductorOpener';
import type { EngineLink } from '../../shared/dashboardState';
import type { Settings } from '../settings';
import { vscodeRipgrep } from '../vscodeRipgrep';
import { ConfinementNotice } from './confinementNotice';
import { EditorFileWriter } from './editorFileWriter';
import { implementRequest } from './implementRequest';
import { SettingsModelClient } from './settingsModelClient';
import { StepModelBudget } from '../../llm/stepModelBudget';
import { type TargetPhase, TargetPhases } from './targetPhases';

export interface WorkflowServiceOptions {
  readonly folder: vscode.WorkspaceFolder;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly log: vscode.LogOutputChannel;
  readonly tests: TestRunner;
  /** Long-term memory, both scopes: recalled into prompts, and where approved workflows' lessons go. */
  readonly memory: MemoryScopes;
  /** The skills agents are offered, and what the Superpowers view shows. */
  readonly skills: HostSkills;
  /** The token for a Conductor server that asks for one (imperium.engine: conductor). */
  readonly conductorTokens: ConductorTokenStore;
}

/** What a workflow's input holds besides the request: the target the code lens started it on. */
interface StoredTarget {
  readonly target?: ImplementTarget;
}

export const RESTRICTED_MODE_MESSAGE = 'Imperium Flow runs nothing in Restricted Mode: no tests, no file changes, no model calls with workspace content. Trust this workspace to let the agents work.';

export class WorkflowService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EngineEvent | undefined>();
  /** Fires on every engine event (and with undefined when the service's own state changes). */
  readonly onDidChange = this.changed.event;
  private readonly phases = new TargetPhases();
  /** What each workflow started in this window was forecast to use, for its progress notification. */
  private readonly forecasts = new Map<string, string>();
  private readonly unsubscribe: () => void;

  private constructor(
    /** Edits and questions waiting for a person: every surface reads and answers this one queue. */
    readonly approvals: PendingApprovals,
    readonly runtime: Runtime,
    private readonly store: JsonStore,
    private readonly options: WorkflowServiceOptions,
    /** The browser DesignBot and the design workflow check pages in, when the configured Chromium is there. */
    private readonly pages: PageInspector | undefined,
  ) {
    const unconfined = new ConfinementNotice(options.log);
    this.unsubscribe = runtime.events.subscribe((event) => {
      this.phases.follow(event);
      unconfined.observe(event);
      if (event.type === 'workflow' && isTerminalWorkflow(event.status)) {
        this.approvals.withdrawWorkflow(event.workflowId, new Error(`workflow ${event.workflowId} ended`));
        if (event.status !== 'COMPLETED' && options.settings.reviewMode() === 'unlessBoardApproved') void this.reviewUnapproved(event.workflowId);
      }
      this.changed.fire(event);
    });
  }

  static async open(options: WorkflowServiceOptions): Promise<WorkflowService> {
    const clock = new SystemClock();
    // The folder's one store, the CLI's too: `imperium status` shows what runs here, and the lock
    // refuses a second writer (another window, a CLI run) with a message saying who holds it.
    const store = await openFolderStore(options.folder.uri.fsPath, options.log);
    const pages = workspaceBrowser(options.folder.uri.fsPath, STATE_FOLDER, options.settings.designBrowser());
    try {
      const openEngine = await engineOpenerFor(options);
      const approvals = new PendingApprovals();
      const journal = new WriteJournal(store.log<JournalEntry>('journal'), clock);
      const root = options.folder.uri.fsPath;
      const nodeWorkspace = await NodeWorkspace.open(root, {
        journal,
        writer: new EditorFileWriter(),
        ripgrep: vscodeRipgrep() ?? 'rg',
        // A change to a file that runs code on install, commit or open waits for a person, whatever the review mode.
        approvals,
      });
      const gated = new GatedWorkspace(nodeWorkspace, [
        unsavedChangesGate(approvals, (path) => hasUnsavedChanges(options.folder, path)),
        reviewGate(approvals, () => options.settings.reviewMode()),
      ]);
      // All the model calls of one step together may take imperium.model.stepTimeSeconds.
      const stepBudget = new StepModelBudget(options.settings.stepModelTimeMs());
      const runtime = await Runtime.open(
        {
          store,
          workspace: gated,
          // The agents' runs as the journal sees them: what a run writes is undoable, and tests stay locked to TestBot's version.
          tests: new JournalledTestRunner(options.tests, { root, journal, isTestFile: isTestPath, logger: options.log }),
          model: (events, model) => stepBudget.wrap(new SettingsModelClient(options.settings, options.apiKeys, events, options.log, model)),
          countTokens: countTextTokens,
          clock,
          logger: options.log,
          memory: options.memory,
          // When the retry ladder reaches a person, the question waits in the same queue as edits.
          approvals,
          skills: options.skills.forEngine,
          journal,
          ...(pages && { pages }),
          integration: workspaceIntegration(root),
          ...(openEngine && { openEngine }),
        },
        options.settings.runtimeSettings((message) => options.log.warn(message)),
      );
      const service = new WorkflowService(approvals, runtime, store, options, pages);
      await service.trackStoredTargets();
      return service;
    } catch (error) {
      await pages?.close();
      await store.close();
      throw error;
    }
  }

  /** The workflow's page in Conductor's UI, when it runs on Conductor and imperium.conductor.uiUrl is set. */
  engineLink(workflowId: string): EngineLink | undefined {
    const uiUrl = this.options.settings.conductorUiUrl();
    if (this.runtime.engine.kind !== 'conductor' || uiUrl === undefined) return undefined;
    try {
      return { label: 'Open in Conductor', url: conductorWorkflowLink(uiUrl, workflowId) };
    } catch (error) {
      this.options.log.warn(`imperium.conductor.uiUrl: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Where the browser keeps the screenshots of design checks (before, after, diff). */
  get screenshotsFolder(): string {
    return join(this.options.folder.uri.fsPath, STATE_FOLDER, 'design');
  }

  /**
   * Starts the module the request names on it, or on what the code lens or the command pointed at;
   * an unknown module, or a request the module cannot start from, is refused with the reason.
   */
  async start(request: WorkflowRequest): Promise<string> {
    requireTrust();
    const { target } = request;
    const text = (target ? implementRequest(target) : request.request).trim();
    const module = this.runtime.modules.get(request.workflow);
    module.input({ ...request, request: text });
    const forecast = await this.forecast();
    // The setting is the default: a workflow started with it on has the network for all its test runs.
    const allowNetwork = request.allowNetwork ?? this.options.settings.testsAllowNetwork();
    const workflowId = await this.runtime.start({ ...request, request: text, allowNetwork });
    this.forecasts.set(workflowId, forecast);
    this.options.log.info(`workflow ${workflowId}: ${forecast}`);
    if (target) this.phases.track(workflowId, targetKey(target), { status: 'RUNNING', at: Date.now() }, module.phases);
    this.options.log.info(`workflow ${workflowId} (${module.id}) started: ${text.split('\n')[0]}`);
    this.changed.fire(undefined);
    return workflowId;
  }

  /** The forecast shown when the workflow started (from the earlier runs in this workspace), if it started here. */
  forecastOf(workflowId: string): string | undefined {
    return this.forecasts.get(workflowId);
  }

  /** The workflow modules a person can start here, with their phases. */
  modules(): readonly { readonly id: string; readonly title: string; readonly description: string; readonly phases: readonly WorkflowPhaseInfo[] }[] {
    return this.runtime.modules.list();
  }

  /** The phases of a workflow's module, for the views; empty for a workflow no module here defines. */
  phasesOf(workflowId: string): readonly WorkflowPhaseInfo[] {
    return this.runtime.phasesOf(workflowId);
  }

  /** The tokens and cost the runs in this workspace so far suggest, as one sentence; never fails a start. */
  private async forecast(): Promise<string> {
    try {
      const { lines } = await this.runtime.forecast();
      return lines[0] ?? 'Forecast: none.';
    } catch (error) {
      return `Forecast: unavailable (${error instanceof Error ? error.message : String(error)}).`;
    }
  }

  /** Resumes the workflows a reload or a crash interrupted; only in a trusted workspace. */
  async recover(): Promise<string[]> {
    if (!vscode.workspace.isTrusted) return [];
    const resumed = await this.runtime.recover();
    if (resumed.length > 0) this.options.log.info(`resumed after a restart: ${resumed.join(', ')}`);
    return resumed;
  }

  /** The workspace folder the agents work in. */
  /** The skills loaded for this workspace. */
  get skills(): HostSkills {
    return this.options.skills;
  }

  get folder(): vscode.Uri {
    return this.options.folder.uri;
  }

  pause(workflowId: string): Promise<void> {
    return this.runtime.engine.pause(workflowId);
  }

  resume(workflowId: string): Promise<void> {
    requireTrust();
    return this.runtime.engine.resume(workflowId);
  }

  async cancel(workflowId: string): Promise<void> {
    this.approvals.withdrawWorkflow(workflowId, new Error(`workflow ${workflowId} was canceled`));
    await this.runtime.engine.cancel(workflowId, 'canceled by the user');
  }

  list(): WorkflowSummary[] {
    return this.runtime.engine.list();
  }

  /** Lets this workflow's test runs reach the network from its next run on; no other workflow's runs change. */
  allowNetwork(workflowId: string): void {
    requireTrust();
    this.runtime.allowNetwork(workflowId);
    this.options.log.info(`workflow ${workflowId}: its test runs may reach the network from now on (allowed by the user).`);
  }

  /** Whether the workflow's test runs may reach the network. */
  networkAllowed(workflowId: string): boolean {
    return this.runtime.networkOf(workflowId) !== undefined;
  }

  /** What an undo would do: the files the workflow changed, and which of them it created. */
  async undoPlan(workflowId: string): Promise<{ readonly restore: string[]; readonly remove: string[] }> {
    const touched = await this.runtime.workspace.touched(workflowId);
    return {
      restore: touched.filter((file) => file.before !== undefined).map((file) => file.path),
      remove: touched.filter((file) => file.before === undefined).map((file) => file.path),
    };
  }

  /**
   * Puts back every file the workflow touched (or only `paths`), byte for byte, and deletes only the
   * files it created. Files with unsaved changes in the editor are refused as a whole, before anything.
   */
  async undo(workflowId: string, paths?: readonly string[]): Promise<UndoReport> {
    requireTrust();
    const summary = this.list().find((workflow) => workflow.id === workflowId);
    if (!summary) throw new Error(`There is no workflow ${workflowId} in this workspace.`);
    if (!isTerminalWorkflow(summary.status)) throw new Error(`Workflow ${workflowId} is ${summary.status.toLowerCase()}; cancel it before undoing it.`);
    const plan = await this.undoPlan(workflowId);
    const files = [...plan.restore, ...plan.remove].filter((path) => paths === undefined || paths.includes(path));
    const unsaved = files.filter((path) => hasUnsavedChanges(this.options.folder, path));
    if (unsaved.length > 0) throw new Error(`Save or revert your changes first; these files have unsaved changes: ${unsaved.join(', ')}.`);
    const report = await this.runtime.workspace.undo(workflowId, paths === undefined ? {} : { paths });
    this.options.log.info(`workflow ${workflowId} undone: ${report.restored.length} restored, ${report.deleted.length} deleted, ${report.skipped.length} skipped`);
    this.changed.fire(undefined);
    return report;
  }

  /** The code lens's view: the phase of the latest workflow on the target. */
  phaseOf(key: string): TargetPhase | undefined {
    return this.phases.phaseOf(key);
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
    for (const approval of this.approvals.pending()) this.approvals.withdrawWorkflow(approval.request.workflowId, new Error('the window is closing'));
    void this.runtime
      .close()
      .finally(() => this.pages?.close())
      .finally(() => this.store.close());
  }

  /**
   * A workflow that ended without the Board's approval leaves its changes for a person: each changed
   * file is offered for review at once; approving keeps it, rejecting puts it back as it was.
   */
  private async reviewUnapproved(workflowId: string): Promise<void> {
    const log = this.options.log;
    try {
      const files = await changedFiles(workflowId, this.runtime.workspace, this.runtime.workspace);
      if (files.length > 0) log.info(`workflow ${workflowId} ended without the Board's approval; ${files.length} changed file(s) wait for review`);
      await Promise.all(
        files.map(async (file) => {
          // A file too large (or binary) to show is offered by name with the reason, to keep or revert all the same.
          const after = file.notShown ? `[${file.path} ${file.notShown.change}: ${file.notShown.reason}; Imperium Flow does not show its content]\n` : (file.after ?? '');
          const decision = await this.approvals
            .request({ kind: 'edit', workflowId, path: file.path, ...(file.before !== undefined && { before: file.before }), after, applied: true })
            .catch(() => undefined); // withdrawn: the window closed, or the workflow was undone meanwhile
          if (decision?.approved === false) {
            const report = await this.undo(workflowId, [file.path]);
            for (const skipped of report.skipped) log.warn(`${skipped.path} was not reverted: ${skipped.reason}`);
          }
        }),
      );
    } catch (error) {
      log.error(`reviewing the changes of workflow ${workflowId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async trackStoredTargets(): Promise<void> {
    for (const summary of this.list()) {
      const snapshot = await this.runtime.engine.get(summary.id).catch(() => undefined);
      const target = (snapshot?.input as StoredTarget | undefined)?.target;
      if (target) this.phases.track(summary.id, targetKey(target), { status: summary.status, step: summary.step, at: summary.createdAt }, this.phasesOf(summary.id));
    }
  }
}

function requireTrust(): void {
  if (!vscode.workspace.isTrusted) throw new Error(RESTRICTED_MODE_MESSAGE);
}

/** Whether the user has unsaved changes in the workspace-relative `path`. */
function hasUnsavedChanges(folder: vscode.WorkspaceFolder, path: string): boolean {
  const target = vscode.Uri.joinPath(folder.uri, ...path.split('/')).toString();
  return vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.toString() === target);
}
