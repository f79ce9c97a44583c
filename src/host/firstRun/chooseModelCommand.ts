// "Imperium: Choose Model…": a quick pick of the configured endpoint's models (GET {baseUrl}/models)
// and the vscode.lm models other extensions offer; picking one writes imperium.model.provider and
// imperium.model.name. A section with nothing to offer says why, and picking that line fixes it.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import { loadEngine } from '../lazyEngine';
import type { ModelProvider, Settings } from '../settings';
import { type CurrentModel, type EndpointListing, type ModelChoice, modelChoices, type ProblemFix } from './modelChoices';

export const CHOOSE_MODEL_COMMAND = 'imperium.chooseModel';
export const TRY_WITHOUT_MODEL_COMMAND = 'imperium.tryWithoutModel';

type PickItem = vscode.QuickPickItem & ({ readonly choice: ModelChoice } | { readonly fix: ProblemFix | 'try' });

export interface ChosenModel {
  readonly provider: ModelProvider;
  readonly name: string;
}

export function registerChooseModel(settings: Settings, apiKeys: ApiKeyStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CHOOSE_MODEL_COMMAND, () => chooseModel(settings, apiKeys, log));
}

/** Resolves with what was written, or undefined when the person picked nothing (or a fix). */
async function chooseModel(settings: Settings, apiKeys: ApiKeyStore, log: vscode.LogOutputChannel): Promise<ChosenModel | undefined> {
  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = 'Imperium Flow: choose the agents’ model';
  pick.placeholder = 'Loading the models of the endpoint and of VS Code…';
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  try {
    const current: CurrentModel = { provider: settings.modelProvider(), name: settings.modelProvider() === 'vscode-lm' ? settings.modelNameSet() : settings.modelName() };
    const [endpoint, offered] = await Promise.all([endpointListing(settings, apiKeys), vscode.lm.selectChatModels().then(undefined, () => [])]);
    const items: PickItem[] = [];
    for (const section of modelChoices(endpoint, offered, current)) {
      items.push({ label: section.title, kind: vscode.QuickPickItemKind.Separator, fix: 'none' });
      for (const choice of section.choices) items.push({ label: choice.label, description: choice.current ? `${choice.description} · current` : choice.description, choice });
      if (section.problem) items.push({ label: `$(warning) ${problemLabel(section.problem.fix)}`, detail: section.problem.message, fix: section.problem.fix });
    }
    items.push({ label: 'No model yet?', kind: vscode.QuickPickItemKind.Separator, fix: 'none' }, { label: '$(beaker) Try Without a Model', detail: 'Runs the bundled example on the scripted model, in a copy; your files are not touched.', fix: 'try' });
    pick.items = items;
    const active = items.find((item) => 'choice' in item && item.choice.current);
    if (active) pick.activeItems = [active];
    pick.placeholder = 'Pick the model every agent talks to (imperium.model.roles may still name others per role)';
    pick.busy = false;
    const picked = await new Promise<PickItem | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
    pick.hide();
    if (!picked) return undefined;
    if ('fix' in picked) {
      await runFix(picked.fix);
      return undefined;
    }
    const chosen = { provider: picked.choice.provider, name: picked.choice.name };
    await writeChoice(chosen);
    log.info(`model chosen: ${chosen.name} (${chosen.provider})`);
    return chosen;
  } finally {
    pick.dispose();
  }
}

async function endpointListing(settings: Settings, apiKeys: ApiKeyStore): Promise<EndpointListing> {
  const baseUrl = settings.modelBaseUrl();
  try {
    const { listEndpointModels } = await loadEngine();
    return { baseUrl, models: await listEndpointModels({ baseUrl, apiKey: await apiKeys.get() }) };
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    const fix: ProblemFix = kind === 'no-key' || kind === 'refused-key' ? 'set-api-key' : 'open-endpoint-setting';
    return { baseUrl, problem: error instanceof Error ? error.message : String(error), fix };
  }
}

function problemLabel(fix: ProblemFix): string {
  if (fix === 'set-api-key') return 'Set the API key…';
  if (fix === 'open-endpoint-setting') return 'Change imperium.model.baseUrl…';
  return 'No models here';
}

async function runFix(fix: ProblemFix | 'try'): Promise<void> {
  if (fix === 'set-api-key') await vscode.commands.executeCommand('imperium.setApiKey');
  else if (fix === 'open-endpoint-setting') await vscode.commands.executeCommand('workbench.action.openSettings', 'imperium.model.baseUrl');
  else if (fix === 'try') await vscode.commands.executeCommand(TRY_WITHOUT_MODEL_COMMAND);
}

/** Written where the person keeps the setting now (this workspace when it sets one), else in the user settings. */
async function writeChoice(chosen: ChosenModel): Promise<void> {
  const section = vscode.workspace.getConfiguration('imperium');
  for (const [key, value] of [
    ['model.provider', chosen.provider],
    ['model.name', chosen.name],
  ] as const) {
    const inspected = section.inspect(key);
    const inWorkspace = inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined;
    await section.update(key, value, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  }
}
