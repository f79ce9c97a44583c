// Builds the page's elements. Text goes in only as text nodes: nothing here parses HTML, and an
// attribute that could run or fetch something (on*, href, src, style...) cannot be set through it,
// so whatever a model or a file wrote is shown exactly as written and stays inert.
import { PNG_DATA_URI } from '../../src/shared/designChecksView';

type Child = Node | string | number | false | null | undefined;

export interface ElementProps {
  readonly class?: string;
  /** Attribute values are set as plain strings; `false`/`undefined` leave the attribute out, `true` sets it empty. */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly onClick?: (event: MouseEvent) => void;
}

const ACTIVE_ATTRIBUTE = /^(on|href$|src$|srcset$|srcdoc$|style$|action$|formaction$|xlink:|data$|poster$|background$)/i;

export class Dom {
  constructor(readonly document: Document) {}

  el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: ElementProps, children?: readonly Child[]): HTMLElementTagNameMap[K];
  el(tag: string, props?: ElementProps, children?: readonly Child[]): HTMLElement;
  el(tag: string, props: ElementProps = {}, children: readonly Child[] = []): HTMLElement {
    const element = this.document.createElement(tag);
    if (props.class) element.className = props.class;
    for (const [name, value] of Object.entries(props.attrs ?? {})) setAttribute(element, name, value);
    if (props.onClick) element.addEventListener('click', props.onClick);
    this.append(element, children);
    return element;
  }

  /** A codicon, hidden from screen readers: the control around it carries the words. */
  icon(name: string): HTMLElement {
    return this.el('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
  }

  append(parent: Node, children: readonly Child[]): void {
    for (const child of children) {
      if (child === false || child === null || child === undefined) continue;
      parent.appendChild(typeof child === 'string' || typeof child === 'number' ? this.document.createTextNode(String(child)) : child);
    }
  }

  /**
   * An image of a screenshot the host read: only a base64 PNG data URI is accepted, so nothing a
   * page or a model wrote can make the view load a URL. Anything else is an error, not an image.
   */
  png(dataUri: string, alt: string): HTMLImageElement {
    if (!PNG_DATA_URI.test(dataUri)) throw new Error('Only a base64 PNG data URI is shown as an image.');
    const image = this.document.createElement('img');
    image.alt = alt;
    image.src = dataUri;
    return image;
  }

  /** Replaces the element's content. */
  replace(parent: Element, children: readonly Child[]): void {
    parent.replaceChildren();
    this.append(parent, children);
  }
}

/**
 * Sets (or, for false/undefined, removes) an attribute, and only when that changes it: views are
 * drawn many times a second, and every write, even of the same value, costs style and layout work.
 */
export function setAttribute(element: Element, name: string, value: string | number | boolean | undefined): void {
  if (ACTIVE_ATTRIBUTE.test(name)) throw new Error(`The attribute "${name}" is not set from view code; it could load or run something.`);
  const wanted = value === undefined || value === false ? null : value === true ? '' : String(value);
  if (element.getAttribute(name) === wanted) return;
  if (wanted === null) element.removeAttribute(name);
  else element.setAttribute(name, wanted);
}

/** Sets an element's text, only when it differs (see setAttribute). */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Makes `parent`'s children exactly `children`, in order, touching only what differs (a focused node stays focused). */
export function syncChildren(parent: Element, children: readonly Element[]): void {
  children.forEach((child, index) => {
    if (parent.children[index] !== child) parent.insertBefore(child, parent.children[index] ?? null);
  });
  while (parent.children.length > children.length) parent.lastElementChild?.remove();
}
