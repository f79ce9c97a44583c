// The files the selected workflow changed, from its journal, each with a button that opens it and
// one that opens its diff in the editor.
import type { Availability, ChangedFileView, WorkflowView } from '../../../src/shared/dashboardState';
import { setAttribute, setText } from '../dom';
import { ActionButton } from './actionButton';
import type { PartContext } from './viewModel';

export class ChangedFiles {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;
  private readonly list: HTMLUListElement;
  private shownKey = '';

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.note = dom.el('p', { class: 'empty' });
    this.list = dom.el('ul', { class: 'file-list', attrs: { 'aria-label': 'Changed files' } });
    this.element = dom.el('section', { class: 'files card', attrs: { 'aria-label': 'Changed files' } }, [dom.el('h2', {}, ['Changed files']), this.note, this.list]);
  }

  render(workflow: WorkflowView | undefined, files: Availability | undefined, diff: Availability | undefined): void {
    const note =
      files === undefined ? 'Waiting for the extension…' : !files.available ? files.reason : !workflow ? 'No workflow.' : workflow.files === undefined ? 'Not known yet.' : workflow.files.length === 0 ? 'No files changed.' : '';
    setText(this.note, note);
    setAttribute(this.note, 'hidden', note === '');
    const shown = files?.available && workflow?.files ? workflow.files : [];
    const diffReason = diff && !diff.available ? diff.reason : undefined;
    const key = JSON.stringify([workflow?.id, shown, diff?.available === true, diffReason]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.context.dom.replace(
      this.list,
      shown.map((file) => this.entry(workflow?.id ?? '', file, diff?.available === true, diffReason)),
    );
  }

  private entry(workflowId: string, file: ChangedFileView, diffAvailable: boolean, diffReason: string | undefined): HTMLElement {
    const { dom, actions } = this.context;
    const open = new ActionButton(this.context, {
      icon: 'go-to-file',
      label: 'Open',
      name: `Open ${file.path}`,
      appearance: 'icon',
      onPress: () => actions.request({ kind: 'open-file', path: file.path }, `Open ${file.path}`),
    });
    const diff = new ActionButton(this.context, {
      icon: 'diff',
      label: 'Diff',
      name: `Open the diff of ${file.path}`,
      appearance: 'icon',
      onPress: () => actions.request({ kind: 'open-diff', workflowId, path: file.path }, `Open the diff of ${file.path}`),
    });
    open.update(true);
    diff.update(diffAvailable, diffReason);
    return dom.el('li', { class: 'changed-file' }, [
      dom.el('span', { class: 'file-path' }, [file.path]),
      file.created && dom.el('span', { class: 'tag' }, ['new']),
      dom.el('span', { class: 'file-actions' }, [open.element, diff.element]),
    ]);
  }
}
