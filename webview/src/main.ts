// Webview entry: connects to the host and renders what it sends. Browser code only.
import type { HostToWebview, WebviewToHost } from '../../src/shared/webviewProtocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (message.type === 'snapshot') {
    const root = document.getElementById('app');
    if (root) root.textContent = `Imperium Flow ${message.version}`;
  }
});

vscode.postMessage({ type: 'ready' });
