// What the engine needs from its host. The extension implements these with VS Code's APIs,
// the CLI and the tests with Node's. Paths cross this boundary workspace-relative, '/'-separated.
import type { AgentRole } from '../shared/agents';
import type { EngineEventInput, TokenUsage } from '../shared/events';
import type { TestFramework, TestRunResult } from '../shared/testResults';

// ---------------------------------------------------------------- logging, time, events

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Where engine parts report what they do; the orchestrator stamps and fans the events out. */
export type EventSink = (event: EngineEventInput) => void;

/** Tokens of a text with the tokenizer the model client uses; the host supplies it (src/llm/tokenCount.ts). */
export type CountTextTokens = (text: string) => Promise<number>;

// ---------------------------------------------------------------- workspace

export interface FileEntry {
  readonly path: string;
  readonly kind: 'file' | 'directory';
  /** Bytes, for files. */
  readonly size?: number;
}

export interface TextMatch {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

export interface SearchOptions {
  /** Treat the query as a regular expression (JavaScript syntax). */
  readonly regex?: boolean;
  readonly caseSensitive?: boolean;
  /** Only under this workspace-relative folder. */
  readonly under?: string;
  readonly limit?: number;
}

/** Who writes, so the journal can undo a workflow and the guard can refuse a role's write. */
export interface WriteOrigin {
  readonly workflowId: string;
  readonly taskId?: string;
  readonly agent: AgentRole | 'user' | 'engine';
  /**
   * The writer's guard (e.g. CodeBot may not touch tests), checked by the Workspace against the
   * file actually written, symlinks followed: a link in src/ to a test file does not get around it.
   * Returns why the write is refused, or undefined.
   */
  readonly guard?: (path: string) => string | undefined;
}

/**
 * The workspace as agents see it. Every path is checked here, once, for every caller: no escape
 * from the root (`..`, absolute paths, symlinks pointing out) and no protected path. Every write
 * and delete is journalled before it happens.
 */
export interface Workspace {
  /** Absolute path (headless) or URI string (in VS Code) of the root; for display only. */
  readonly root: string;
  list(dir?: string, options?: { readonly recursive?: boolean; readonly limit?: number }): Promise<FileEntry[]>;
  exists(path: string): Promise<boolean>;
  read(path: string): Promise<string>;
  search(query: string, options?: SearchOptions): Promise<TextMatch[]>;
  write(path: string, content: string, origin: WriteOrigin): Promise<void>;
  delete(path: string, origin: WriteOrigin): Promise<void>;
}

export type WorkspaceErrorCode = 'outside-root' | 'protected' | 'not-found' | 'not-a-file' | 'too-large' | 'refused';

/** Thrown by a Workspace; its message is written for the model (it sees it as the tool's result). */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    /** The file's size, for `too-large`. */
    readonly bytes?: number,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- tests

export interface DiscoveredTest {
  readonly id: string;
  readonly name: string;
  readonly suite: readonly string[];
  readonly file: string;
  readonly line?: number;
}

export interface TestSelection {
  /** Workspace-relative test files; empty or absent means the whole suite. */
  readonly files?: readonly string[];
  /** Test ids (as in TestCaseResult.id); narrows to those tests. */
  readonly testIds?: readonly string[];
}

export interface TestRunOptions {
  readonly signal?: AbortSignal;
  /** The run is killed and reported as 'timed-out' after this long. */
  readonly timeoutMs?: number;
  /** A human name for the run, e.g. "wf-12 red"; the Test Explorer shows it. */
  readonly label?: string;
  /** Who started the run: files the run itself creates or changes in the workspace are journalled under its workflow. */
  readonly origin?: WriteOrigin;
  /** Whether this run may reach the network (its workflow's permission); the runner's own default when absent. */
  readonly allowNetwork?: boolean;
}

export interface TestRunner {
  /** The frameworks the workspace uses, from its own config and scripts. */
  detect(): Promise<TestFramework[]>;
  discover(signal?: AbortSignal): Promise<DiscoveredTest[]>;
  run(selection: TestSelection, options?: TestRunOptions): Promise<TestRunResult>;
}

// ---------------------------------------------------------------- models

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the model sent them: JSON text that may be malformed. */
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  /** `images`: PNG data URIs, sent only to a model the settings say accepts images. */
  | { readonly role: 'user'; readonly content: string; readonly images?: readonly string[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly toolCalls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: Record<string, unknown>;
}

export interface ChatRequest {
  /** Chooses the model (a model per role) and is sent to the server as the request's `user`. */
  readonly role: AgentRole;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolSpec[];
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  /** When given, the reply is streamed and each text delta is passed here as it arrives. */
  readonly onText?: (delta: string) => void;
  /** For events: the workflow and task the call belongs to. */
  readonly workflowId?: string;
  readonly taskId?: string;
}

export interface ChatResponse {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';
  readonly model: string;
  readonly usage: TokenUsage;
  /** Undefined when no price is configured for the model. */
  readonly costUsd?: number;
}

export interface ModelClient {
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** Embedding vectors, one per text; absent when the endpoint has none. */
  embed?(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

export type ModelErrorCode = 'missing-key' | 'auth' | 'rate-limited' | 'server' | 'network' | 'timeout' | 'canceled' | 'bad-request' | 'bad-response';

/** A model call that failed for good (after any retries); the message is meant for a person. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- approvals

export type ApprovalRequest =
  /**
   * An edit to review. `applied`: it is already on disk (a workflow that ended without the Board's
   * approval), so approving keeps it and rejecting reverts the file; otherwise approving applies it.
   */
  | {
      readonly kind: 'edit';
      readonly workflowId: string;
      readonly path: string;
      readonly before?: string;
      readonly after: string;
      readonly applied?: boolean;
      /**
       * Set when the file runs code beyond the confined test run (codeRunningFiles.ts): completes
       * "this file ...". Such an edit is asked whatever the review mode, and only a person decides it.
       */
      readonly runsCode?: string;
    }
  | { readonly kind: 'command'; readonly workflowId: string; readonly command: string }
  | { readonly kind: 'escalation'; readonly workflowId: string; readonly reason: string; readonly options: readonly string[] };

export interface ApprovalDecision {
  readonly approved: boolean;
  /** For an escalation: which option was chosen. */
  readonly choice?: string;
  readonly note?: string;
}

export interface Approvals {
  request(request: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalDecision>;
}

// ---------------------------------------------------------------- durable state

/** A JSON document kept in memory and written back debounced and atomically by its one writer. */
export interface DurableDocument<T> {
  readonly data: T;
  /** Mutates the data and schedules a write. */
  update(mutate: (data: T) => void): void;
  /** Resolves when every scheduled write is on disk. */
  flush(): Promise<void>;
}

/** An append-only log of JSON entries (one per line); appends never rewrite what is there. */
export interface AppendLog<T> {
  append(entry: T): Promise<void>;
  readAll(): Promise<T[]>;
}

export interface Store {
  /** Opens (once per name) a document, creating it from `initial` when absent or recovering it when damaged. */
  document<T extends object>(name: string, initial: () => T): Promise<DurableDocument<T>>;
  log<T>(name: string): AppendLog<T>;
  /** Flushes every document. */
  flush(): Promise<void>;
}
