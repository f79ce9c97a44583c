// The app behind both views: restores what the view showed last, says `ready`, follows the host's
// snapshot and updates (the shared reducer keeps its state bounded), draws at most once per
// animation frame, and keeps its state with VS Code so a hidden or reloaded view comes back as it was.
import { applyUpdates } from '../../src/shared/dashboardReducer';
import { type DashboardCapabilities, type DashboardState, emptyDashboard } from '../../src/shared/dashboardState';
import type { HostRequest, HostToWebview, ViewKind } from '../../src/shared/webviewProtocol';
import { Dom } from './dom';
import { HostConnection, isHostMessage } from './hostConnection';
import { PersistedView, type UiChoices } from './persistedView';
import { type RequestFrame, RenderScheduler } from './renderScheduler';
import { CommandCenterView } from './views/commandCenterView';
import { SidebarView } from './views/sidebarView';
import { type Connection, type DashboardView, selectedWorkflow, type ViewActions } from './views/viewModel';
import type { VsCodeApi } from './vscodeApi';

export interface DashboardAppOptions {
  readonly document: Document;
  readonly api: VsCodeApi;
  readonly view: ViewKind;
  /** requestAnimationFrame by default. */
  readonly requestFrame?: RequestFrame;
  /** How long a request waits for its response; the protocol's default otherwise. */
  readonly requestTimeoutMs?: number;
  /** performance.now by default; paces the drawing while events stream in. */
  readonly now?: () => number;
}

export class DashboardApp {
  private state: DashboardState = emptyDashboard();
  private capabilities: DashboardCapabilities | undefined;
  private version = '';
  private connection: Connection = { kind: 'connecting' };
  private ui: UiChoices = {};
  private readonly view: DashboardView;
  private readonly host: HostConnection;
  private readonly persisted: PersistedView;
  private readonly scheduler: RenderScheduler;

  constructor(options: DashboardAppOptions) {
    const dom = new Dom(options.document);
    const actions: ViewActions = {
      request: (request, label) => this.request(request, label),
      select: (workflowId) => this.changeUi({ ...this.ui, selectedWorkflowId: workflowId }),
      saveDraft: (text) => this.changeUi({ ...this.ui, requestDraft: text }),
      notify: (message) => this.view.notify(message),
    };
    this.view = options.view === 'sidebar' ? new SidebarView(dom, actions) : new CommandCenterView(dom, actions);
    this.host = new HostConnection(options.api, options.requestTimeoutMs);
    this.persisted = new PersistedView(options.api);
    this.scheduler = new RenderScheduler(() => this.render(), { requestFrame: options.requestFrame, now: options.now });
    const saved = this.persisted.restore();
    if (saved) {
      this.ui = saved.ui;
      if (saved.shown) {
        this.state = saved.shown.state;
        this.capabilities = saved.shown.capabilities;
        this.version = saved.shown.version;
        this.connection = { kind: 'restored' };
      }
    }
  }

  /** Puts the view into `root`, draws what was restored, listens to the host and tells it the view is ready. */
  start(root: HTMLElement, window: Window): void {
    root.replaceChildren(this.view.root);
    root.removeAttribute('aria-busy');
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.receive(event.data);
    });
    // The page is going away (the view was hidden): keep what was not saved yet.
    window.addEventListener('pagehide', () => this.persisted.flush());
    this.render();
    this.host.ready();
  }

  receive(message: HostToWebview): void {
    // A snapshot is the page's first sight of the host: drawn at once, like what the user did.
    let urgent = false;
    switch (message.type) {
      case 'snapshot':
        urgent = true;
        this.state = message.state;
        this.capabilities = message.capabilities;
        this.version = message.version;
        this.connection = { kind: 'live' };
        break;
      case 'updates':
        this.state = applyUpdates(this.state, message.updates);
        break;
      case 'unavailable':
        // The last state stays in view, but nothing can be asked of a host that has none.
        this.capabilities = undefined;
        this.connection = { kind: 'unavailable', reason: message.reason };
        urgent = true;
        break;
      case 'response':
        this.host.settle(message);
        return;
    }
    this.save(false);
    this.scheduler.schedule(urgent);
  }

  private async request(request: HostRequest, label: string): Promise<boolean> {
    try {
      await this.host.request(request);
      return true;
    } catch (error) {
      this.view.notify(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private changeUi(ui: UiChoices): void {
    this.ui = ui;
    this.save(true);
    this.scheduler.schedule(true);
  }

  private save(urgent: boolean): void {
    const shown = this.capabilities && this.connection.kind === 'live' ? { version: this.version, state: this.state, capabilities: this.capabilities } : undefined;
    this.persisted.save({ ui: this.ui, shown }, urgent);
  }

  private render(): void {
    this.view.render({
      state: this.state,
      capabilities: this.capabilities,
      connection: this.connection,
      ui: this.ui,
      selected: selectedWorkflow(this.state, this.ui),
      now: Date.now(),
    });
  }
}
