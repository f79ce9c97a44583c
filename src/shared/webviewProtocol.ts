// Messages between the extension host and its webviews. Both bundles import this file, and it
// imports nothing, so it stays free of Node and of 'vscode'.

/** Sent by a webview once its script has run; the host posts nothing before it. */
export interface ReadyMessage {
  readonly type: 'ready';
}

export type WebviewToHost = ReadyMessage;

/** Sent by the host after `ready`: the state a (re)opened view starts from. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly version: string;
}

export type HostToWebview = SnapshotMessage;

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready';
}
