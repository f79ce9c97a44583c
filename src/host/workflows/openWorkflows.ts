// Opening a folder's workflow service and the long-term memories: the engine side of WorkflowHost,
// in the bundle loaded on first use (see ../engine.ts), so activation does not load the runtime.
import type * as vscode from 'vscode';
import { embedderOf } from '../../core/memory/modelEmbedder';
import { SystemClock } from '../../core/orchestrator/systemClock';
import type { TestRunner } from '../../core/ports';
import { DEFAULT_MODEL } from '../../llm/modelDefaults';
import { OpenAiCompatibleClient } from '../../llm/openAiCompatibleClient';
import { FolderInUseError, stateFolderOf } from '../../runtime/folderStore';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ConductorTokenStore } from '../conductorTokenStore';
import { ConductorConfigurationError, ConductorUnreachableError } from '../../runtime/conductorOpener';
import { type ExtensionMemories, openExtensionMemories } from '../memory/extensionMemories';
import type { Settings } from '../settings';
import { HostSkills } from '../superpowers/hostSkills';
import { WorkflowService } from './workflowService';

export interface MemoriesRequest {
  /** The first workspace folder on this machine's disk, whose <folder>/.imperium/ holds this folder's memories. */
  readonly folderPath: string | undefined;
  /** The extension's global storage: the user's memories across projects. */
  readonly globalStorageFolder: string;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly log: vscode.LogOutputChannel;
  readonly onDamage: (warning: string) => void;
}

/** Long-term memory of both scopes. */
export async function openMemories(request: MemoriesRequest): Promise<ExtensionMemories> {
  const embedder = embedderFor(request.settings, request.apiKeys, request.log);
  try {
    return await openExtensionMemories({
      ...(request.folderPath !== undefined && { workspaceStorage: stateFolderOf(request.folderPath), workspaceFolder: request.folderPath }),
      ...(embedder && { embedder }),
      globalStorage: request.globalStorageFolder,
      clock: new SystemClock(),
      logger: request.log,
      onDamage: request.onDamage,
    });
  } catch (error) {
    throw new Error(`The memories could not be opened (are they open in another window?): ${message(error)}`, { cause: error });
  }
}

export interface ServiceRequest {
  readonly folder: vscode.WorkspaceFolder;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly conductorTokens: ConductorTokenStore;
  readonly log: vscode.LogOutputChannel;
  readonly tests: TestRunner;
  readonly memory: ExtensionMemories;
  /** Imperium's own extension (its folder holds the built-in skills). */
  readonly extension: { readonly id: string; readonly extensionPath: string };
}

export interface OpenedService {
  readonly service: WorkflowService;
  readonly skills: HostSkills;
}

/** The folder's workflow service with its skills; fails cleanly when another writer holds the folder's state. */
export async function openWorkflowService(request: ServiceRequest): Promise<OpenedService> {
  const skills = await HostSkills.open({ folder: request.folder, extension: request.extension, log: request.log });
  try {
    const service = await WorkflowService.open({
      skills,
      folder: request.folder,
      settings: request.settings,
      apiKeys: request.apiKeys,
      conductorTokens: request.conductorTokens,
      log: request.log,
      tests: request.tests,
      memory: request.memory,
    });
    return { service, skills };
  } catch (error) {
    skills.dispose();
    // These name what to fix (the folder's holder, the server's address) and are shown with actions.
    if (error instanceof FolderInUseError || error instanceof ConductorUnreachableError || error instanceof ConductorConfigurationError) throw error;
    throw new Error(`The workflow state of this workspace could not be opened: ${message(error)}`, { cause: error });
  }
}

/**
 * Embeddings for recall by meaning, from `imperium.memory.embeddingModel` on the configured
 * OpenAI-compatible endpoint; none (recall by words) without one, or with a vscode.lm model.
 */
function embedderFor(settings: Settings, apiKeys: ApiKeyStore, log: vscode.LogOutputChannel) {
  const model = settings.embeddingModel();
  if (model === undefined || settings.modelProvider() !== 'openai-compatible') return undefined;
  const client = new OpenAiCompatibleClient({
    baseUrl: settings.modelBaseUrl(),
    apiKey: () => apiKeys.get(),
    missingKeyHelp: 'Run "Imperium: Set API Key" to store one, or clear imperium.memory.embeddingModel to recall by words only.',
    models: { default: settings.modelName() || DEFAULT_MODEL },
    embeddingModel: model,
    logger: log,
  });
  return embedderOf(client, model);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
