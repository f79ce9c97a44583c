// A pending approval as the views show it: an edit becomes its unified diff (hunks of changed lines
// with three lines of context, within the views' line cap), rather than two whole files.
import { structuredPatch } from 'diff';
import type { PendingApproval } from '../../core/approvals/pendingApprovals';
import { type ApprovalView, DASHBOARD_LIMITS, type DiffLine } from '../../shared/dashboardState';

/** Comparing two large files can take long; past this the view says so and the editor's diff remains. */
const DIFF_TIMEOUT_MS = 300;

export function approvalView({ id, at, request }: PendingApproval): ApprovalView {
  const base = { id, at, workflowId: request.workflowId };
  switch (request.kind) {
    case 'edit':
      return {
        ...base,
        kind: 'edit',
        path: request.path,
        created: request.before === undefined,
        ...editDiff(request.path, request.before ?? '', request.after),
        ...(request.runsCode !== undefined && { runsCode: request.runsCode }),
        ...(request.applied && { applied: true }),
      };
    case 'command':
      return { ...base, kind: 'command', command: request.command };
    case 'escalation':
      return { ...base, kind: 'escalation', reason: request.reason, options: request.options };
  }
}

function editDiff(path: string, before: string, after: string): { diff: DiffLine[]; diffNote?: string } {
  if (before === after) return { diff: [], diffNote: 'The edit leaves the file as it is.' };
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context: 3, timeout: DIFF_TIMEOUT_MS });
  if (!patch) return { diff: [], diffNote: 'The change is too large to compare here.' };
  const diff: DiffLine[] = [];
  let total = 0;
  for (const hunk of patch.hunks) {
    const lines = hunk.lines.filter((line) => !line.startsWith('\\'));
    total += lines.length + 1;
    if (diff.length >= DASHBOARD_LIMITS.diffLines) continue;
    diff.push({ kind: 'hunk', text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
    for (const line of lines) diff.push({ kind: line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context', text: line.slice(1) });
  }
  const shown = diff.slice(0, DASHBOARD_LIMITS.diffLines);
  return total > shown.length ? { diff: shown, diffNote: `${total - shown.length} more lines of the diff are not shown here.` } : { diff: shown };
}
