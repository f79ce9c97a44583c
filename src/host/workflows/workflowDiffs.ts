// "Open the diff" of a file a workflow changed: the file as it was before the workflow's first write
// (from the journal) beside the file as it is now.
import * as vscode from 'vscode';
import type { WorkflowService } from './workflowService';

const SCHEME = 'imperium-before';

export function registerWorkflowDiffs(service: () => Promise<WorkflowService>): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const [, workflowId, ...path] = uri.path.split('/');
      const touched = await (await service()).runtime.workspace.touched(workflowId ?? '');
      const file = touched.find((entry) => entry.path === path.join('/'));
      return file?.before === undefined ? '' : new TextDecoder().decode(file.before);
    },
  });
}

export async function openWorkflowDiff(service: WorkflowService, folder: vscode.Uri, workflowId: string, path: string): Promise<void> {
  const plan = await service.undoPlan(workflowId);
  if (![...plan.restore, ...plan.remove].includes(path)) throw new Error(`Workflow ${workflowId} has no change to ${path} left.`);
  const before = vscode.Uri.from({ scheme: SCHEME, path: `/${workflowId}/${path}` });
  const now = vscode.Uri.joinPath(folder, ...path.split('/'));
  const exists = await vscode.workspace.fs.stat(now).then(
    () => true,
    () => false,
  );
  const after = exists ? now : vscode.Uri.from({ scheme: 'untitled', path: `${path} (deleted)` });
  await vscode.commands.executeCommand('vscode.diff', before, after, `${path} (workflow ${workflowId}: before ↔ now)`, { preview: true });
}
