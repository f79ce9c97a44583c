// A line that says when the view is not following the host live: still connecting, showing the
// saved state while it reconnects, or cut off (and why). It also carries refused requests.
import type { Connection } from './viewModel';
import { type Dom, setAttribute, setText } from '../dom';

const WORDS: Readonly<Record<'connecting' | 'restored', string>> = {
  connecting: 'Connecting to the extension…',
  restored: 'Showing the last known state; reconnecting to the extension…',
};

export class ConnectionBanner {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly alert: HTMLElement;

  constructor(private readonly dom: Dom) {
    this.status = dom.el('p', { class: 'connection', attrs: { role: 'status' } });
    // Refusals are announced at once; the status line politely.
    this.alert = dom.el('p', { class: 'notice', attrs: { role: 'alert' } });
    this.element = dom.el('div', { class: 'banner' }, [this.status, this.alert]);
  }

  render(connection: Connection): void {
    const text = connection.kind === 'live' ? '' : connection.kind === 'unavailable' ? connection.reason : WORDS[connection.kind];
    setText(this.status, text);
    setAttribute(this.status, 'hidden', text === '');
  }

  notify(message: string): void {
    this.dom.replace(this.alert, [this.dom.icon('warning'), ` ${message}`]);
  }
}
