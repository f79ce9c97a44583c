// Which workflows the views show: the workspace's, or, while the person looks at it, the scripted
// trial's (a service of its own on a copy of the bundled example). The views reconnect when it
// changes. Free of 'vscode', so it runs under plain mocha.
import type { DashboardSource } from './dashboardSource';

export type SourceOpener = () => Promise<DashboardSource>;

export class ShownDashboard {
  private shown: SourceOpener | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly workspace: SourceOpener) {}

  /** The source the views show now. */
  readonly source: SourceOpener = () => (this.shown ?? this.workspace)();

  /** Called after each change of what the views show; returns the unsubscribe function. */
  readonly onDidChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Shows `source` instead of the workspace's workflows; undefined: the workspace's again. */
  show(source: SourceOpener | undefined): void {
    if (source === this.shown) return;
    this.shown = source;
    for (const listener of [...this.listeners]) listener();
  }

  /** Whether the views show something other than the workspace's workflows. */
  get showingOther(): boolean {
    return this.shown !== undefined;
  }
}
