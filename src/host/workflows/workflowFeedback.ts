// What a person sees of running workflows outside the views: a status bar item with the active
// workflow's phase (click: the command center), a progress notification per running workflow with
// Cancel, a message when one ends, and the context keys that enable the palette's commands.
import * as vscode from 'vscode';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import type { EngineEvent } from '../../shared/events';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import { phaseOf, type WorkflowPhaseInfo } from '../../shared/workflowPhase';
import type { WorkflowService } from './workflowService';

export function registerWorkflowFeedback(service: WorkflowService): vscode.Disposable[] {
  const feedback = new WorkflowFeedback(service);
  return [feedback, service.onDidChange((event) => feedback.follow(event))];
}

class WorkflowFeedback implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('imperium.workflow', vscode.StatusBarAlignment.Left, 50);
  /** The running workflows that have a progress notification open, and how to end it. */
  private readonly progress = new Map<string, { report: (message: string) => void; end: () => void }>();
  /** Workflows whose Conductor server is away, with what the engine said. */
  private readonly unreachable = new Map<string, string>();

  constructor(private readonly service: WorkflowService) {
    this.item.name = 'Imperium Flow workflow';
    this.item.command = 'imperium.openCommandCenter';
    this.refresh();
  }

  follow(event: EngineEvent | undefined): void {
    // Agents' tool, token and test events come many a second and change nothing shown here.
    if (event !== undefined && event.type !== 'workflow' && event.type !== 'task') return;
    if (event?.type === 'task' && event.status === 'IN_PROGRESS') {
      // Each step's start updates the message (the workflow's own events come only at its ends).
      this.progress.get(event.workflowId)?.report(this.progressMessage(event.workflowId, event.step));
    }
    if (event?.type === 'workflow') {
      const open = this.progress.get(event.workflowId);
      if (event.reason !== undefined && UNREACHABLE.test(event.reason)) this.unreachable.set(event.workflowId, event.reason);
      else this.unreachable.delete(event.workflowId);
      if (event.status === 'RUNNING') {
        const lost = this.unreachable.get(event.workflowId);
        const message = lost ?? this.progressMessage(event.workflowId, describe(event, this.service.phasesOf(event.workflowId)));
        if (open) open.report(message);
        else this.showProgress(event.workflowId, message);
      } else {
        open?.end();
        if (isTerminalWorkflow(event.status)) void this.announceEnd(event.workflowId, event.status, event.reason);
      }
    }
    this.refresh();
  }

  /** Where the workflow is, and the forecast it started with when it started in this window. */
  private progressMessage(workflowId: string, where: string): string {
    const forecast = this.service.forecastOf(workflowId);
    return forecast ? `${where} · ${forecast}` : where;
  }

  dispose(): void {
    for (const open of this.progress.values()) open.end();
    this.item.dispose();
  }

  private refresh(): void {
    const workflows = this.service.list();
    const active = workflows.filter((w) => !isTerminalWorkflow(w.status));
    const shown = active.find((w) => w.status === 'RUNNING') ?? active[0];
    if (shown) {
      const phase = phaseOf(shown, this.service.phasesOf(shown.id)) ?? shown.step ?? 'starting';
      const lost = this.unreachable.get(shown.id);
      const icon = lost ? '$(warning)' : shown.status === 'PAUSED' ? '$(debug-pause)' : '$(sync~spin)';
      const what = lost ? 'Conductor unreachable' : shown.status === 'PAUSED' ? 'paused' : phase;
      this.item.text = `${icon} Imperium: ${what}${active.length > 1 ? ` (+${active.length - 1})` : ''}`;
      this.item.tooltip = lost ? `Workflow ${shown.id}: ${lost}. The workers carry on when it answers.` : `Workflow ${shown.id}: ${shown.status.toLowerCase()}${shown.step ? `, step ${shown.step}` : ''}. Click to open the command center.`;
      this.item.show();
    } else {
      this.item.hide();
    }
    void setContexts(workflows);
  }

  private showProgress(workflowId: string, first: string): void {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Imperium workflow ${workflowId}`, cancellable: true }, (progress, token) => {
      progress.report({ message: first });
      return new Promise<void>((resolve) => {
        const cancel = token.onCancellationRequested(() => {
          void this.service.cancel(workflowId).catch(() => undefined);
        });
        this.progress.set(workflowId, {
          report: (message) => progress.report({ message }),
          end: () => {
            cancel.dispose();
            this.progress.delete(workflowId);
            resolve();
          },
        });
      });
    });
  }

  private async announceEnd(workflowId: string, status: string, reason: string | undefined): Promise<void> {
    if (status === 'COMPLETED') {
      const choice = await vscode.window.showInformationMessage(`Imperium workflow ${workflowId} is done: tests green, the Board approved.`, 'Open Command Center', 'Undo Workflow');
      if (choice === 'Open Command Center') await vscode.commands.executeCommand('imperium.openCommandCenter');
      if (choice === 'Undo Workflow') await vscode.commands.executeCommand('imperium.undoWorkflow', workflowId);
      return;
    }
    const why = reason ? `: ${reason}` : '.';
    const actions = /API key/i.test(reason ?? '') ? ['Set API Key', 'Open Command Center'] : ['Open Command Center', 'Show Log'];
    const choice = await vscode.window.showWarningMessage(`Imperium workflow ${workflowId} ${status === 'CANCELED' ? 'was canceled' : 'failed'}${why}`, ...actions);
    const commands: Record<string, string> = { 'Set API Key': 'imperium.setApiKey', 'Open Command Center': 'imperium.openCommandCenter', 'Show Log': 'imperium.showLog' };
    if (choice) await vscode.commands.executeCommand(commands[choice] ?? 'imperium.showLog');
  }
}

function describe(event: { readonly step?: string; readonly status: WorkflowSummary['status'] }, phases: readonly WorkflowPhaseInfo[]): string {
  const phase = phaseOf(event, phases);
  return phase ? `${phase}${event.step && event.step !== phase ? ` (${event.step})` : ''}` : (event.step ?? 'starting');
}

/** What the Conductor engine says while its server is away (src/infra/conductor/conductorEngine.ts). */
const UNREACHABLE = /^Conductor unreachable/;

const contexts = new Map<string, boolean>();

/** Sets the context keys that changed (events come many a second; the keys change rarely). */
async function setContexts(workflows: readonly WorkflowSummary[]): Promise<void> {
  const has = (status: WorkflowSummary['status']) => workflows.some((w) => w.status === status);
  const values: Record<string, boolean> = {
    'imperium.workflowRunning': has('RUNNING'),
    'imperium.workflowPaused': has('PAUSED'),
    'imperium.workflowActive': has('RUNNING') || has('PAUSED'),
    'imperium.hasUndoableWorkflow': workflows.some((w) => isTerminalWorkflow(w.status)),
  };
  const changed = Object.entries(values).filter(([key, value]) => contexts.get(key) !== value);
  for (const [key, value] of changed) contexts.set(key, value);
  await Promise.all(changed.map(([key, value]) => vscode.commands.executeCommand('setContext', key, value)));
}
