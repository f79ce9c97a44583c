// The agents' model in the status bar (a click opens the model picker), and the context keys the
// welcome content (`imperium.modelMissing`) and the walkthrough (`imperium.modelReady`) go by. Read
// again whenever the model settings, the stored keys or the vscode.lm models change.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import { IMPERIUM_LM_VENDOR } from '../llm/imperiumVendor';
import { modelProblem } from '../llm/modelReadiness';
import { modelLabel } from '../llm/modelSelection';
import type { Settings } from '../settings';
import { CHOOSE_MODEL_COMMAND } from './chooseModelCommand';
import { modelStatus } from './modelStatusText';

export const MODEL_MISSING_CONTEXT = 'imperium.modelMissing';
/** Its opposite, set only once known: the walkthrough's "Choose a model" is done when it is true (an unset key would read as "not missing"). */
export const MODEL_READY_CONTEXT = 'imperium.modelReady';

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('imperium.model', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private trialRunning = false;
  /** Counts refreshes, so a slow one that finishes after a newer one gives way to it. */
  private generation = 0;

  constructor(
    private readonly settings: Settings,
    private readonly apiKeys: ApiKeyStore,
    secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = 'Imperium Flow: Model';
    this.item.command = CHOOSE_MODEL_COMMAND;
    this.disposables.push(
      this.item,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('imperium.model')) void this.refresh();
      }),
      secrets.onDidChange(() => void this.refresh()),
      vscode.lm.onDidChangeChatModels(() => void this.refresh()),
    );
    void this.refresh();
  }

  /** The trial on the scripted model started (true) or ended (false). */
  setTrialRunning(running: boolean): void {
    this.trialRunning = running;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const problem = await modelProblem(this.settings, this.apiKeys);
      const provider = this.settings.modelProvider();
      const name = this.settings.effectiveModelName();
      const firstOffered = provider === 'vscode-lm' && name === '' ? await this.firstOffered() : undefined;
      if (generation !== this.generation) return;
      const status = modelStatus({ provider, name, baseUrl: this.settings.modelBaseUrl(), problem, trialRunning: this.trialRunning, ...(firstOffered && { firstOffered }) });
      this.item.text = status.text;
      this.item.tooltip = status.tooltip;
      this.item.backgroundColor = status.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
      await vscode.commands.executeCommand('setContext', MODEL_MISSING_CONTEXT, problem !== undefined);
      await vscode.commands.executeCommand('setContext', MODEL_READY_CONTEXT, problem === undefined);
    } catch (error) {
      this.log.warn(`model status: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  private async firstOffered(): Promise<string | undefined> {
    const [first] = (await vscode.lm.selectChatModels()).filter((model) => model.vendor !== IMPERIUM_LM_VENDOR);
    return first && modelLabel(first);
  }
}
