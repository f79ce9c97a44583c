// The tests' hands and eyes in the workbench: the web harness (harness/vscodeWeb.ts) owns the
// browser page VS Code runs in, and serves a few Playwright operations on loopback; its address
// reaches the extension host in $IMPERIUM_PAGE_DRIVER. Each operation names the dashboard view it
// acts in; the harness finds that view's webview frame (VS Code nests the page in an outer iframe
// and an inner `active-frame`) by the view the page says it is (body[data-view]).
import type { ViewKind } from '../../../src/shared/webviewProtocol';

export const PAGE_DRIVER_ENV = 'IMPERIUM_PAGE_DRIVER';

/** What to act on in a view: a CSS selector, or an ARIA role and accessible name (exact). */
export type Target = { readonly selector: string } | { readonly role: 'button' | 'link' | 'heading' | 'textbox' | 'group' | 'region'; readonly name: string };

export interface WaitOptions {
  /** Default 'visible'. */
  readonly state?: 'visible' | 'hidden' | 'attached';
  /** Default 20 s. */
  readonly timeoutMs?: number;
}

/** The operations the harness serves, by path, with their request bodies and answers. */
export interface PageDriverOperations {
  click: { request: { view: ViewKind; target: Target; timeoutMs?: number }; answer: null };
  press: { request: { view: ViewKind; target: Target; key: string; timeoutMs?: number }; answer: null };
  texts: { request: { view: ViewKind; selector: string; timeoutMs?: number }; answer: string[] };
  /** Like texts, in the workbench's own page (the Chat view, the status bar), outside any webview. */
  workbenchTexts: { request: { selector: string; timeoutMs?: number }; answer: string[] };
  /** Like click, in the workbench's own page; `within` (a CSS selector) narrows where the target is looked for. */
  workbenchClick: { request: { target: Target; within?: string; timeoutMs?: number }; answer: null };
  attributes: { request: { view: ViewKind; selector: string; name: string; timeoutMs?: number }; answer: (string | null)[] };
  waitFor: { request: { view: ViewKind; target: Target } & WaitOptions; answer: null };
  /** The whole workbench, or only `view`'s webview. Relative paths resolve against the harness's working folder. */
  screenshot: { request: { path: string; view?: ViewKind }; answer: string };
  /** The browser window's inner size, in CSS pixels. */
  resize: { request: { width: number; height: number }; answer: null };
}

export type PageDriverAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export class PageDriver {
  private constructor(private readonly url: string) {}

  /** The harness's driver, or undefined when VS Code runs without it (a desktop build). */
  static fromEnvironment(): PageDriver | undefined {
    const url = process.env[PAGE_DRIVER_ENV];
    return url ? new PageDriver(url) : undefined;
  }

  /** Clicks as a person would: waits until the element is visible, enabled and still. */
  click(view: ViewKind, target: Target, timeoutMs?: number): Promise<null> {
    return this.call('click', { view, target, timeoutMs });
  }

  /** Focuses the element and presses a key (Playwright's names: 'Enter', 'Space', 'Tab'). */
  press(view: ViewKind, target: Target, key: string, timeoutMs?: number): Promise<null> {
    return this.call('press', { view, target, key, timeoutMs });
  }

  /** The text content of every match, trimmed (what a screen reader gets, hidden text included), once there is one. */
  texts(view: ViewKind, selector: string, timeoutMs?: number): Promise<string[]> {
    return this.call('texts', { view, selector, timeoutMs });
  }

  /** The text content of every match in the workbench's own page, once there is one. */
  workbenchTexts(selector: string, timeoutMs?: number): Promise<string[]> {
    return this.call('workbenchTexts', { selector, timeoutMs });
  }

  /** Clicks in the workbench's own page (the walkthrough, a welcome view, a notification), as a person would. */
  workbenchClick(target: Target, within?: string, timeoutMs?: number): Promise<null> {
    return this.call('workbenchClick', { target, ...(within !== undefined && { within }), timeoutMs });
  }

  /** An attribute of every match, once there is one. */
  attributes(view: ViewKind, selector: string, name: string, timeoutMs?: number): Promise<(string | null)[]> {
    return this.call('attributes', { view, selector, name, timeoutMs });
  }

  waitFor(view: ViewKind, target: Target, options: WaitOptions = {}): Promise<null> {
    return this.call('waitFor', { view, target, ...options });
  }

  resize(width: number, height: number): Promise<null> {
    return this.call('resize', { width, height });
  }

  /** Resolves with the absolute path written. */
  screenshot(path: string, view?: ViewKind): Promise<string> {
    return this.call('screenshot', { path, view });
  }

  private async call<K extends keyof PageDriverOperations>(operation: K, request: PageDriverOperations[K]['request']): Promise<PageDriverOperations[K]['answer']> {
    const response = await fetch(`${this.url}/${operation}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const answer = (await response.json()) as PageDriverAnswer<PageDriverOperations[K]['answer']>;
    if (!answer.ok) throw new Error(`page driver ${operation} ${JSON.stringify(request)}: ${answer.error}`);
    return answer.value;
  }
}
