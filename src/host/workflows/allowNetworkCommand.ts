// "Allow Network for This Workflow's Test Runs": a person gives one running workflow's test runs
// the network (off by default), after a warning of what that lets model-written test code do.
// Other workflows, and the person's own runs, keep theirs.
import * as vscode from 'vscode';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import type { WorkflowService } from './workflowService';

export const ALLOW_NETWORK_COMMAND = 'imperium.allowNetworkForWorkflow';

/** `given`: the workflow's id (from a view); without it, the person picks among the running ones without the network. Resolves to whether it was allowed. */
export async function allowNetworkForWorkflow(service: WorkflowService, given: unknown): Promise<boolean> {
  if (given !== undefined && typeof given !== 'string') throw new Error(`${ALLOW_NETWORK_COMMAND} takes no argument or a workflow id.`);
  const candidates = service.list().filter((workflow) => !isTerminalWorkflow(workflow.status) && !service.networkAllowed(workflow.id));
  let workflowId = given;
  if (workflowId === undefined) {
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('Imperium Flow: no running workflow whose test runs are without the network.');
      return false;
    }
    const picked =
      candidates.length === 1
        ? candidates[0]
        : await vscode.window.showQuickPick(
            [...candidates].reverse().map((workflow) => ({ label: workflow.id, description: `${workflow.status.toLowerCase()}${workflow.step ? ` · ${workflow.step}` : ''}`, id: workflow.id })),
            { title: 'Which workflow may reach the network in its test runs?' },
          );
    workflowId = picked?.id;
  }
  if (workflowId === undefined) return false;
  const allow = 'Allow Network';
  const answer = await vscode.window.showWarningMessage(
    `Let the test runs of workflow ${workflowId} reach the network?`,
    { modal: true, detail: 'Its tests are model-written code: with the network they can send what they can read (the workspace) anywhere, and download code. Only this workflow\'s runs get it, from its next run on, until it ends.' },
    allow,
  );
  if (answer !== allow) return false;
  service.allowNetwork(workflowId);
  void vscode.window.showInformationMessage(`Imperium Flow: the test runs of workflow ${workflowId} may reach the network from its next run on.`);
  return true;
}
