// Pending edits and escalations waiting for the user. The host does not hold any for review yet;
// the card says so (with the host's reason) rather than offer buttons that would do nothing.
import type { Availability } from '../../../src/shared/dashboardState';
import { setText } from '../dom';
import type { PartContext } from './viewModel';

export class ApprovalsCard {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;

  constructor({ dom }: PartContext) {
    this.note = dom.el('p', { class: 'unavailable-note' });
    this.element = dom.el('section', { class: 'approvals card', attrs: { 'aria-label': 'Pending approvals' } }, [dom.el('h2', {}, ['Pending approvals']), this.note]);
  }

  render(approvals: Availability | undefined): void {
    setText(this.note, approvals === undefined ? 'Waiting for the extension…' : approvals.available ? 'Nothing is waiting for you.' : approvals.reason);
  }
}
