// A person's approval of the named kind an agent's change to a code-running file needs ("this file
// runs code when ..."): asked whatever the review mode, decided by a person only (the Board's
// approval never stands in for it), and refused with a clear reason where no one can be asked.
import { codeRunningChange } from '../workspace/codeRunningFiles';
import { type Approvals, WorkspaceError, type WriteOrigin } from '../ports';

export interface CodeRunningEdit {
  /** Workspace-relative, canonical: the file actually written. */
  readonly path: string;
  readonly before: string | undefined;
  /** Undefined for a delete. */
  readonly after: string | undefined;
  readonly origin: WriteOrigin;
}

/**
 * Resolves when the change runs no code, comes from a person, or a person approved it; otherwise
 * throws a WorkspaceError written for the agent. Without `approvals` (a headless run has no one to
 * ask) every such change is refused.
 */
export async function requireCodeRunningApproval(edit: CodeRunningEdit, approvals: Approvals | undefined, signal?: AbortSignal): Promise<void> {
  if (edit.origin.agent === 'user') return;
  const change = codeRunningChange(edit.path, edit.before, edit.after);
  if (change === undefined) return;
  const what = `"${edit.path}" ${change.runsCode}`;
  if (approvals === undefined) {
    throw new WorkspaceError(
      'protected',
      `${what}; changing it needs a person's approval, and nobody can be asked in this run. Leave it as it is, and say in your summary what change a person should make there.`,
    );
  }
  const decision = await approvals.request(
    {
      kind: 'edit',
      workflowId: edit.origin.workflowId,
      path: edit.path,
      ...(edit.before !== undefined && { before: edit.before }),
      // A delete is shown as the file becoming empty.
      after: edit.after ?? '',
      runsCode: change.runsCode,
    },
    signal,
  );
  if (!decision.approved) {
    const note = decision.note?.trim();
    throw new WorkspaceError('refused', `The user did not approve this change: ${what}${note ? `. They said: ${note}` : ''}. Do not make it again; do the work without it.`);
  }
}
