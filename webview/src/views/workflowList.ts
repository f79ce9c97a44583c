// The workflows, active ones first, then past ones, newest first; choosing one shows its details.
// Each entry is built once and updated in place, so keyboard focus stays where it is while the
// list changes under it.
import { isTerminalWorkflow } from '../../../src/shared/taskStatus';
import type { WorkflowView } from '../../../src/shared/dashboardState';
import { phaseOf, phaseTitle, progressOf } from '../../../src/shared/workflowPhase';
import { setAttribute, setText, syncChildren } from '../dom';
import { formatTime, STATUS_ICONS, STATUS_LABELS, stepLabel, workflowKind, workflowTitle } from '../format';
import type { PartContext } from './viewModel';

class WorkflowEntry {
  readonly element: HTMLLIElement;
  private readonly button: HTMLButtonElement;
  private readonly icon: HTMLElement;
  private readonly title: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly bar: HTMLElement;
  private shown: WorkflowView | undefined;
  private selected: boolean | undefined;

  constructor(
    { dom, actions }: PartContext,
    private readonly id: string,
  ) {
    this.icon = dom.el('span', { attrs: { 'aria-hidden': 'true' } });
    this.title = dom.el('span', { class: 'entry-title' });
    this.detail = dom.el('span', { class: 'entry-detail' });
    this.bar = dom.el('span', { class: 'entry-progress-bar' });
    this.button = dom.el('button', { class: 'workflow-entry', attrs: { type: 'button' }, onClick: () => actions.select(this.id) }, [
      this.icon,
      dom.el('span', { class: 'entry-text' }, [this.title, this.detail]),
      dom.el('span', { class: 'entry-progress', attrs: { 'aria-hidden': 'true' } }, [this.bar]),
    ]);
    this.element = dom.el('li', {}, [this.button]);
  }

  update(workflow: WorkflowView, selected: boolean): void {
    if (workflow === this.shown && selected === this.selected) return;
    this.shown = workflow;
    this.selected = selected;
    const phase = phaseOf(workflow, workflow.phases);
    const where = phase ? phaseTitle(phase, workflow.phases) : workflow.step ? stepLabel(workflow.step) : '';
    setAttribute(this.icon, 'class', `codicon codicon-${STATUS_ICONS[workflow.status]} status-icon status-${workflow.status.toLowerCase()}`);
    setText(this.title, workflowTitle(workflow));
    setText(this.detail, `${STATUS_LABELS[workflow.status]}${where && phase !== 'done' && phase !== 'failed' ? ` · ${where}` : ''} · ${formatTime(workflow.createdAt)} · ${workflowKind(workflow)}`);
    const width = `${Math.round(progressOf(workflow) * 100)}%`;
    if (this.bar.style.width !== width) this.bar.style.width = width;
    setAttribute(this.button, 'aria-current', selected ? 'true' : undefined);
    if (this.button.classList.contains('selected') !== selected) this.button.classList.toggle('selected', selected);
  }
}

export class WorkflowList {
  readonly element: HTMLElement;
  private readonly active: HTMLUListElement;
  private readonly past: HTMLUListElement;
  private readonly activeHeading: HTMLElement;
  private readonly pastHeading: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly entries = new Map<string, WorkflowEntry>();
  private shown: readonly WorkflowView[] | undefined;
  private selectedId: string | undefined;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.activeHeading = dom.el('h3', { class: 'list-heading' }, ['Active']);
    this.pastHeading = dom.el('h3', { class: 'list-heading' }, ['Past']);
    this.active = dom.el('ul', { class: 'workflow-list', attrs: { 'aria-label': 'Active workflows' } });
    this.past = dom.el('ul', { class: 'workflow-list', attrs: { 'aria-label': 'Past workflows' } });
    this.empty = dom.el('p', { class: 'empty' }, ['No workflows yet.']);
    this.element = dom.el('nav', { class: 'workflows card', attrs: { 'aria-label': 'Workflows' } }, [
      dom.el('h2', {}, ['Workflows']),
      this.empty,
      this.activeHeading,
      this.active,
      this.pastHeading,
      this.past,
    ]);
  }

  render(workflows: readonly WorkflowView[], selectedId: string | undefined): void {
    if (workflows === this.shown && selectedId === this.selectedId) return;
    this.shown = workflows;
    this.selectedId = selectedId;
    const active: HTMLElement[] = [];
    const past: HTMLElement[] = [];
    const present = new Set<string>();
    for (const workflow of workflows) {
      present.add(workflow.id);
      let entry = this.entries.get(workflow.id);
      if (!entry) {
        entry = new WorkflowEntry(this.context, workflow.id);
        this.entries.set(workflow.id, entry);
      }
      entry.update(workflow, workflow.id === selectedId);
      (isTerminalWorkflow(workflow.status) ? past : active).push(entry.element);
    }
    for (const id of this.entries.keys()) if (!present.has(id)) this.entries.delete(id);
    // Moving the same nodes keeps a focused button focused.
    syncChildren(this.active, active);
    syncChildren(this.past, past);
    setAttribute(this.empty, 'hidden', workflows.length > 0);
    setAttribute(this.activeHeading, 'hidden', active.length === 0);
    setAttribute(this.active, 'hidden', active.length === 0);
    setAttribute(this.pastHeading, 'hidden', past.length === 0);
    setAttribute(this.past, 'hidden', past.length === 0);
  }
}
