// One request waiting for the user: an edit with its diff, a command, or an escalation with its
// answers as buttons. Everything in it came from a model or a file, so it is all text. Once the user
// answers, its buttons stay disabled until the host removes it (or refuses, and they come back).
import type { ApprovalView, DiffLine } from '../../../src/shared/dashboardState';
import { formatTime } from '../format';
import { ActionButton } from './actionButton';
import type { PartContext } from './viewModel';

const DIFF_PREFIX: Readonly<Record<DiffLine['kind'], string>> = { hunk: '', added: '+', removed: '-', context: ' ' };
const KIND_ICONS: Readonly<Record<ApprovalView['kind'], string>> = { edit: 'edit', command: 'terminal', escalation: 'report' };

/** What the entry is about, in the words its buttons' names use. */
export function approvalSubject(approval: ApprovalView): string {
  switch (approval.kind) {
    case 'edit':
      return `the edit to ${approval.path}`;
    case 'command':
      return `the command ${approval.command}`;
    case 'escalation':
      return `the question from ${approval.workflowId}`;
  }
}

export class ApprovalEntry {
  readonly element: HTMLLIElement;
  private readonly buttons: ActionButton[];
  private deciding = false;
  private enabled = false;
  /** The decision was made from the keyboard focus here (disabling the button then drops it to the page). */
  private focusedWhenDecided = false;

  constructor(
    private readonly context: PartContext,
    readonly approval: ApprovalView,
    options: { readonly compact: boolean },
  ) {
    const { dom } = context;
    const subject = approvalSubject(approval);
    this.buttons =
      approval.kind === 'escalation'
        ? approval.options.map((option, index) => this.button({ icon: index === 0 ? 'check' : 'circle-outline', label: option, primary: index === 0 }, { approved: true, choice: option }))
        : this.yesNo(subject);
    this.element = dom.el('li', { class: `approval approval-${approval.kind}` }, [
      dom.el('div', { class: 'approval-head' }, [dom.icon(KIND_ICONS[approval.kind]), ' ', ...this.heading(), dom.el('span', { class: 'muted' }, [` · ${approval.workflowId} · ${formatTime(approval.at)}`])]),
      ...this.body(options.compact),
      dom.el(
        'div',
        { class: 'approval-actions', attrs: { role: 'group', 'aria-label': approval.kind === 'escalation' ? `Answers to ${subject}` : `Decide ${subject}` } },
        this.buttons.map((button) => button.element),
      ),
    ]);
    // Seen before the button handles the press and, disabled while the decision is sent, drops the focus.
    this.element.addEventListener('click', () => (this.focusedWhenDecided = this.element.contains(this.context.dom.document.activeElement)), { capture: true });
  }

  /** `enabled`: the host can take decisions now. */
  update(enabled: boolean): void {
    this.enabled = enabled;
    for (const button of this.buttons) button.update(enabled && !this.deciding);
  }

  focus(): void {
    this.buttons[0]?.focus();
  }

  /** Whether keyboard focus is in the entry, or was when its decision was sent and has gone nowhere since. */
  holdsFocus(): boolean {
    const { document } = this.context.dom;
    const active = document.activeElement;
    return this.element.contains(active) || (this.focusedWhenDecided && (active === null || active === document.body));
  }

  /** Approve and Reject; Keep and Revert for an edit already in the workspace. */
  private yesNo(subject: string): ActionButton[] {
    const [yes, no] = this.approval.kind === 'edit' && this.approval.applied ? ['Keep', 'Revert'] : ['Approve', 'Reject'];
    return [this.button({ icon: 'check', label: yes, name: `${yes} ${subject}`, primary: true }, { approved: true }), this.button({ icon: 'close', label: no, name: `${no} ${subject}` }, { approved: false })];
  }

  private button(look: { icon: string; label: string; name?: string; primary?: boolean }, answer: { approved: boolean; choice?: string }): ActionButton {
    return new ActionButton(this.context, {
      icon: look.icon,
      label: look.label,
      name: look.name,
      appearance: look.primary ? 'primary' : 'secondary',
      onPress: () => this.decide(look.label, answer),
    });
  }

  private async decide(label: string, answer: { approved: boolean; choice?: string }): Promise<void> {
    this.deciding = true;
    this.update(this.enabled);
    const request = { kind: 'decide' as const, approvalId: this.approval.id, approved: answer.approved, ...(answer.choice !== undefined && { choice: answer.choice }) };
    const done = await this.context.actions.request(request, label);
    // Decided: the host takes the entry away with its next update. Refused: the user may try again.
    if (!done) {
      this.deciding = false;
      this.update(this.enabled);
    }
  }

  private heading(): (Node | string)[] {
    const { dom } = this.context;
    const { approval } = this;
    switch (approval.kind) {
      case 'edit':
        return [dom.el('strong', {}, [approval.applied ? 'Keep or revert ' : approval.created ? 'New file ' : 'Edit ']), dom.el('span', { class: 'approval-path' }, [approval.path])];
      case 'command':
        return [dom.el('strong', {}, ['Run ']), dom.el('code', { class: 'approval-command' }, [approval.command])];
      case 'escalation':
        return [dom.el('strong', {}, ['Your decision is needed'])];
    }
  }

  private body(compact: boolean): HTMLElement[] {
    const { dom } = this.context;
    const { approval } = this;
    if (approval.kind === 'escalation') return [dom.el('p', { class: 'approval-reason' }, [approval.reason])];
    if (approval.kind === 'command') return [];
    const parts: HTMLElement[] = [];
    if (approval.applied) {
      parts.push(dom.el('p', { class: 'approval-applied', attrs: { role: 'note' } }, [`${approval.workflowId} ended without the Board's approval; ${approval.created ? 'this new file is' : 'this change is'} in the workspace. Keep it, or revert it.`]));
    }
    if (approval.runsCode !== undefined) {
      parts.push(dom.el('p', { class: 'approval-runs-code', attrs: { role: 'note' } }, [dom.icon('warning'), ` This file ${approval.runsCode}. Only you can approve this change; the Board cannot.`]));
    }
    if (approval.diff.length > 0) {
      const changed = approval.diff.filter((line) => line.kind === 'added' || line.kind === 'removed').length;
      parts.push(
        dom.el('details', { class: 'approval-diff', attrs: { open: !compact } }, [
          dom.el('summary', {}, [`Diff, ${changed} ${changed === 1 ? 'line' : 'lines'} changed`]),
          dom.el(
            'pre',
            { class: 'diff', attrs: { 'aria-label': `Diff of ${approval.path}` } },
            approval.diff.map((line) => dom.el('span', { class: `diff-line diff-${line.kind}` }, [`${DIFF_PREFIX[line.kind]}${line.text}\n`])),
          ),
        ]),
      );
    }
    if (approval.diffNote) parts.push(dom.el('p', { class: 'diff-note muted' }, [approval.diffNote]));
    return parts;
  }
}
