// @imperium in VS Code's Chat view. A message starts a workflow (/feature, /fix, or plain text: the
// default workflow) and the response follows it to its end; in a conversation whose workflow still
// runs, plain text is guidance for its agents; /status shows the workflow and its history so far;
// /cancel stops it. The conversation's workflow is the one its last answer names (ChatResult.metadata),
// so each conversation keeps the history of its own workflow. Types only from 'vscode'.
import type * as vscode from 'vscode';
import { DEFAULT_WORKFLOW } from '../../runtime/defaultWorkflow';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import type { ChatWorkflows } from './chatWorkflows';
import { WorkflowChatRenderer } from './workflowChatRenderer';

import { PARTICIPANT_ID } from './chatCommands';

export interface ImperiumChatMetadata {
  readonly workflowId?: string;
}

export interface ImperiumChatResult extends vscode.ChatResult {
  readonly metadata: ImperiumChatMetadata;
}

const USAGE = 'Tell me what to build, or use `/feature <request>`, `/fix <what fails>`; then `/status`, `/cancel`, or write to the running agents.';

export async function handleChatRequest(
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
  workflows: ChatWorkflows,
): Promise<ImperiumChatResult> {
  const text = request.prompt.trim();
  const current = conversationWorkflow(context);
  try {
    switch (request.command) {
      case 'status':
        return await status(current, stream, workflows);
      case 'cancel':
        return await cancel(current, stream, workflows);
      case 'feature':
      case 'fix':
        return await startAndFollow(request.command, text, stream, token, workflows);
      case undefined: {
        const running = current === undefined ? undefined : workflows.summary(current);
        if (running && !isTerminalWorkflow(running.status)) {
          workflows.guide(running.id, text);
          stream.markdown(`Passed to the agents of **${running.id}**: they read it with their next step.\n`);
          return await follow(running.id, stream, token, workflows);
        }
        if (text === '') {
          stream.markdown(USAGE);
          return { metadata: {} };
        }
        return await startAndFollow(DEFAULT_WORKFLOW, text, stream, token, workflows);
      }
      default:
        stream.markdown(`There is no /${request.command}. ${USAGE}`);
        return { metadata: {} };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { metadata: current === undefined ? {} : { workflowId: current }, errorDetails: { message } };
  }
}

/** The workflow the conversation's latest @imperium answer was about. */
export function conversationWorkflow(context: vscode.ChatContext): string | undefined {
  for (const turn of [...context.history].reverse()) {
    if (!('response' in turn) || turn.participant !== PARTICIPANT_ID) continue;
    const workflowId = (turn.result.metadata as ImperiumChatMetadata | undefined)?.workflowId;
    if (typeof workflowId === 'string') return workflowId;
  }
  return undefined;
}

async function startAndFollow(workflow: string, text: string, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, workflows: ChatWorkflows): Promise<ImperiumChatResult> {
  const problem = await workflows.modelProblem();
  if (problem !== undefined) {
    stream.markdown(`${problem}\n`);
    stream.button({ command: 'imperium.setApiKey', title: 'Set API Key' });
    stream.button({ command: 'workbench.action.openSettings', title: 'Model Settings', arguments: ['imperium.model'] });
    return { metadata: {} };
  }
  if (text === '' && workflow !== 'fix') {
    stream.markdown(`Say what to build after /${workflow}.`);
    return { metadata: {} };
  }
  const workflowId = await workflows.start(workflow, text === '' ? 'Make the failing tests pass.' : text);
  stream.markdown(`Started **${workflowId}** (${workflow}). Write here to guide its agents while they work; \`/status\`, \`/cancel\`.\n`);
  return follow(workflowId, stream, token, workflows);
}

/** Streams the workflow's events and approvals until it ends, or until the Chat view stops listening (it keeps running). */
function follow(workflowId: string, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, workflows: ChatWorkflows): Promise<ImperiumChatResult> {
  const renderer = new WorkflowChatRenderer(stream, { phaseOf: (step) => workflows.phaseOf(workflowId, step), tokenFor: (id, answer) => workflows.tokenFor(id, answer) });
  const result: ImperiumChatResult = { metadata: { workflowId } };
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      unsubscribe();
      unsubscribeApprovals();
      listener.dispose();
      renderer.flushTools();
      resolve(result);
    };
    const ended = () => {
      const summary = workflows.summary(workflowId);
      if (!summary || !isTerminalWorkflow(summary.status)) return false;
      renderer.flushTools();
      stream.markdown(`\n**${workflowId} ${summary.status === 'COMPLETED' ? 'is done' : `ended: ${summary.status.toLowerCase()}`}**${summary.reason ? `: ${summary.reason}` : '.'}\n`);
      stream.button({ command: 'imperium.openCommandCenter', title: 'Open Command Center' });
      if (summary.status !== 'COMPLETED') stream.button({ command: 'imperium.showLog', title: 'Show Log' });
      finish();
      return true;
    };
    const unsubscribe = workflows.subscribe((event) => {
      if (done || event.workflowId !== workflowId) return;
      renderer.render(event);
      if (event.type === 'workflow' && isTerminalWorkflow(event.status)) ended();
    });
    const unsubscribeApprovals = workflows.onApproval((approval) => {
      if (!done && approval.request.workflowId === workflowId) renderer.approval(approval);
    });
    const listener = token.onCancellationRequested(finish);
    for (const approval of workflows.pendingApprovals()) if (approval.request.workflowId === workflowId) renderer.approval(approval);
    ended();
  });
}

async function status(current: string | undefined, stream: vscode.ChatResponseStream, workflows: ChatWorkflows): Promise<ImperiumChatResult> {
  const summary = current === undefined ? undefined : workflows.summary(current);
  if (!summary) {
    stream.markdown(`This conversation has no workflow yet. ${USAGE}`);
    return { metadata: {} };
  }
  const phase = summary.step === undefined ? undefined : workflows.phaseOf(summary.id, summary.step);
  stream.markdown(`**${summary.id}** is ${summary.status.toLowerCase()}${phase ? `, in ${phase}` : ''}${summary.reason ? ` (${summary.reason})` : ''}.\n\n#### What happened so far\n`);
  const renderer = new WorkflowChatRenderer(stream, { phaseOf: (step) => workflows.phaseOf(summary.id, step), tokenFor: (id, answer) => workflows.tokenFor(id, answer) });
  for (const event of await workflows.pastEvents(summary.id)) renderer.render(event);
  renderer.flushTools();
  for (const approval of workflows.pendingApprovals()) if (approval.request.workflowId === summary.id) renderer.approval(approval);
  return { metadata: { workflowId: summary.id } };
}

async function cancel(current: string | undefined, stream: vscode.ChatResponseStream, workflows: ChatWorkflows): Promise<ImperiumChatResult> {
  const summary = current === undefined ? undefined : workflows.summary(current);
  if (!summary) {
    stream.markdown('This conversation has no workflow to cancel.');
    return { metadata: {} };
  }
  if (isTerminalWorkflow(summary.status)) {
    stream.markdown(`**${summary.id}** has already ended (${summary.status.toLowerCase()}).`);
    return { metadata: { workflowId: summary.id } };
  }
  await workflows.cancel(summary.id);
  stream.markdown(`**${summary.id}** is canceled. The files it changed stay as they are: **Imperium: Undo Workflow** puts them back.`);
  stream.button({ command: 'imperium.undoWorkflow', title: 'Undo Workflow', arguments: [summary.id] });
  return { metadata: { workflowId: summary.id } };
}
