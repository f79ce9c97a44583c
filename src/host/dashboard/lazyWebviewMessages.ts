// The check of messages from a webview (zod/mini and the schemas) as a bundle of its own
// (dist/webviewMessages.js, see esbuild.config.mjs), loaded when the first webview opens, not at
// activation. Only type imports of it may appear elsewhere in what activation loads.
export type WebviewMessageCheck = typeof import('../../shared/webviewMessageSchema');

let loading: Promise<WebviewMessageCheck> | undefined;

/** Loaded once; a failure to load is tried again by the next webview. */
export function loadWebviewMessageCheck(): Promise<WebviewMessageCheck> {
  loading ??= import('../../shared/webviewMessageSchema').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
