// The object VS Code gives a webview's script once (acquireVsCodeApi): messages to the host and a
// small state store that outlives the page while the view is hidden or the window reloads.
import type { WebviewToHost } from '../../src/shared/webviewProtocol';

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}
