// The command center's and the sidebar's source in the editor: the views over the workflow
// service's engine, with their controls going through the service (so Workspace Trust and the
// review mode hold for them as for the palette's commands). Opened when a view first asks.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import { DEFAULT_WORKFLOW } from '../../runtime/defaultWorkflow';
import type { DashboardSource } from '../dashboard/dashboardSource';
import { type DashboardEngine, EngineDashboardSource } from '../dashboard/engineDashboardSource';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import { designChecksOf, pngFilesIn } from '../dashboard/designChecksOf';
import { integrationViewOf } from '../dashboard/integrationViewOf';
import { memoryBrowser } from './memoryBrowser';
import { openWorkflowDiff } from './workflowDiffs';
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

/** A screenshot larger than this is named, not shown (a long page at 1280 px is a few hundred KiB). */
const SHOWN_SCREENSHOT_BYTES = 2 * 1024 * 1024;

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
    const service = await this.service();
    const { engine } = service.runtime;
    const { trial } = this;
    const controls: DashboardEngine = {
      subscribe: (listener) => service.runtime.events.subscribe(listener),
      list: () => engine.list(),
      get: (id) => engine.get(id),
      pause: (id) => service.pause(id),
      resume: (id) => service.resume(id),
      cancel: (id) => service.cancel(id),
    };
    return EngineDashboardSource.open({
      engine: controls,
      logger: this.logger,
      engineLink: (workflowId) => service.engineLink(workflowId),
      openExternal: async (url) => {
        await vscode.env.openExternal(vscode.Uri.parse(url));
      },
      pastEvents: () => service.runtime.pastEvents(),
      workflows: service.modules().map(({ id, title }) => ({ id, title })),
      phasesOf: (name) => service.runtime.modules.ofDefinition(name)?.phases ?? [],
      approvals: service.approvals,
      openDiff: (workflowId, path) => openWorkflowDiff(service, service.folder, workflowId, path),
      // A workflow that ends approved may have learned something.
      memories: memoryBrowser(await this.memories(), (listener) => {
        const subscription = service.onDidChange((event) => {
          if (event?.type === 'workflow' && event.status === 'COMPLETED') listener();
        });
        return () => subscription.dispose();
      }),
      superpowers: {
        current: () => service.skills.view(),
        onDidChange: (listener) => {
          const subscription = service.skills.onDidChange(listener);
          return () => subscription.dispose();
        },
      },
      designChecks: async (workflowId) => {
        const workflow = await engine.get(workflowId);
        return workflow && designChecksOf(workflow, pngFilesIn(service.screenshotsFolder, SHOWN_SCREENSHOT_BYTES));
      },
      integrationView: async (workflowId) => {
        const workflow = await engine.get(workflowId);
        return workflow && integrationViewOf(workflow);
      },
      ...(trial
        ? { modelNote: () => trial.modelNote, unavailableReasons: { start: trial.readOnlyReason, undo: trial.readOnlyReason } }
        : {
            startWorkflow: (request: string, workflow: string | undefined) => service.start({ workflow: workflow ?? DEFAULT_WORKFLOW, request }),
            // The command shows what it will restore and delete, and asks, before it does anything.
            undo: async (workflowId: string) => {
              await vscode.commands.executeCommand('imperium.undoWorkflow', workflowId);
            },
          }),
      changedFiles: async (workflowId) => {
        const plan = await service.undoPlan(workflowId);
        return [...plan.restore.map((path) => ({ path, created: false })), ...plan.remove.map((path) => ({ path, created: true }))].sort((a, b) => a.path.localeCompare(b.path));
      },
    });
  }
}
