// The learned memories (long-term memory): what agents recall in later workflows, for the user to
// read, correct or delete. Entries are kept by id, so one being edited keeps what was typed while
// the list changes.
import type { Availability, MemoryView } from '../../../src/shared/dashboardState';
import { DASHBOARD_LIMITS } from '../../../src/shared/dashboardState';
import { setAttribute, setText, syncChildren } from '../dom';
import { MemoryEntry } from './memoryEntry';
import type { PartContext } from './viewModel';

export class MemoriesCard {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly entries = new Map<string, MemoryEntry>();
  private shown: readonly MemoryView[] | undefined;
  private shownAvailability: Availability | undefined;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.note = dom.el('p', { class: 'empty' });
    this.list = dom.el('ul', { class: 'memory-list', attrs: { 'aria-label': 'Learned memories' } });
    this.element = dom.el('section', { class: 'memories card', attrs: { 'aria-label': 'Learned memories' } }, [dom.el('h2', {}, ['Learned memories']), this.note, this.list]);
  }

  render(memories: readonly MemoryView[], availability: Availability | undefined): void {
    if (memories === this.shown && availability === this.shownAvailability) return;
    this.shown = memories;
    this.shownAvailability = availability;
    const enabled = availability?.available === true;
    const note =
      availability === undefined
        ? 'Waiting for the extension…'
        : !availability.available
          ? availability.reason
          : memories.length === 0
            ? 'Nothing learned yet: a workflow whose tests pass and that the Board approves adds what it learned here.'
            : memories.length >= DASHBOARD_LIMITS.memories
              ? `The ${DASHBOARD_LIMITS.memories} most recently changed memories.`
              : '';
    setText(this.note, note);
    setAttribute(this.note, 'hidden', note === '');
    const shown = enabled ? memories : [];
    const ids = new Set(shown.map((memory) => memory.id));
    for (const id of [...this.entries.keys()]) if (!ids.has(id)) this.entries.delete(id);
    const elements = shown.map((memory) => {
      let entry = this.entries.get(memory.id);
      if (!entry) {
        entry = new MemoryEntry(this.context, memory);
        this.entries.set(memory.id, entry);
      }
      entry.update(memory, enabled);
      return entry.element;
    });
    syncChildren(this.list, elements);
  }
}
