// What a view keeps through VS Code's webview state (getState/setState), so that a hidden view or a
// reloaded window comes back as it was, before the host's snapshot arrives: the last state and
// capabilities it showed, and the user's own choices (the selected workflow, a request being typed).
import type { DashboardCapabilities, DashboardState } from '../../src/shared/dashboardState';
import type { VsCodeApi } from './vscodeApi';

/** Bumped whenever the shape below or DashboardState changes, so an older saved state is ignored. */
const FORMAT = 2;

export interface UiChoices {
  readonly selectedWorkflowId?: string;
  readonly requestDraft?: string;
}

export interface SavedView {
  readonly ui: UiChoices;
  readonly shown?: { readonly version: string; readonly state: DashboardState; readonly capabilities: DashboardCapabilities };
}

interface Stored extends SavedView {
  readonly format: number;
}

/** Saving serializes the whole state, so frequent changes are written at most this often. */
const SAVE_INTERVAL_MS = 1_000;

export class PersistedView {
  private latest: SavedView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: Pick<VsCodeApi, 'getState' | 'setState'>) {}

  restore(): SavedView | undefined {
    const stored = this.api.getState() as Partial<Stored> | undefined;
    if (!stored || stored.format !== FORMAT || typeof stored.ui !== 'object' || stored.ui === null) return undefined;
    const { shown } = stored;
    const valid = shown === undefined || (Array.isArray(shown.state?.workflows) && Array.isArray(shown.state.timeline) && Array.isArray(shown.state.approvals) && typeof shown.capabilities === 'object');
    return valid ? { ui: stored.ui, shown } : { ui: stored.ui };
  }

  /** Saves now when the user changed something; otherwise within SAVE_INTERVAL_MS. */
  save(view: SavedView, urgent = false): void {
    this.latest = view;
    if (urgent) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), SAVE_INTERVAL_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.latest) return;
    const stored: Stored = { format: FORMAT, ...this.latest };
    this.api.setState(stored);
    this.latest = undefined;
  }
}
