// The command center: one editor panel (opened by imperium.openCommandCenter, revealed when it is
// already open) that a window reload brings back through the panel serializer. Its page keeps its
// own state with getState/setState; the host replays a snapshot whenever the page says `ready`.
import * as vscode from 'vscode';
import { type DashboardViewDeps, dashboardWebviewOptions, loadDashboardPage } from './dashboardWebview';
import { editorActions } from './editorActions';
import { WebviewChannel } from './webviewChannel';

export const COMMAND_CENTER_VIEW_TYPE = 'imperium.commandCenter';
export const COMMAND_CENTER_TITLE = 'Imperium Command Center';

export class CommandCenterPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private open: { readonly panel: vscode.WebviewPanel; readonly channel: WebviewChannel } | undefined;

  constructor(private readonly deps: DashboardViewDeps) {}

  /** Opens the panel, or brings the open one to the front. */
  show(): vscode.WebviewPanel {
    if (this.open) {
      this.open.panel.reveal();
      return this.open.panel;
    }
    const panel = vscode.window.createWebviewPanel(COMMAND_CENTER_VIEW_TYPE, COMMAND_CENTER_TITLE, vscode.ViewColumn.Active, dashboardWebviewOptions(this.deps.extensionUri));
    this.attach(panel);
    return panel;
  }

  /** Called by VS Code after a reload for a panel that was open; the page restores its own state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.open) {
      // Only one command center: a second restored panel would show the same thing.
      panel.dispose();
      return;
    }
    panel.webview.options = dashboardWebviewOptions(this.deps.extensionUri);
    this.attach(panel);
  }

  dispose(): void {
    this.open?.panel.dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    const { deps } = this;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activitybar.svg');
    loadDashboardPage(panel.webview, deps.extensionUri, 'command-center', COMMAND_CENTER_TITLE);
    const editor = editorActions(deps.showLog, vscode.ViewColumn.Beside);
    const channel = new WebviewChannel(panel.webview, deps.source, { ...editor, openCommandCenter: async () => void this.show() }, {
      label: 'command center',
      version: deps.version,
      logger: deps.logger,
      ...(deps.onDidChangeSource && { onDidChangeSource: deps.onDidChangeSource }),
    });
    const visibility = panel.onDidChangeViewState(() => {
      if (!panel.visible) channel.hidden();
    });
    panel.onDidDispose(() => {
      visibility.dispose();
      channel.dispose();
      if (this.open?.panel === panel) this.open = undefined;
    });
    this.open = { panel, channel };
  }
}
