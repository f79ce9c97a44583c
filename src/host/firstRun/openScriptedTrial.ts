// The engine side of "Try Without a Model" (in the bundle loaded on first use): a copy of the bundled
// example in a temporary folder, the scripted model server answering from its scenario, and a
// workflow service of its own on that copy: the same service the workspace's workflows run in, with
// the model settings pointed at the scripted server, the embedded engine, and memories kept in the
// copy (the trial must not teach the person's own projects). Nothing of the workspace is touched.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SystemClock } from '../../core/orchestrator/systemClock';
import { WorkspaceTestRunner } from '../../infra/testRunners/workspaceTestRunner';
import { readScenarioFile } from '../../llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../llm/scriptedServer/scriptedModelServer';
import { DEMO_EXAMPLES, type DemoExample } from '../../runtime/bundledExamples';
import { STATE_FOLDER, stateFolderOf } from '../../runtime/folderStore';
import type { ReviewMode } from '../../core/approvals/reviewModes';
import type { Budgets } from '../../core/healing/budgetTracker';
import type { PriceTable } from '../../shared/modelPricing';
import { ApiKeyStore } from '../apiKeyStore';
import type { ConductorTokenStore } from '../conductorTokenStore';
import { type ExtensionMemories, openExtensionMemories } from '../memory/extensionMemories';
import { type ModelProvider, Settings } from '../settings';
import { HostSkills } from '../superpowers/hostSkills';
import { WorkflowService } from '../workflows/workflowService';

/** The workflow module the trial shows. */
export const TRIAL_WORKFLOW = 'feature';

export interface TrialRequest {
  /** The extension's folder, which holds examples/. */
  readonly extensionPath: string;
  readonly extension: { readonly id: string; readonly extensionPath: string };
  readonly secrets: vscode.SecretStorage;
  readonly conductorTokens: ConductorTokenStore;
  readonly log: vscode.LogOutputChannel;
}

export interface OpenedTrial {
  readonly example: DemoExample;
  /** The copy the agents work on. */
  readonly folder: string;
  readonly server: ScriptedModelServer;
  readonly service: WorkflowService;
  /** The trial's own memories (in the copy). */
  readonly memory: ExtensionMemories;
  /** Closes the service, its memories and skills, and the server. */
  close(): Promise<void>;
}

export async function openScriptedTrial(request: TrialRequest): Promise<OpenedTrial> {
  const example = DEMO_EXAMPLES[TRIAL_WORKFLOW];
  if (!example) throw new Error(`no bundled example for the ${TRIAL_WORKFLOW} workflow`);
  const examples = join(request.extensionPath, 'examples');
  const scenario = await readScenarioFile(join(examples, example.scenario)).catch((error: unknown) => {
    throw new Error(`The bundled example's scenario could not be read (${example.scenario}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const folder = await mkdtemp(join(tmpdir(), `imperium-trial-${example.example}-`));
  await cp(join(examples, example.example), folder, { recursive: true });
  const server = await startScriptedModelServer(scenario);
  const closers: (() => unknown)[] = [() => server.close()];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const settings = new ScriptedTrialSettings(server.url, scenario.model);
    const workspaceFolder: vscode.WorkspaceFolder = { uri: vscode.Uri.file(folder), name: `${example.example} (scripted trial)`, index: 0 };
    const memory = await openExtensionMemories({
      workspaceStorage: stateFolderOf(folder),
      workspaceFolder: folder,
      globalStorage: join(folder, STATE_FOLDER, 'global-memory'),
      clock: new SystemClock(),
      logger: request.log,
      onDamage: (warning) => request.log.warn(warning),
    });
    closers.push(() => memory.close());
    const skills = await HostSkills.open({ folder: workspaceFolder, extension: request.extension, log: request.log });
    closers.push(() => skills.dispose());
    const service = await WorkflowService.open({
      folder: workspaceFolder,
      settings,
      apiKeys: new ApiKeyStore(request.secrets, settings),
      conductorTokens: request.conductorTokens,
      log: request.log,
      tests: new WorkspaceTestRunner(folder, { logger: request.log, defaultTimeoutMs: settings.testTimeoutMs(), sandbox: settings.testSandbox() }),
      memory,
      skills,
    });
    // The service closes its runtime and store in the background; the server goes last.
    closers.push(() => service.dispose());
    return { example, folder, server, service, memory, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The person's settings, but the model is the scripted server's, free, on the embedded engine. */
class ScriptedTrialSettings extends Settings {
  constructor(
    private readonly url: string,
    private readonly model: string,
  ) {
    super();
  }

  override modelProvider(): ModelProvider {
    return 'openai-compatible';
  }

  override modelBaseUrl(): string {
    return this.url;
  }

  override modelName(): string {
    return this.model;
  }

  override modelNameSet(): string {
    return this.model;
  }

  override modelRoles(): Partial<Record<never, string>> {
    return {};
  }

  override fallbackModel(): undefined {
    return undefined;
  }

  override embeddingModel(): undefined {
    return undefined;
  }

  override engine(): 'embedded' {
    return 'embedded';
  }

  override conductorUrl(): undefined {
    return undefined;
  }

  override conductorUiUrl(): undefined {
    return undefined;
  }

  /** The scenario's model is no real model: its calls cost nothing. */
  override prices(): PriceTable {
    return { [this.model]: { promptUsdPerMillion: 0, completionUsdPerMillion: 0 } };
  }

  override budgets(): Budgets {
    return {};
  }

  /** The Board's verdicts in the scenario decide; a review mode of the person's would wait on edits nobody asked for. */
  override reviewMode(): ReviewMode {
    return 'unlessBoardApproved';
  }

  override modelSeesImages(): boolean {
    return false;
  }
}
