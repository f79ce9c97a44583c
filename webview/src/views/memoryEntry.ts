// One learned memory: its title, kind and scope in a summary that opens to its text, tags and
// provenance; Edit turns it into fields for the title and the text; Delete asks once more before it
// deletes. What the user types stays while the list updates under it.
import type { MemoryView } from '../../../src/shared/dashboardState';
import { MAX_MEMORY_TEXT_CHARS, MAX_MEMORY_TITLE_CHARS } from '../../../src/shared/webviewProtocol';
import { setAttribute, setText } from '../dom';
import { ActionButton } from './actionButton';
import type { PartContext } from './viewModel';

type ValueElement = HTMLElement & { value: string };
type Mode = 'reading' | 'editing' | 'confirming';

export class MemoryEntry {
  readonly element: HTMLLIElement;
  private readonly title: HTMLElement;
  private readonly tags: HTMLElement;
  private readonly text: HTMLElement;
  private readonly provenance: HTMLElement;
  private readonly reading: HTMLElement;
  private readonly form: HTMLElement;
  private readonly confirmation: HTMLElement;
  private readonly titleField: ValueElement;
  private readonly textField: ValueElement;
  private readonly editButton: ActionButton;
  private readonly deleteButton: ActionButton;
  private readonly saveButton: ActionButton;
  private readonly cancelButton: ActionButton;
  private readonly confirmButton: ActionButton;
  private readonly keepButton: ActionButton;
  private memory: MemoryView;

  constructor(
    private readonly context: PartContext,
    memory: MemoryView,
  ) {
    const { dom } = context;
    this.memory = memory;
    this.title = dom.el('span', { class: 'memory-title' });
    this.tags = dom.el('span', { class: 'memory-tags' });
    this.text = dom.el('p', { class: 'memory-text' });
    this.provenance = dom.el('p', { class: 'memory-provenance muted' });
    this.editButton = this.button('edit', 'Edit', () => this.setMode('editing'));
    this.deleteButton = this.button('trash', 'Delete', () => this.setMode('confirming'));
    this.saveButton = this.button('save', 'Save', () => this.save(), true);
    this.cancelButton = this.button('close', 'Cancel', () => this.setMode('reading'));
    this.confirmButton = this.button('trash', 'Delete for good', () => this.remove(), true);
    this.keepButton = this.button('close', 'Keep it', () => this.setMode('reading'));
    this.titleField = dom.el('vscode-text-field', { class: 'memory-title-field', attrs: { maxlength: MAX_MEMORY_TITLE_CHARS, 'aria-label': 'Title' } }, ['Title']) as ValueElement;
    this.textField = dom.el('vscode-text-area', { class: 'memory-text-field', attrs: { rows: 5, resize: 'vertical', maxlength: MAX_MEMORY_TEXT_CHARS, 'aria-label': 'Text' } }, ['Text']) as ValueElement;
    this.reading = dom.el('div', { class: 'memory-body' }, [this.text, this.provenance, dom.el('div', { class: 'memory-actions' }, [this.editButton.element, this.deleteButton.element])]);
    this.form = dom.el('div', { class: 'memory-form', attrs: { role: 'group', 'aria-label': 'Edit the memory' } }, [
      this.titleField,
      this.textField,
      dom.el('div', { class: 'memory-actions' }, [this.saveButton.element, this.cancelButton.element]),
    ]);
    this.confirmation = dom.el('div', { class: 'memory-confirm', attrs: { role: 'group', 'aria-label': 'Delete the memory?' } }, [
      dom.el('p', {}, ['Delete this memory? Agents will no longer recall it; this cannot be undone.']),
      dom.el('div', { class: 'memory-actions' }, [this.confirmButton.element, this.keepButton.element]),
    ]);
    this.element = dom.el('li', { class: 'memory' }, [
      dom.el('details', {}, [dom.el('summary', {}, [this.title, ' ', this.tags]), this.reading, this.form, this.confirmation]),
    ]);
    this.show(memory);
    this.setMode('reading', false);
  }

  /** `enabled`: the host can change memories now. */
  update(memory: MemoryView, enabled: boolean): void {
    if (memory !== this.memory) this.show(memory);
    for (const button of [this.editButton, this.deleteButton, this.saveButton, this.confirmButton]) button.update(enabled);
    this.cancelButton.update(true);
    this.keepButton.update(true);
  }

  private show(memory: MemoryView): void {
    this.memory = memory;
    const { provenance } = memory;
    // Every button says which memory it acts on.
    for (const [button, verb] of [
      [this.editButton, 'Edit'],
      [this.deleteButton, 'Delete'],
      [this.saveButton, 'Save'],
      [this.cancelButton, 'Stop editing'],
      [this.confirmButton, 'Delete for good'],
      [this.keepButton, 'Keep'],
    ] as const) {
      button.rename(`${verb} the memory "${memory.title}"`);
    }
    setText(this.title, memory.title);
    setText(this.tags, [memory.kind, memory.scope, ...memory.tags].join(' · '));
    setText(this.text, memory.text);
    const learned = `Learned in ${provenance.workflowId} on ${new Date(memory.createdAt).toLocaleDateString('en-CA')}`;
    const files = provenance.files.length > 0 ? ` · files: ${provenance.files.join(', ')}` : '';
    const tests = provenance.tests.length > 0 ? ` · tests: ${provenance.tests.join(', ')}` : '';
    setText(this.provenance, `${learned}${files}${tests}`);
  }

  private button(icon: string, label: string, onPress: () => Promise<unknown> | void, primary = false): ActionButton {
    return new ActionButton(this.context, { icon, label, appearance: primary ? 'primary' : 'secondary', onPress });
  }

  private setMode(mode: Mode, moveFocus = true): void {
    setAttribute(this.reading, 'hidden', mode !== 'reading');
    setAttribute(this.form, 'hidden', mode !== 'editing');
    setAttribute(this.confirmation, 'hidden', mode !== 'confirming');
    if (mode === 'editing') {
      this.titleField.value = this.memory.title;
      this.textField.value = this.memory.text;
    }
    if (!moveFocus) return;
    if (mode === 'editing') this.titleField.focus();
    else if (mode === 'confirming') this.keepButton.focus();
    else this.editButton.focus();
  }

  private async save(): Promise<void> {
    const title = this.titleField.value.trim();
    const text = this.textField.value.trim();
    if (title === '' || text === '') {
      (title === '' ? this.titleField : this.textField).focus();
      this.context.actions.notify('A memory needs a title and a text.');
      return;
    }
    const edit = { ...(title !== this.memory.title && { title }), ...(text !== this.memory.text && { text }) };
    if (Object.keys(edit).length === 0) {
      this.setMode('reading');
      return;
    }
    if (await this.context.actions.request({ kind: 'edit-memory', memoryId: this.memory.id, ...edit }, 'Save the memory')) this.setMode('reading');
  }

  private async remove(): Promise<void> {
    // Done: the host takes the entry away with the memories' next update.
    if (!(await this.context.actions.request({ kind: 'delete-memory', memoryId: this.memory.id }, 'Delete the memory'))) this.setMode('confirming');
  }
}
