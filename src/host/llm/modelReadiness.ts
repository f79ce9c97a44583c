// Whether the agents have a model before a workflow is taken: an OpenAI-compatible endpoint with a
// key (or one on this machine, which needs none), or some extension's vscode.lm model. Asked up front
// by @imperium before it takes a request, so a request without a model is refused at once, saying
// what to set, instead of failing at the first model call.
import * as vscode from 'vscode';
import { isLoopbackEndpoint } from '../../llm/localEndpoint';
import type { ApiKeyStore } from '../apiKeyStore';
import type { Settings } from '../settings';
import { IMPERIUM_LM_VENDOR } from './imperiumVendor';

export const NO_MODEL_HELP = 'Run "Imperium: Set API Key", or point imperium.model.baseUrl at a model on this machine (Ollama, LM Studio), or set imperium.model.provider to "vscode-lm".';

/** Why no workflow can run now for want of a model; undefined when one is set. */
export async function modelProblem(settings: Settings, apiKeys: ApiKeyStore): Promise<string | undefined> {
  if (settings.modelProvider() === 'vscode-lm') {
    const offered = (await vscode.lm.selectChatModels()).filter((model) => model.vendor !== IMPERIUM_LM_VENDOR);
    return offered.length > 0 ? undefined : `No model is set: imperium.model.provider is "vscode-lm", and no extension offers a language model through VS Code. ${NO_MODEL_HELP}`;
  }
  const baseUrl = settings.modelBaseUrl();
  let local: boolean;
  try {
    local = isLoopbackEndpoint(baseUrl);
  } catch (error) {
    return `imperium.model.baseUrl is not a valid endpoint: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (local || (await apiKeys.get()) !== undefined) return undefined;
  return `No model is set: there is no API key for ${new URL(baseUrl).origin}. ${NO_MODEL_HELP}`;
}
