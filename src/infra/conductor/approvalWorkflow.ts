// A person's approval as Conductor metadata: one small workflow, `<prefix>_approval`, whose only
// task is a HUMAN task (`approval`) that stays IN_PROGRESS until someone completes it. The engine
// starts one per request, with the request as its input and the asking workflow's id as its
// correlation id; the answer is the HUMAN task's output. Readable JSON a Conductor user loads,
// searches and answers with the server's own API (see `ANSWER_HELP`).
import { withoutSecrets } from '../../core/board/securityChecks';
import type { ApprovalRequest } from '../../core/ports';
import { type ConductorWorkflowDefOf, DEFAULT_NAME_PREFIX, OWNER_EMAIL } from './conductorDefinitions';

/** The HUMAN task's reference name: complete it with POST /api/tasks/{approvalWorkflowId}/approval/COMPLETED. */
export const APPROVAL_TASK_REFERENCE = 'approval';
export const APPROVAL_WORKFLOW_VERSION = 1;
/** An edit's before and after travel up to this many characters each; the rest is cut, saying so. */
export const MAX_CONTENT_CHARS = 64_000;

export const ANSWER_HELP =
  'Answer with POST /api/tasks/{this workflow id}/approval/COMPLETED and a JSON body: {"approved": true} or {"approved": false, "note": "why"}; ' +
  'for an escalation {"choice": "<one of input.options>"}. Completing it FAILED, or terminating this workflow, is a rejection.';

const INPUT_NAMES = ['kind', 'workflowId', 'question', 'path', 'before', 'after', 'applied', 'runsCode', 'command', 'reason', 'options', 'answerHelp'] as const;

export interface ConductorHumanTask {
  readonly name: string;
  readonly taskReferenceName: string;
  readonly type: 'HUMAN';
  readonly description: string;
  readonly inputParameters: Record<string, string>;
}

export type ConductorApprovalWorkflowDef = ConductorWorkflowDefOf<readonly [ConductorHumanTask], false>;

export function approvalWorkflowName(prefix = DEFAULT_NAME_PREFIX): string {
  return `${prefix}_approval`;
}

export function approvalWorkflowDef(prefix = DEFAULT_NAME_PREFIX): ConductorApprovalWorkflowDef {
  return {
    name: approvalWorkflowName(prefix),
    description: `A person's answer to a request from an Imperium Flow workflow (an edit, a command, an escalation); the correlation id is the asking workflow's id. ${ANSWER_HELP} Answering in the editor completes it too.`,
    version: APPROVAL_WORKFLOW_VERSION,
    schemaVersion: 2,
    ownerEmail: OWNER_EMAIL,
    restartable: false,
    workflowStatusListenerEnabled: false,
    timeoutPolicy: 'ALERT_ONLY',
    timeoutSeconds: 0,
    inputParameters: INPUT_NAMES,
    outputParameters: { approved: '${approval.output.approved}', choice: '${approval.output.choice}', note: '${approval.output.note}', answeredIn: '${approval.output.answeredIn}' },
    tasks: [
      {
        name: APPROVAL_TASK_REFERENCE,
        taskReferenceName: APPROVAL_TASK_REFERENCE,
        type: 'HUMAN',
        description: ANSWER_HELP,
        inputParameters: Object.fromEntries(INPUT_NAMES.map((name) => [name, `\${workflow.input.${name}}`])),
      },
    ],
  };
}

/**
 * The approval workflow's input: the request, a question in words, and how to answer it. An edit's
 * contents, a command and an escalation's reason go to the server with every line that holds a
 * secret withheld (either side, every line: the server is shared and keeps what it is given); the
 * editor shows them whole.
 */
export async function approvalInput(request: ApprovalRequest): Promise<Record<string, unknown>> {
  const common = { kind: request.kind, workflowId: request.workflowId, question: questionOf(request), answerHelp: ANSWER_HELP };
  switch (request.kind) {
    case 'edit':
      return {
        ...common,
        path: request.path,
        ...(request.before !== undefined && { before: cut(await withheld(request.path, request.before)) }),
        after: cut(await withheld(request.path, request.after)),
        ...(request.applied !== undefined && { applied: request.applied }),
        ...(request.runsCode !== undefined && { runsCode: request.runsCode }),
      };
    case 'command': {
      const command = await withheld('command', request.command);
      return { ...common, question: questionOf({ ...request, command }), command };
    }
    case 'escalation': {
      const reason = await withheld('reason', request.reason);
      return { ...common, question: questionOf({ ...request, reason }), reason, options: [...request.options] };
    }
  }
}

export function questionOf(request: ApprovalRequest): string {
  switch (request.kind) {
    case 'edit': {
      const runs = request.runsCode === undefined ? '' : ` This file ${request.runsCode}.`;
      if (request.applied) return `Workflow ${request.workflowId} ended without the Board's approval. Keep its change to ${request.path} (approved) or revert it (rejected)?${runs}`;
      return `Workflow ${request.workflowId} wants to ${request.before === undefined ? 'create' : 'change'} ${request.path}. Approve?${runs}`;
    }
    case 'command':
      return `Workflow ${request.workflowId} wants to run: ${request.command}. Approve?`;
    case 'escalation':
      return `Workflow ${request.workflowId} asks: ${request.reason} Choose one of: ${request.options.join(', ')}.`;
  }
}

/** The content with each line that holds a secret replaced (all its lines checked, as if newly added). */
async function withheld(path: string, content: string): Promise<string> {
  const [file] = await withoutSecrets([{ path, after: content }]);
  return file?.after ?? content;
}

function cut(content: string): string {
  if (content.length <= MAX_CONTENT_CHARS) return content;
  return `${content.slice(0, MAX_CONTENT_CHARS)}\n… (${content.length - MAX_CONTENT_CHARS} more characters; the editor's diff shows all of it)`;
}
