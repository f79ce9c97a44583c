// Never overwrite a document the user has unsaved changes in: the write waits and asks, through the
// Approvals port, until the user has saved or reverted it, or tells the agent to do without it.
import { WorkspaceError, type Approvals } from '../ports';
import type { WriteGate } from './gatedWorkspace';

export const AFTER_SAVING = 'Continue (I saved or reverted it)';
export const SKIP_EDIT = 'Skip this edit';

/** `hasUnsavedChanges` answers for a workspace-relative path. */
export function unsavedChangesGate(approvals: Approvals, hasUnsavedChanges: (path: string) => boolean): WriteGate {
  return async (change) => {
    while (hasUnsavedChanges(change.path)) {
      const decision = await approvals.request({
        kind: 'escalation',
        workflowId: change.origin.workflowId,
        reason: `"${change.path}" has unsaved changes, and ${change.origin.agent} wants to ${change.after === undefined ? 'delete' : 'write'} it. Save or revert your changes, then continue; or skip this edit.`,
        options: [AFTER_SAVING, SKIP_EDIT],
      });
      if (!decision.approved || decision.choice === SKIP_EDIT) {
        throw new WorkspaceError('refused', `"${change.path}" has unsaved changes by the user, who chose to keep them: the file was not changed. Work without changing it, or explain why it must change.`);
      }
    }
  };
}
