// "Run a Deployment Command": the person picks a command of a deploy workflow's plan, and it is
// typed into a terminal in the workspace folder, not run: the person reads it and presses Enter.
// Nothing here, and no agent, runs a plan's command. Part of the engine bundle (../engine.ts).
import * as vscode from 'vscode';
import { integrationViewOf } from '../dashboard/integrationViewOf';
import type { WorkflowService } from './workflowService';

export async function runDeploymentCommand(service: WorkflowService): Promise<void> {
  const deploys = service.list().filter((workflow) => workflow.name === 'deploy' && workflow.status === 'COMPLETED').sort((a, b) => b.updatedAt - a.updatedAt);
  const items: (vscode.QuickPickItem & { readonly command: string })[] = [];
  for (const summary of deploys.slice(0, 5)) {
    const workflow = await service.runtime.engine.get(summary.id);
    const plan = workflow && integrationViewOf(workflow)?.plan;
    for (const [index, command] of (plan?.commands ?? []).entries()) {
      items.push({ label: `${index + 1}. ${command.command}`, description: summary.id, detail: `${command.purpose} (a person's to run: ${command.whyPerson})`, command: command.command });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No deployment plan has commands yet: start the Deploy workflow with a deployment request.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Imperium Flow: which command of the plan? It is typed into a terminal; you press Enter.', ignoreFocusOut: true, matchOnDetail: true });
  if (!picked) return;
  const terminal = vscode.window.createTerminal({ name: 'Imperium: deployment plan', cwd: service.folder });
  terminal.show();
  // Typed, not run: no newline.
  terminal.sendText(picked.command, false);
}
