// Messages between the extension host and its webviews (the command center panel and the sidebar
// dashboard). Both bundles import this file; it holds types and constants only, so it stays free of
// Node, of 'vscode' and of any library. The host checks every message from a webview against
// webviewMessageSchema.ts before acting on it.
import type { DashboardCapabilities, DashboardState, DashboardUpdate } from './dashboardState';

/** Which of the two views a webview is; the host puts it in the page, the app reads it. */
export type ViewKind = 'command-center' | 'sidebar';

/** How long a webview waits for the response to a request before it gives up. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The longest request text a person may type into the start form. */
export const MAX_REQUEST_CHARS = 20_000;
/** What long-term memory accepts for a memory's title and text. */
export const MAX_MEMORY_TITLE_CHARS = 200;
export const MAX_MEMORY_TEXT_CHARS = 8_000;

/** For a request the host answers only after the user confirmed it in the editor (an undo). */
export const CONFIRMATION_TIMEOUT_MS = 15 * 60_000;

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
  /** `workflow`: the module to run, by id; the host's default (feature) when absent. */
  | { readonly kind: 'start'; readonly request: string; readonly workflow?: string }
  /** Answers a pending approval: an edit or a command approved or rejected, or an escalation's option chosen. */
  | { readonly kind: 'decide'; readonly approvalId: string; readonly approved: boolean; readonly choice?: string }
  /** Puts back what the workflow wrote, after the host's own confirmation. */
  | { readonly kind: 'undo'; readonly workflowId: string }
  /** Opens the workflow's page in the engine's own UI (Conductor's), at the address the host knows. */
  | { readonly kind: 'open-engine-link'; readonly workflowId: string }
  /** Opens the diff of a file the workflow changed. */
  | { readonly kind: 'open-diff'; readonly workflowId: string; readonly path: string }
  | { readonly kind: 'edit-memory'; readonly memoryId: string; readonly title?: string; readonly text?: string }
  | { readonly kind: 'delete-memory'; readonly memoryId: string }
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

/** How long the webview waits for the answer to `request`. */
export function requestTimeoutMs(request: HostRequest, usual = REQUEST_TIMEOUT_MS): number {
  return request.kind === 'undo' ? Math.max(usual, CONFIRMATION_TIMEOUT_MS) : usual;
}

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
