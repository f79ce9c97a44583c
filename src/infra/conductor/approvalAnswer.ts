// What a person answered through Conductor: the approval workflow's HUMAN task as the server has
// it (GET /api/workflow/{id}?includeTasks=true), read as the Approvals port's decision. Anything
// that is not a clear yes is a rejection that says why: a HUMAN task completed without
// `"approved": true|false`, an escalation's choice that is not one of its options, a task
// completed FAILED, or the approval workflow terminated.
import type { ApprovalDecision, ApprovalRequest } from '../../core/ports';
import { APPROVAL_TASK_REFERENCE } from './approvalWorkflow';

export interface ApprovalExecution {
  readonly status?: string;
  readonly reasonForIncompletion?: string;
  readonly tasks?: readonly { readonly referenceTaskName?: string; readonly status?: string; readonly outputData?: Record<string, unknown>; readonly reasonForIncompletion?: string }[];
}

export interface ServerAnswer {
  readonly decision: ApprovalDecision;
  /** Set when the answer was malformed and read as a rejection: what was wrong, for the log. */
  readonly problem?: string;
}

const FAILED = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT', 'CANCELED', 'SKIPPED']);

/** The answer the server holds, or undefined while the HUMAN task still waits for one. */
export function answerOf(request: ApprovalRequest, execution: ApprovalExecution): ServerAnswer | undefined {
  const task = execution.tasks?.find((candidate) => candidate.referenceTaskName === APPROVAL_TASK_REFERENCE);
  if (task?.status === 'COMPLETED' || task?.status === 'COMPLETED_WITH_ERRORS') return completedAnswer(request, task.outputData ?? {});
  if (task?.status !== undefined && FAILED.has(task.status)) {
    const why = text(task.outputData?.note) ?? task.reasonForIncompletion ?? execution.reasonForIncompletion;
    return { decision: { approved: false, note: why ? `rejected on Conductor (HUMAN task ${task.status}): ${why}` : `rejected on Conductor (HUMAN task ${task.status})` } };
  }
  if (execution.status === 'TERMINATED' || execution.status === 'FAILED' || execution.status === 'TIMED_OUT') {
    const why = execution.reasonForIncompletion;
    return { decision: { approved: false, note: `the approval workflow was ${execution.status.toLowerCase()} on Conductor${why ? `: ${why}` : ''}` } };
  }
  return undefined;
}

function completedAnswer(request: ApprovalRequest, output: Record<string, unknown>): ServerAnswer {
  const note = text(output.note);
  const withNote = (decision: ApprovalDecision): ApprovalDecision => (note === undefined ? decision : { ...decision, note });
  if (request.kind === 'escalation') {
    const choice = output.choice;
    if (output.approved === false) return { decision: withNote({ approved: false }) };
    if (typeof choice === 'string' && request.options.includes(choice)) return { decision: withNote({ approved: true, choice }) };
    const problem = `the HUMAN task was completed with ${choice === undefined ? 'no "choice"' : `"choice": ${JSON.stringify(choice)}`}; it takes one of ${request.options.map((option) => JSON.stringify(option)).join(', ')}`;
    return { decision: { approved: false, note: `rejected: ${problem}` }, problem };
  }
  if (typeof output.approved === 'boolean') return { decision: withNote({ approved: output.approved }) };
  const problem = `the HUMAN task was completed with ${'approved' in output ? `"approved": ${JSON.stringify(output.approved)}` : 'no "approved"'}; it takes "approved": true or false`;
  return { decision: { approved: false, note: `rejected: ${problem}` }, problem };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const string = typeof value === 'string' ? value : JSON.stringify(value);
  return string.trim() === '' ? undefined : string;
}
