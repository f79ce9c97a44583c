// Opens the command center's and the sidebar's source over an open workflow service: the views
// over its engine, with their controls going through the service. Part of the engine bundle
// (./engine.ts): a view opens it once the service is open, never at activation.
import * as vscode from 'vscode';
import { DEFAULT_WORKFLOW } from '../../runtime/defaultWorkflow';
import { type DashboardEngine, EngineDashboardSource } from '../dashboard/engineDashboardSource';
import { designChecksOf, pngFilesIn } from '../dashboard/designChecksOf';
import { integrationViewOf } from '../dashboard/integrationViewOf';
import { memoryBrowser } from './memoryBrowser';
import type { WorkflowViewsOptions } from './workflowDashboardSource';
import { openWorkflowDiff } from './workflowDiffs';

/** A screenshot larger than this is named, not shown (a long page at 1280 px is a few hundred KiB). */
const SHOWN_SCREENSHOT_BYTES = 2 * 1024 * 1024;

export async function openWorkflowDashboard(views: WorkflowViewsOptions): Promise<EngineDashboardSource> {
  const service = await views.service();
  const { engine } = service.runtime;
  const { trial } = views;
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
    logger: views.logger,
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
    memories: memoryBrowser(await views.memories(), (listener) => {
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
