// "Imperium: Try Without a Model": the feature workflow on a copy of the bundled example, in the
// editor, with the scripted model server answering (openScriptedTrial.ts). The views show the trial
// while it is looked at; the status bar and the notifications say the model is SCRIPTED. The
// person's own files are never touched.
import * as vscode from 'vscode';
import type { ConductorTokenStore } from '../conductorTokenStore';
import { WorkflowDashboardSource } from '../workflows/workflowDashboardSource';
import type { ShownDashboard } from '../dashboard/shownDashboard';
import { OPEN_COMMAND_CENTER_COMMAND } from '../dashboard/editorActions';
import { loadEngine } from '../lazyEngine';
import type { OpenedTrial } from './openScriptedTrial';
import { CHOOSE_MODEL_COMMAND, TRY_WITHOUT_MODEL_COMMAND } from './chooseModelCommand';
import type { ModelStatusBar } from './modelStatusBar';
import { isTerminalWorkflow } from '../../shared/taskStatus';

export const END_TRIAL_COMMAND = 'imperium.endTrial';
const TRIAL_SHOWN_CONTEXT = 'imperium.trialShown';
const TRIAL_WORKFLOW = 'feature';

export interface ScriptedTrialDeps {
  readonly extension: vscode.Extension<unknown>;
  readonly secrets: vscode.SecretStorage;
  readonly conductorTokens: ConductorTokenStore;
  readonly log: vscode.LogOutputChannel;
  readonly shown: ShownDashboard;
  readonly status: ModelStatusBar;
}

/** What the command answers with. */
export interface TrialStarted {
  readonly workflowId: string;
  /** The copy of the example the agents work on. */
  readonly folder: string;
  /** The scripted model server's address. */
  readonly modelUrl: string;
}

interface RunningTrial {
  readonly opened: OpenedTrial;
  readonly workflowId: string;
  readonly views: WorkflowDashboardSource;
  readonly source: () => ReturnType<WorkflowDashboardSource['source']>;
  readonly following: vscode.Disposable;
  ended: boolean;
}

export class ScriptedTrial implements vscode.Disposable {
  private current: RunningTrial | undefined;
  private starting: Promise<TrialStarted> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ScriptedTrialDeps) {
    this.disposables = [
      vscode.commands.registerCommand(TRY_WITHOUT_MODEL_COMMAND, () => this.start()),
      vscode.commands.registerCommand(END_TRIAL_COMMAND, () => this.end()),
    ];
  }

  /** Starts a trial, or shows the one still running. */
  start(): Promise<TrialStarted> {
    const running = this.current;
    if (running && !running.ended) {
      this.deps.shown.show(running.source);
      void vscode.commands.executeCommand(OPEN_COMMAND_CENTER_COMMAND);
      return Promise.resolve(this.started(running));
    }
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Closes the trial (canceling a run still going) and shows the workspace's workflows again. */
  async end(): Promise<void> {
    const trial = this.current;
    this.current = undefined;
    this.deps.shown.show(undefined);
    this.deps.status.setTrialRunning(false);
    await vscode.commands.executeCommand('setContext', TRIAL_SHOWN_CONTEXT, false);
    if (!trial) return;
    if (!trial.ended) await trial.opened.service.cancel(trial.workflowId).catch(() => undefined);
    await this.close(trial);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    const trial = this.current;
    this.current = undefined;
    if (trial) void this.close(trial);
  }

  private async open(): Promise<TrialStarted> {
    const { log } = this.deps;
    if (this.current) await this.end();
    const engine = await loadEngine();
    const opened = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Imperium Flow: preparing the scripted trial' }, () =>
      engine.openScriptedTrial({ extensionPath: this.deps.extension.extensionPath, extension: this.deps.extension, secrets: this.deps.secrets, conductorTokens: this.deps.conductorTokens, log }),
    );
    log.info(`scripted trial: ${opened.example.example} copied to ${opened.folder}; model SCRIPTED at ${opened.server.url} (${opened.server.scenario.model}), answering from ${opened.example.scenario}`);
    let workflowId: string;
    try {
      workflowId = await opened.service.start({ workflow: TRIAL_WORKFLOW, request: opened.example.request });
    } catch (error) {
      await opened.close();
      throw error;
    }
    const modelNote = `Model: SCRIPTED (${opened.server.scenario.model}): its answers are replayed from the scenario ${opened.example.scenario}, not written by a language model. The agents work on a copy of the bundled example "${opened.example.example}"; your files are not touched.`;
    const readOnlyReason = 'This is the scripted trial, on a copy of the bundled example: choose a model, then run "Imperium: End the Scripted Trial" to start and undo your own workflows.';
    const views = new WorkflowDashboardSource(async () => opened.service, async () => opened.memory, log, { modelNote, readOnlyReason });
    const trial: RunningTrial = {
      opened,
      workflowId,
      views,
      source: () => views.source(),
      ended: false,
      following: opened.service.onDidChange((event) => {
        if (event?.type === 'workflow' && event.workflowId === workflowId && isTerminalWorkflow(event.status)) this.ended(trial, event.status, event.reason);
      }),
    };
    this.current = trial;
    this.deps.shown.show(trial.source);
    this.deps.status.setTrialRunning(true);
    await vscode.commands.executeCommand('setContext', TRIAL_SHOWN_CONTEXT, true);
    void vscode.commands.executeCommand(OPEN_COMMAND_CENTER_COMMAND);
    void vscode.window.showInformationMessage(
      `Imperium Flow is running the ${TRIAL_WORKFLOW} workflow on a copy of the bundled example "${opened.example.example}" with the SCRIPTED model: its answers are replayed from a scenario file, not written by a language model. The engine, the tools, the tests and the gates are real; your files are not touched.`,
    );
    return this.started(trial);
  }

  private ended(trial: RunningTrial, status: string, reason: string | undefined): void {
    if (trial.ended) return;
    trial.ended = true;
    if (this.current === trial) this.deps.status.setTrialRunning(false);
    const { opened } = trial;
    this.deps.log.info(`scripted trial ${trial.workflowId} ended ${status}${reason ? `: ${reason}` : ''}; the copy stays at ${opened.folder}`);
    // The server has answered all it will: the views keep showing the run until the trial is ended.
    void opened.server.close();
    const outcome = status === 'COMPLETED' ? 'finished: the agents took the feature from plan to green tests and the Board approved it' : `ended ${status.toLowerCase()}${reason ? ` (${reason})` : ''}`;
    const actions = ['Choose a Model', 'Open the Copy', 'Back to My Workflows'] as const;
    void vscode.window.showInformationMessage(`The trial on the SCRIPTED model ${outcome}. Its answers were replayed from a scenario file; the agents worked on a copy at ${opened.folder}. For your own code, choose a model.`, ...actions).then(async (action) => {
      if (action === 'Choose a Model') await vscode.commands.executeCommand(CHOOSE_MODEL_COMMAND);
      else if (action === 'Open the Copy') await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(opened.folder), { forceNewWindow: true });
      else if (action === 'Back to My Workflows') await vscode.commands.executeCommand(END_TRIAL_COMMAND);
    });
  }

  private started(trial: RunningTrial): TrialStarted {
    return { workflowId: trial.workflowId, folder: trial.opened.folder, modelUrl: trial.opened.server.url };
  }

  private async close(trial: RunningTrial): Promise<void> {
    trial.following.dispose();
    trial.views.dispose();
    await trial.opened.close().catch((error: unknown) => this.deps.log.warn(`scripted trial: closing failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
