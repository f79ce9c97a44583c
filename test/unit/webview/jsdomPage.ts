// A page for the webview app in jsdom: the host's markup, a test double for VS Code's webview API
// that records what the app posts and keeps its state, and frames that run when the test says.
import { JSDOM, VirtualConsole } from 'jsdom';
import { DashboardApp } from '../../../webview/src/app';
import { STREAM_INTERVAL_MS } from '../../../webview/src/renderScheduler';
import type { VsCodeApi } from '../../../webview/src/vscodeApi';
import type { HostToWebview, ViewKind, WebviewToHost } from '../../../src/shared/webviewProtocol';

/** Records posted messages; getState/setState keep one value, as VS Code does. */
export class FakeVsCodeApi implements VsCodeApi {
  readonly posted: WebviewToHost[] = [];
  state: unknown;

  postMessage(message: WebviewToHost): void {
    this.posted.push(message);
  }

  getState(): unknown {
    return this.state;
  }

  setState(state: unknown): void {
    this.state = structuredClone(state);
  }
}

export interface TestPage {
  readonly dom: JSDOM;
  readonly document: Document;
  readonly api: FakeVsCodeApi;
  readonly app: DashboardApp;
  /** Runs the frames the app asked for; returns how many there were. */
  runFrames(): number;
  /** Delivers a host message as the window's message event. */
  post(message: HostToWebview): void;
  close(): void;
}

export interface PageOptions {
  readonly api?: FakeVsCodeApi;
  readonly requestTimeoutMs?: number;
  /** Lets the page run scripts of its own, as a browser would any that got injected. */
  readonly runScripts?: boolean;
}

export function openPage(view: ViewKind, options: PageOptions = {}): TestPage {
  // jsdom has no canvas: the charts log that and fall back to their text; that line is expected.
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    if (!/getContext|Not implemented: HTMLCanvasElement/.test(error.message)) throw error;
  });
  const dom = new JSDOM(`<!DOCTYPE html><html><body data-view="${view}"><main id="app" aria-busy="true"></main></body></html>`, {
    pretendToBeVisual: true,
    virtualConsole,
    ...(options.runScripts && { runScripts: 'dangerously' as const }),
  });
  const document = dom.window.document;
  const api = options.api ?? new FakeVsCodeApi();
  let frames: (() => void)[] = [];
  // Each reading of the clock is one drawing interval after the last, so pacing never holds a
  // drawing back here (renderScheduler.test.ts tests the pacing). Requests a test leaves unanswered
  // time out soon, so no timer keeps mocha waiting.
  let time = 0;
  const app = new DashboardApp({
    document,
    api,
    view,
    requestFrame: (callback) => frames.push(callback),
    now: () => (time += STREAM_INTERVAL_MS),
    requestTimeoutMs: options.requestTimeoutMs ?? 300,
  });
  app.start(document.getElementById('app') as HTMLElement, dom.window as unknown as Window);
  return {
    dom,
    document,
    api,
    app,
    runFrames() {
      const due = frames;
      frames = [];
      for (const frame of due) frame();
      return due.length;
    },
    post(message) {
      dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: message }));
    },
    close() {
      dom.window.close();
    },
  };
}
