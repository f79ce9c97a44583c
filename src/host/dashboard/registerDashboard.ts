// Registers the command center (command, panel serializer) and the sidebar dashboard view.
import * as vscode from 'vscode';
import { COMMAND_CENTER_VIEW_TYPE, CommandCenterPanel } from './commandCenterPanel';
import { DASHBOARD_VIEW_ID, DashboardViewProvider } from './dashboardViewProvider';
import type { DashboardViewDeps } from './dashboardWebview';
import { OPEN_COMMAND_CENTER_COMMAND } from './editorActions';

export function registerDashboard(deps: DashboardViewDeps): vscode.Disposable[] {
  const commandCenter = new CommandCenterPanel(deps);
  return [
    commandCenter,
    vscode.window.registerWebviewPanelSerializer(COMMAND_CENTER_VIEW_TYPE, commandCenter),
    vscode.window.registerWebviewViewProvider(DASHBOARD_VIEW_ID, new DashboardViewProvider(deps)),
    vscode.commands.registerCommand(OPEN_COMMAND_CENTER_COMMAND, () => void commandCenter.show()),
  ];
}
