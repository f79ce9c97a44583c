// What a workflow changed, as before/after text: read from the journal (before) and the workspace (after).
import type { ChangedFile } from '../changeSet';
import type { Workspace } from '../ports';
import type { WorkflowUndo } from './journalEntry';

const utf8 = new TextDecoder('utf-8');

export async function changedFiles(workflowId: string, undo: WorkflowUndo, workspace: Workspace): Promise<ChangedFile[]> {
  const touched = await undo.touched(workflowId);
  const files: ChangedFile[] = [];
  for (const file of touched) {
    const before = file.before === undefined ? undefined : utf8.decode(file.before);
    const after = (await workspace.exists(file.path)) ? await workspace.read(file.path) : undefined;
    if (before !== after) files.push({ path: file.path, before, after });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
