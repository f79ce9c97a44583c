// The check of messages from a webview (zod/mini and the schemas) as a bundle of its own
// (dist/webviewMessages.js, see esbuild.config.mjs), loaded when the first webview opens, not at
// activation. Only type imports of it may appear elsewhere in what activation loads.
export type WebviewMessageCheck = typeof import('../../shared/webviewMessageSchema');

let loading: Promise<WebviewMessageCheck> | undefined;

export function loadWebviewMessageCheck(): Promise<WebviewMessageCheck> {
  loading ??= import('../../shared/webviewMessageSchema');
  return loading;
}
