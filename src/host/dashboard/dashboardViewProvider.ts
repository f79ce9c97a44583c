// The sidebar dashboard (view imperium.dashboard in the Imperium activity-bar container): the
// compact version of the command center, from the same app and the same source.
import * as vscode from 'vscode';
import { type DashboardViewDeps, dashboardWebviewOptions, loadDashboardPage } from './dashboardWebview';
import { editorActions } from './editorActions';
import { WebviewChannel } from './webviewChannel';

export const DASHBOARD_VIEW_ID = 'imperium.dashboard';

export class DashboardViewProvider implements vscode.WebviewViewProvider {
  constructor(private readonly deps: DashboardViewDeps) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const { deps } = this;
    view.webview.options = dashboardWebviewOptions(deps.extensionUri);
    loadDashboardPage(view.webview, deps.extensionUri, 'sidebar', 'Imperium Dashboard');
    const channel = new WebviewChannel(view.webview, deps.source, editorActions(deps.showLog, vscode.ViewColumn.Active), {
      label: 'sidebar dashboard',
      version: deps.version,
      logger: deps.logger,
      ...(deps.onDidChangeSource && { onDidChangeSource: deps.onDidChangeSource }),
    });
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) channel.hidden();
    });
    view.onDidDispose(() => {
      visibility.dispose();
      channel.dispose();
    });
  }
}
