// A toolkit button for an action: a codicon and a label (for icon-only buttons, the label is the
// accessible name), disabled while its request is under way and when the action is unavailable, in
// which case the reason is its tooltip and part of its accessible name.
import { setAttribute } from '../dom';
import type { PartContext } from './viewModel';

export interface ActionButtonOptions {
  readonly icon: string;
  readonly label: string;
  /** The accessible name, when the label alone does not say what the button acts on. */
  readonly name?: string;
  /** Icon-only buttons show no text. */
  readonly appearance?: 'primary' | 'secondary' | 'icon';
  readonly onPress: () => Promise<unknown> | void;
}

export class ActionButton {
  readonly element: HTMLElement;
  private name: string;
  private enabled = false;
  private busy = false;
  private reason: string | undefined;

  constructor(
    { dom }: PartContext,
    private readonly options: ActionButtonOptions,
  ) {
    this.name = options.name ?? options.label;
    const iconOnly = options.appearance === 'icon';
    this.element = dom.el('vscode-button', { attrs: { appearance: options.appearance ?? 'secondary', 'aria-label': this.name } }, [
      dom.el('span', { class: 'codicon codicon-' + options.icon, attrs: { slot: iconOnly ? undefined : 'start', 'aria-hidden': 'true' } }),
      iconOnly ? undefined : options.label,
    ]);
    this.element.addEventListener('click', () => void this.press());
    this.refresh();
  }

  /** `reason`: why it is unavailable, when that is not plain from the context. */
  update(enabled: boolean, reason?: string): void {
    this.enabled = enabled;
    this.reason = enabled ? undefined : reason;
    this.refresh();
  }

  private async press(): Promise<void> {
    // A disabled toolkit button can still get a synthetic click; it does nothing then.
    if (!this.enabled || this.busy) return;
    this.busy = true;
    this.refresh();
    try {
      await this.options.onPress();
    } finally {
      this.busy = false;
      this.refresh();
    }
  }

  /** Changes the accessible name (what the button acts on changed). */
  rename(name: string): void {
    this.name = name;
    this.refresh();
  }

  /** Moves keyboard focus to the button. */
  focus(): void {
    this.element.focus();
  }

  private refresh(): void {
    const { name } = this;
    setAttribute(this.element, 'disabled', !this.enabled || this.busy);
    setAttribute(this.element, 'aria-label', this.reason ? `${name} (unavailable: ${this.reason})` : name);
    setAttribute(this.element, 'title', this.reason ?? name);
  }
}
