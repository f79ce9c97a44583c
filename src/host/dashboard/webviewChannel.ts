// One webview's connection to the dashboard source: waits for the webview's `ready`, posts a
// snapshot, then forwards updates in batches; checks every message from the webview before acting
// and answers each request by its id. The check loads with the first webview (lazyWebviewMessages.ts):
// what a page sends before it is there waits for it, in order. Free of 'vscode' (it takes the webview's two methods), so it
// runs under plain mocha.
import type { Logger } from '../../core/ports';
import type { DashboardUpdate } from '../../shared/dashboardState';
import type { HostRequest, HostToWebview } from '../../shared/webviewProtocol';
import type { DashboardSource } from './dashboardSource';
import { loadWebviewMessageCheck, type WebviewMessageCheck } from './lazyWebviewMessages';

/** The part of a vscode.Webview the channel uses. */
export interface WebviewEndpoint {
  postMessage(message: HostToWebview): PromiseLike<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => unknown): { dispose(): unknown };
}

/** What the views ask of the editor rather than of the engine. */
export interface EditorActions {
  openFile(path: string, line?: number, column?: number): Promise<void>;
  openCommandCenter(): Promise<void>;
  showLog(): void;
}

export interface WebviewChannelOptions {
  /** Names the view in the log. */
  readonly label: string;
  /** The extension's version, for the snapshot. */
  readonly version: string;
  readonly logger: Logger;
  /** Updates that arrive within this many milliseconds go out in one message. */
  readonly batchMs?: number;
  /** Told when `openSource` would open another source (the views switch to the scripted trial and back). */
  readonly onDidChangeSource?: (listener: () => void) => () => void;
}

const DEFAULT_BATCH_MS = 50;

export class WebviewChannel {
  private source: DashboardSource | undefined;
  private unsubscribe: (() => void) | undefined;
  private pending: DashboardUpdate[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listening: { dispose(): unknown };
  private readonly sourceChanges: (() => void) | undefined;
  private disposed = false;
  /** Counts `ready`s and hides, so a connection that finishes after a newer one gives way to it. */
  private generation = 0;
  private check: WebviewMessageCheck | undefined;
  /** What the page sent before the check was loaded, each with the count of hides when it arrived. */
  private waiting: { readonly value: unknown; readonly hides: number }[] | undefined = [];
  private hides = 0;

  constructor(
    private readonly endpoint: WebviewEndpoint,
    private readonly openSource: () => Promise<DashboardSource>,
    private readonly editor: EditorActions,
    private readonly options: WebviewChannelOptions,
  ) {
    this.listening = endpoint.onDidReceiveMessage((message) => this.receive(message));
    this.sourceChanges = options.onDidChangeSource?.(() => this.sourceChanged());
    // Loaded while the page loads: by its first message the check is usually there.
    loadWebviewMessageCheck().then(
      (check) => {
        this.check = check;
        const waiting = this.waiting ?? [];
        this.waiting = undefined;
        for (const { value, hides } of waiting) this.handle(value, hides);
      },
      (error: unknown) => {
        this.waiting = undefined;
        options.logger.error(`${options.label}: the check of messages from the webview could not be loaded, so none is acted on: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  /** Another source is shown: a view that follows the host gets its snapshot; a hidden one, when it says `ready`. */
  private sourceChanged(): void {
    const forwarding = this.unsubscribe !== undefined;
    this.source = undefined;
    if (forwarding) void this.startForwarding();
  }

  /**
   * A hidden webview loses its page; it says `ready` again when shown, and gets a fresh snapshot
   * then. Until that, nothing is posted to it.
   */
  hidden(): void {
    this.hides++;
    this.stopForwarding();
  }

  dispose(): void {
    this.disposed = true;
    this.stopForwarding();
    this.listening.dispose();
    this.sourceChanges?.();
  }

  private receive(value: unknown): void {
    if (this.waiting) this.waiting.push({ value, hides: this.hides });
    else this.handle(value, this.hides);
  }

  /** `hides`: the count when the message arrived; a `ready` from a page hidden since is moot. */
  private handle(value: unknown, hides: number): void {
    if (this.disposed || !this.check) return;
    const parsed = this.check.parseWebviewMessage(value);
    if (!parsed.ok) {
      this.options.logger.warn(`${this.options.label}: dropped an invalid message from the webview: ${parsed.error}`);
      return;
    }
    const { message } = parsed;
    if (message.type !== 'ready') void this.answer(message.id, message.request);
    else if (hides === this.hides) void this.startForwarding();
  }

  private async startForwarding(): Promise<void> {
    this.stopForwarding();
    const generation = this.generation;
    let source: DashboardSource;
    try {
      source = await this.connect();
    } catch (error) {
      if (!this.disposed && generation === this.generation) this.post({ type: 'unavailable', reason: (error as Error).message });
      return;
    }
    if (this.disposed || generation !== this.generation) return;
    // Taken together, with nothing in between: the updates continue exactly from the snapshot.
    const { state, capabilities } = source.snapshot();
    this.unsubscribe = source.subscribe((update) => this.enqueue(update));
    this.post({ type: 'snapshot', version: this.options.version, state, capabilities });
  }

  private stopForwarding(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  /** The source, opened on first use; a failure is logged and thrown, and tried again next time. */
  private async connect(): Promise<DashboardSource> {
    if (this.source) return this.source;
    try {
      this.source = await this.openSource();
      return this.source;
    } catch (error) {
      const reason = `The workflow state could not be opened: ${error instanceof Error ? error.message : String(error)}`;
      this.options.logger.error(`${this.options.label}: ${reason}`);
      throw new Error(reason, { cause: error });
    }
  }

  private enqueue(update: DashboardUpdate): void {
    this.pending.push(update);
    this.timer ??= setTimeout(() => this.flush(), this.options.batchMs ?? DEFAULT_BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const updates = this.pending;
    this.pending = [];
    this.post({ type: 'updates', updates });
  }

  private async answer(id: number, request: HostRequest): Promise<void> {
    try {
      await this.perform(request);
      this.post({ type: 'response', id, ok: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(`${this.options.label}: ${request.kind} failed: ${message}`);
      this.post({ type: 'response', id, ok: false, error: message });
    }
  }

  private async perform(request: HostRequest): Promise<void> {
    switch (request.kind) {
      case 'open-file':
        return this.editor.openFile(request.path, request.line, request.column);
      case 'open-command-center':
        return this.editor.openCommandCenter();
      case 'show-log':
        return this.editor.showLog();
    }
    const source = await this.connect();
    switch (request.kind) {
      case 'pause':
        return source.pause(request.workflowId);
      case 'resume':
        return source.resume(request.workflowId);
      case 'cancel':
        return source.cancel(request.workflowId);
      case 'start': {
        const id = await source.start(request.request, request.workflow);
        this.options.logger.info(`${this.options.label}: started workflow ${id}`);
        return;
      }
      case 'decide':
        return source.decide(request.approvalId, { approved: request.approved, choice: request.choice });
      case 'undo':
        return source.undo(request.workflowId);
      case 'open-engine-link':
        return source.openEngineLink(request.workflowId);
      case 'open-diff':
        return source.openDiff(request.workflowId, request.path);
      case 'edit-memory':
        return source.editMemory(request.memoryId, { title: request.title, text: request.text });
      case 'delete-memory':
        return source.deleteMemory(request.memoryId);
    }
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    // A webview that went away meanwhile rejects; it will say `ready` again if it comes back.
    this.endpoint.postMessage(message).then(undefined, (error: unknown) => this.options.logger.debug(`${this.options.label}: a message was not delivered: ${String(error)}`));
  }
}
