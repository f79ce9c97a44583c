// How a person answers the agents' pending approvals in the editor: a notification for each, a diff
// (vscode.diff) of an edit with Approve and Reject in the editor's title bar, escalations with their
// options. The command center (and the chat, the gateway) answers the same queue; whichever answers
// first decides, and the notification closes then, wherever the answer came from. VS Code cannot
// close a message notification, so the prompt is a progress notification (which closes when its
// task ends) whose answers are command links in its text; each link carries a one-off token, not
// the approval's id, so nothing but that notification can answer through it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { PendingApproval, PendingApprovals } from '../../core/approvals/pendingApprovals';

const SCHEME = 'imperium-review';
const REVIEWING_CONTEXT = 'imperium.reviewingEdit';
/** The command a notification's answer links run (internal: the leading underscore keeps it out of the palette). */
export const ANSWER_PROMPT_COMMAND = '_imperium.answerApprovalPrompt';

interface Answer {
  readonly label: string;
  readonly act: () => unknown;
}

interface OpenPrompt {
  readonly approvalId: string;
  readonly answers: readonly Answer[];
  readonly close: () => void;
}

/**
 * Approve Edit and Reject Edit exist from activation (every contributed command does); they act on
 * the prompts of the workflow service once it is open.
 */
export function registerApprovalCommands(prompts: () => Promise<ApprovalPrompts>): vscode.Disposable[] {
  return [
    // No arguments are taken: another extension calling the command cannot name an approval.
    vscode.commands.registerCommand('imperium.approveEdit', async () => (await prompts()).decideFromEditor(true)),
    vscode.commands.registerCommand('imperium.rejectEdit', async () => (await prompts()).decideFromEditor(false)),
    vscode.commands.registerCommand(ANSWER_PROMPT_COMMAND, async (token: unknown, answer: unknown) => (await prompts()).answer(token, answer)),
  ];
}

export function registerApprovalPrompts(prompts: ApprovalPrompts): vscode.Disposable[] {
  return [
    prompts,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, prompts),
    vscode.window.tabGroups.onDidChangeTabs(() => prompts.updateContext()),
    vscode.window.onDidChangeActiveTextEditor(() => prompts.updateContext()),
  ];
}

