// Messages between the extension host and its webviews (the command center panel and the sidebar
// dashboard). Both bundles import this file; it holds types and constants only, so it stays free of
// Node, of 'vscode' and of any library. The host checks every message from a webview against
// webviewMessageSchema.ts before acting on it.
import type { DashboardCapabilities, DashboardState, DashboardUpdate } from './dashboardState';

/** Which of the two views a webview is; the host puts it in the page, the app reads it. */
export type ViewKind = 'command-center' | 'sidebar';

/** How long a webview waits for the response to a request before it gives up. */
export const REQUEST_TIMEOUT_MS = 10_000;

// ------------------------------------------------------------------ webview -> host

/** Sent by a webview each time its script starts; the host posts nothing to it before. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** What a webview may ask the host to do. */
export type HostRequest =
  | { readonly kind: 'pause'; readonly workflowId: string }
  | { readonly kind: 'resume'; readonly workflowId: string }
  | { readonly kind: 'cancel'; readonly workflowId: string }
  /** Starts a workflow on a request written by the user. */
  | { readonly kind: 'start'; readonly request: string }
  /** Opens a workspace file (workspace-relative path) at a 1-based line and column. */
  | { readonly kind: 'open-file'; readonly path: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'open-command-center' }
  | { readonly kind: 'show-log' };

/** A request; the host answers with a ResponseMessage carrying the same id. */
export interface RequestMessage {
  readonly type: 'request';
  readonly id: number;
  readonly request: HostRequest;
}

export type WebviewToHost = ReadyMessage | RequestMessage;

// ------------------------------------------------------------------ host -> webview

/** The state a view starts from, after each `ready`. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  /** The extension's version. */
  readonly version: string;
  readonly state: DashboardState;
  readonly capabilities: DashboardCapabilities;
}

/** What changed since the snapshot, in order; the host sends them in batches. */
export interface UpdatesMessage {
  readonly type: 'updates';
  readonly updates: readonly DashboardUpdate[];
}

/** The host has no workflow state to show (it could not be opened), and why. */
export interface UnavailableMessage {
  readonly type: 'unavailable';
  readonly reason: string;
}

export type ResponseMessage =
  | { readonly type: 'response'; readonly id: number; readonly ok: true }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string };

export type HostToWebview = SnapshotMessage | UpdatesMessage | UnavailableMessage | ResponseMessage;
