// **Imperium: Reload Skills**: reads every skill folder again (after you add, edit or remove a
// skill), so the agents and the Superpowers view follow without reloading the window.
import * as vscode from 'vscode';
import type { WorkflowService } from '../workflows/workflowService';

export function registerSkillCommands(service: () => Promise<WorkflowService>, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('imperium.reloadSkills', async () => {
      try {
        const { skills } = await service();
        await skills.reload();
        const { loaded, rejected } = skills.view();
        const message = `Imperium Flow: ${loaded.length} skill${loaded.length === 1 ? '' : 's'} loaded${rejected.length ? `, ${rejected.length} not loaded (see the Superpowers view and the log)` : ''}.`;
        void (rejected.length ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`skills: ${message}`);
        void vscode.window.showErrorMessage(`Imperium Flow could not reload the skills: ${message}`);
      }
    }),
  ];
}
