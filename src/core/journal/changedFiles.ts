// What a workflow changed, as before/after text: read from the journal (before) and the workspace
// (after). A file that cannot be shown as text (a test run made it over the 1 MiB a file is read
// at, or binary) is listed as changed with the reason instead of its text, so a review or a report
// never breaks on it; undo works from the journal's bytes and takes it back all the same. So is a
// symbolic link a test run made or removed (by its target, never followed), and a file in a folder
// agents may not read (a nested node_modules a test run wrote into).
import type { ChangedFile } from '../changeSet';
import { WorkspaceError, type Workspace } from '../ports';
import type { TouchedFile, WorkflowUndo } from './journalEntry';

const utf8 = new TextDecoder('utf-8');
/** The most of a file's earlier bytes shown as text, as much as a Workspace reads of a file. */
export const MAX_SHOWN_BYTES = 1024 * 1024;

export async function changedFiles(workflowId: string, undo: Pick<WorkflowUndo, 'touched'>, workspace: Workspace): Promise<ChangedFile[]> {
  const touched = await undo.touched(workflowId);
  const files: ChangedFile[] = [];
  for (const file of touched) {
    const changed = await changedFile(file, workspace);
    if (changed) files.push(changed);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

async function changedFile(file: TouchedFile, workspace: Workspace): Promise<ChangedFile | undefined> {
  const existed = file.before !== undefined || file.beforeLink !== undefined;
  if (file.afterLink !== undefined) {
    return { path: file.path, notShown: { change: existed ? 'modified' : 'created', reason: `a symbolic link to ${JSON.stringify(file.afterLink)}${file.beforeLink === undefined ? '' : ` (was one to ${JSON.stringify(file.beforeLink)})`}` } };
  }
  let exists: boolean;
  try {
    exists = await workspace.exists(file.path);
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    return { path: file.path, notShown: { change: existed ? 'modified' : 'created', reason: error.message } };
  }
  if (file.beforeLink !== undefined) {
    return { path: file.path, notShown: { change: exists ? 'modified' : 'deleted', reason: `was a symbolic link to ${JSON.stringify(file.beforeLink)}` } };
  }
  let after: string | undefined;
  let unreadable: string | undefined;
  if (exists) {
    try {
      after = await workspace.read(file.path);
    } catch (error) {
      if (!(error instanceof WorkspaceError)) throw error;
      unreadable = error.code === 'too-large' ? tooLarge(error.bytes) : error.message;
    }
  }
  const beforeTooLarge = file.before !== undefined && file.before.length > MAX_SHOWN_BYTES;
  if (unreadable !== undefined || beforeTooLarge) {
    const change = file.before === undefined ? 'created' : exists ? 'modified' : 'deleted';
    return { path: file.path, notShown: { change, reason: unreadable ?? tooLarge(file.before?.length) } };
  }
  const before = file.before === undefined ? undefined : utf8.decode(file.before);
  return before === after ? undefined : { path: file.path, before, after };
}

function tooLarge(bytes: number | undefined): string {
  return `too large to show${bytes === undefined ? '' : ` (${bytes} bytes)`}`;
}