export class ApprovalPrompts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly unsubscribe: () => void;
  /** The notifications on screen, by their links' token. */
  private readonly open = new Map<string, OpenPrompt>();

  constructor(
    private readonly approvals: PendingApprovals,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.unsubscribe = approvals.subscribe((change) => {
      if (change.type === 'added') void this.prompt(change.approval);
      else {
        this.closePrompts(change.id);
        void this.closeDiff(change.id);
      }
      this.updateContext();
    });
  }

  /** The two sides of an edit's diff: `imperium-review:/<approval id>/<before|after>/<path>`. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, id, side] = uri.path.split('/');
    const request = id === undefined ? undefined : this.approvals.get(id)?.request;
    if (request?.kind !== 'edit') return '';
    return (side === 'before' ? request.before : request.after) ?? '';
  }

  async showDiff(approval: PendingApproval): Promise<void> {
    const { request } = approval;
    if (request.kind !== 'edit') return;
    const side = (name: string) => vscode.Uri.from({ scheme: SCHEME, path: `/${approval.id}/${name}/${request.path}` });
    const verb = `${request.runsCode === undefined ? '' : 'runs code: '}${request.applied ? 'keep or revert' : 'approve or reject'}`;
    await vscode.commands.executeCommand('vscode.diff', side('before'), side('after'), `${request.path} (${request.before === undefined ? 'new file' : 'proposed'}: ${verb})`, { preview: false });
  }

  /** Approve or Reject from the editor title: the active diff's approval, or, from a notification, the one it asked about. */
  async decideFromEditor(approved: boolean, given?: string): Promise<void> {
    const id = given ?? this.activeDiffApproval();
    const approval = id === undefined ? undefined : this.approvals.get(id);
    if (!approval) {
      void vscode.window.showInformationMessage('Imperium Flow: this edit is no longer waiting for a decision.');
      return;
    }
    let note: string | undefined;
    if (!approved && approval.request.kind === 'edit' && !approval.request.applied) {
      note = await vscode.window.showInputBox({ title: 'Reject the edit', prompt: 'Why? The agent reads this and takes another approach (optional).', ignoreFocusOut: true });
    }
    this.decide(approval, { approved, ...(note ? { note } : {}) });
  }

  updateContext(): void {
    void vscode.commands.executeCommand('setContext', REVIEWING_CONTEXT, this.activeDiffApproval() !== undefined);
  }

  /** A link in a prompt's notification was followed: `token` names the prompt, `answer` the link. */
  async answer(token: unknown, answer: unknown): Promise<void> {
    const prompt = typeof token === 'string' ? this.open.get(token) : undefined;
    const chosen = typeof answer === 'number' ? prompt?.answers[answer] : undefined;
    if (!prompt || !chosen) {
      void vscode.window.showInformationMessage('Imperium Flow: this is no longer waiting for a decision.');
      return;
    }
    await chosen.act();
  }

  dispose(): void {
    this.unsubscribe();
    for (const prompt of this.open.values()) prompt.close();
    this.open.clear();
  }

  private async prompt(approval: PendingApproval): Promise<void> {
    const { request } = approval;
    if (request.kind === 'edit') {
      const question = request.applied
        ? `Workflow ${request.workflowId} ended without the Board's approval. Keep its change to ${request.path}?`
        : `Workflow ${request.workflowId} wants to ${request.before === undefined ? 'create' : 'change'} ${request.path}.`;
      const [yes, no] = request.applied ? ['Keep', 'Revert'] : ['Approve', 'Reject'];
      // A file that runs code on install, commit or open is asked about as such, naming what it runs.
      const asked = request.runsCode === undefined ? question : `${question} This file ${request.runsCode}. Only you can approve this change.`;
      await this.notify(approval, asked, [
        { label: 'Show Diff', act: () => this.showDiff(approval) },
        { label: yes, act: () => this.decide(approval, { approved: true }) },
        { label: no, act: () => this.decideFromEditor(false, approval.id) },
      ]);
    } else if (request.kind === 'escalation') {
      await this.notify(approval, `Workflow ${request.workflowId}: ${request.reason}`, request.options.map((choice) => ({ label: choice, act: () => this.decide(approval, { approved: true, choice }) })));
    } else {
      const choice = await vscode.window.showWarningMessage(`Workflow ${request.workflowId} wants to run: ${request.command}`, { modal: true }, 'Run');
      this.decide(approval, { approved: choice === 'Run' });
    }
  }

  private decide(approval: PendingApproval, decision: { approved: boolean; note?: string; choice?: string }): void {
    if (!this.approvals.decide(approval.id, decision)) {
      void vscode.window.showInformationMessage('Imperium Flow: this was already decided elsewhere.');
      return;
    }
    this.log.info(`approval ${approval.id} (${approval.request.kind}, workflow ${approval.request.workflowId}): ${decision.choice ?? (decision.approved ? 'approved' : 'rejected')}`);
  }

  /**
   * Shows the question with its answers as links, until the approval leaves the queue. Following
   * Show Diff leaves it open; a decision, made here or anywhere else, closes it. Its Cancel button
   * (which also keeps it expanded, so the links show) closes only the notification: the approval
   * keeps waiting in the views.
   */
  private notify(approval: PendingApproval, question: string, answers: readonly Answer[]): Thenable<void> {
    const token = randomUUID();
    const links = answers.map((answer, index) => {
      const label = answer.label.replace(/[[\]"]/g, '');
      return `[${label}](command:${ANSWER_PROMPT_COMMAND}?${encodeURIComponent(JSON.stringify([token, index]))} "${label}")`;
    });
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Imperium Flow', cancellable: true }, (progress, dismissed) => {
      progress.report({ message: `${question} ${links.join(' · ')}` });
      return new Promise<void>((close) => {
        this.open.set(token, { approvalId: approval.id, answers, close });
        dismissed.onCancellationRequested(() => {
          this.open.delete(token);
          close();
        });
        // Decided between the queue's event and now: nothing to wait for.
        if (!this.approvals.get(approval.id)) this.closePrompts(approval.id);
      });
    });
  }

  private closePrompts(approvalId: string): void {
    for (const [token, prompt] of this.open) {
      if (prompt.approvalId !== approvalId) continue;
      this.open.delete(token);
      prompt.close();
    }
  }

  private activeDiffApproval(): string | undefined {
    const id = reviewedApproval(vscode.window.tabGroups.activeTabGroup.activeTab);
    return id !== undefined && this.approvals.get(id) ? id : undefined;
  }

  private async closeDiff(id: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => reviewedApproval(tab) === id);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}

/** The approval a tab's diff shows (its `imperium-review:/<id>/...` side), if it shows one. */
function reviewedApproval(tab: vscode.Tab | undefined): string | undefined {
  const input = tab?.input;
  if (!(input instanceof vscode.TabInputTextDiff) || input.modified.scheme !== SCHEME) return undefined;
  return input.modified.path.split('/')[1];
}
