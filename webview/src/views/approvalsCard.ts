// The requests waiting for the user, oldest first: edits with their diffs, commands, escalations.
// Entries are kept by id and moved, not rebuilt, so keyboard focus stays put while the list changes;
// when the focused entry goes (it was decided), focus moves to the next one, or to the heading.
import type { ApprovalView, Availability } from '../../../src/shared/dashboardState';
import { setAttribute, setText, syncChildren } from '../dom';
import { ApprovalEntry } from './approvalEntry';
import type { PartContext } from './viewModel';

export class ApprovalsCard {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly note: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly entries = new Map<string, ApprovalEntry>();
  private shown: readonly ApprovalView[] | undefined;

  constructor(
    private readonly context: PartContext,
    private readonly options: { readonly compact: boolean },
  ) {
    const { dom } = context;
    // Focus lands here when the last request is decided, so the keyboard user is not thrown to the top.
    this.heading = dom.el('h2', { attrs: { tabindex: -1 } }, ['Waiting for you']);
    this.note = dom.el('p', { class: 'unavailable-note' });
    this.list = dom.el('ul', { class: 'approval-list', attrs: { 'aria-label': 'Requests waiting for your decision' } });
    this.element = dom.el('section', { class: 'approvals card', attrs: { 'aria-label': 'Waiting for you' } }, [this.heading, this.note, this.list]);
  }

  render(approvals: readonly ApprovalView[], availability: Availability | undefined): void {
    const enabled = availability?.available === true;
    setText(this.heading, approvals.length > 0 ? `Waiting for you (${approvals.length})` : 'Waiting for you');
    const note = availability === undefined ? 'Waiting for the extension…' : !availability.available ? availability.reason : approvals.length === 0 ? 'Nothing is waiting for you.' : '';
    setText(this.note, note);
    setAttribute(this.note, 'hidden', note === '');
    // The sidebar shows the card only when something waits.
    if (this.options.compact) setAttribute(this.element, 'hidden', approvals.length === 0);
    if (approvals !== this.shown) this.sync(approvals);
    for (const entry of this.entries.values()) entry.update(enabled);
  }

  private sync(approvals: readonly ApprovalView[]): void {
    this.shown = approvals;
    const focused = [...this.entries.values()].findIndex((entry) => entry.holdsFocus());
    const ids = new Set(approvals.map((approval) => approval.id));
    const focusedGone = focused >= 0 && !ids.has([...this.entries.keys()][focused]);
    for (const id of [...this.entries.keys()]) if (!ids.has(id)) this.entries.delete(id);
    const elements = approvals.map((approval) => {
      let entry = this.entries.get(approval.id);
      if (!entry) {
        entry = new ApprovalEntry(this.context, approval, this.options);
        this.entries.set(approval.id, entry);
      }
      return entry.element;
    });
    syncChildren(this.list, elements);
    if (!focusedGone) return;
    const next = approvals[Math.min(focused, approvals.length - 1)];
    if (next) this.entries.get(next.id)?.focus();
    else this.heading.focus();
  }
}
