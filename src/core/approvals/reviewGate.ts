// The review gate: in the "always ask" review mode every agent edit waits for a person's decision,
// through the Approvals port (a diff with Approve and Reject in the editor, or the command center).
import { WorkspaceError, type Approvals } from '../ports';
import { codeRunningChange } from '../workspace/codeRunningFiles';
import type { WriteGate } from './gatedWorkspace';
import type { ReviewMode } from './reviewModes';

/** `mode` is read on every write, so a change of the setting applies to the next edit. */
export function reviewGate(approvals: Approvals, mode: () => ReviewMode): WriteGate {
  return async (change) => {
    if (mode() !== 'always' || change.origin.agent === 'user' || change.origin.agent === 'engine') return;
    // The workspace asks for it by its named kind (codeRunningApproval.ts), with the same diff: once is enough.
    if (codeRunningChange(change.path, change.before, change.after) !== undefined) return;
    const decision = await approvals.request({
      kind: 'edit',
      workflowId: change.origin.workflowId,
      path: change.path,
      ...(change.before !== undefined && { before: change.before }),
      // A delete is shown as the file becoming empty.
      after: change.after ?? '',
    });
    if (!decision.approved) {
      const note = decision.note?.trim();
      throw new WorkspaceError('refused', `The user rejected this change to "${change.path}"${note ? `: ${note}` : '.'} Do not make it again; take another approach or explain why it is needed.`);
    }
  };
}
