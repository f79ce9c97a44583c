// The form that starts a workflow from a request written by the user, with a choice of workflow
// when the host offers more than one module. While the host cannot start one, the form is disabled
// and says why. The draft survives a hidden view or a reload. Ctrl/Cmd+Enter in the field submits it.
import type { StartAvailability, WorkflowChoice } from '../../../src/shared/dashboardState';
import { setAttribute, setText } from '../dom';
import { ActionButton } from './actionButton';
import type { PartContext } from './viewModel';

type ValueElement = HTMLElement & { value: string };

export class RequestForm {
  readonly element: HTMLElement;
  private readonly input: ValueElement;
  private readonly note: HTMLElement;
  private readonly submit: ActionButton;
  private readonly workflow: ValueElement;
  private offered: readonly WorkflowChoice[] = [];
  private available = false;
  private draftRestored = false;

  constructor(private readonly context: PartContext) {
    const { dom, actions } = context;
    this.input = dom.el('vscode-text-area', {
      class: 'request-input',
      attrs: { rows: 3, resize: 'vertical', placeholder: 'Describe the change, e.g. "Add a search by author to the bookshelf"', 'aria-label': 'Request' },
    }) as ValueElement;
    this.input.addEventListener('input', () => actions.saveDraft(this.input.value));
    // Ctrl+Enter (Cmd+Enter on a Mac) submits, as in VS Code's own multi-line inputs; Enter alone adds a line.
    this.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (this.available) void this.start();
    });
    this.submit = new ActionButton(context, { icon: 'play', label: 'Start workflow', appearance: 'primary', onPress: () => this.start() });
    this.note = dom.el('p', { class: 'unavailable-note' });
    this.workflow = dom.el('vscode-dropdown', { class: 'workflow-choice', attrs: { 'aria-label': 'Workflow', hidden: true } }) as ValueElement;
    this.element = dom.el('section', { class: 'request-form card', attrs: { 'aria-label': 'Start a workflow' } }, [
      dom.el('h2', {}, ['Start a workflow']),
      this.workflow,
      this.input,
      dom.el('div', { class: 'form-row' }, [this.submit.element]),
      this.note,
    ]);
  }

  render(start: StartAvailability | undefined, draft: string | undefined): void {
    this.available = start?.available === true;
    this.renderChoices(start?.workflows ?? []);
    const reason = start && !start.available ? start.reason : undefined;
    this.submit.update(this.available, reason);
    setAttribute(this.input, 'disabled', !this.available);
    setText(this.note, reason ?? '');
    setAttribute(this.note, 'hidden', reason === undefined);
    // The saved draft is put back at the first render (after a reload); after that the field is the user's.
    if (!this.draftRestored) {
      this.draftRestored = true;
      if (draft) this.input.value = draft;
    }
  }

  private async start(): Promise<void> {
    const request = this.input.value.trim();
    if (!request) {
      this.input.focus();
      return;
    }
    const workflow = this.offered.length > 1 ? this.workflow.value || this.offered[0]?.id : undefined;
    if (await this.context.actions.request({ kind: 'start', request, ...(workflow && { workflow }) }, 'Start workflow')) {
      this.input.value = '';
      this.context.actions.saveDraft('');
    }
  }

  /** One option per module, shown only when there is a choice; the person's pick is kept while the list stays the same. */
  private renderChoices(workflows: readonly WorkflowChoice[]): void {
    if (workflows.length === this.offered.length && workflows.every((choice, i) => choice.id === this.offered[i]?.id && choice.title === this.offered[i]?.title)) return;
    this.offered = workflows;
    const { dom } = this.context;
    dom.replace(this.workflow, workflows.map((choice) => dom.el('vscode-option', { attrs: { value: choice.id } }, [choice.title])));
    setAttribute(this.workflow, 'hidden', workflows.length <= 1);
  }
}
