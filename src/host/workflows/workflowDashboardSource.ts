// The command center's and the sidebar's source in the editor: the views over the workflow
// service's engine, with their controls going through the service (so Workspace Trust and the
// review mode hold for them as for the palette's commands). Opened when a view first asks, from the
// engine bundle, which the service has loaded by then.
import type { Logger } from '../../core/ports';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import type { DashboardSource } from '../dashboard/dashboardSource';
import type { EngineDashboardSource } from '../dashboard/engineDashboardSource';
import { loadEngine } from '../lazyEngine';
import type { WorkflowService } from './workflowService';

/** How the views show the scripted trial's service instead of the workspace's. */
export interface TrialViews {
  /** Said of every workflow shown: what answered is no language model. */
  readonly modelNote: string;
  /**
   * Why the views start and undo nothing here: the trial's copy is not the person's project, and
   * "imperium.undoWorkflow" (the workspace's) would undo the workspace's workflow of the same id.
   */
  readonly readOnlyReason: string;
}

/** What the views are opened over (openWorkflowDashboard.ts, in the engine bundle). */
export interface WorkflowViewsOptions {
  readonly service: () => Promise<WorkflowService>;
  readonly memories: () => Promise<MemoryScopes>;
  readonly logger: Logger;
  readonly trial?: TrialViews;
}

export class WorkflowDashboardSource {
  private opening: Promise<EngineDashboardSource> | undefined;

  constructor(
    private readonly service: () => Promise<WorkflowService>,
    private readonly memories: () => Promise<MemoryScopes>,
    private readonly logger: Logger,
    private readonly trial?: TrialViews,
  ) {}

  /** The same source on every call; a failure to open is tried again on the next call. */
  readonly source = async (): Promise<DashboardSource> => {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  };

  dispose(): void {
    void this.opening?.then(
      (source) => source.dispose(),
      () => undefined,
    );
  }

  private async open(): Promise<EngineDashboardSource> {
    // The service first: where it cannot open (no folder, Restricted Mode) the engine is not loaded for nothing.
    await this.service();
    const engine = await loadEngine();
    return engine.openWorkflowDashboard({ service: this.service, memories: this.memories, logger: this.logger, ...(this.trial && { trial: this.trial }) });
  }
}
