// Typed reads of the `imperium.*` settings. Values are read when needed, so a change applies at once.
import { SYSTEM_CHROMIUM } from '../infra/browser/chromiumSession';
import * as vscode from 'vscode';
import { REVIEW_MODES, type ReviewMode } from '../core/approvals/reviewModes';
import { DEFAULT_GATEWAY_PORT } from '../gateway/http/gatewayPort';
import type { Budgets } from '../core/healing/budgetTracker';
import { DEFAULT_BASE_URL } from '../llm/endpoint';
import { DEFAULT_MODEL, DEFAULT_STEP_MODEL_MS, DEFAULT_TIMEOUT_MS } from '../llm/modelDefaults';
import { validatePrices } from '../shared/modelPricing';
import type { SandboxPolicy } from '../infra/sandbox/confinement';
import type { RuntimeSettings } from '../runtime/runtimeSettings';
import type { WorkflowLimits } from '../runtime/workflowCatalog';
import { type AgentRole, isAgentRole } from '../shared/agents';
import type { PriceTable } from '../shared/modelPricing';

export type ModelProvider = 'openai-compatible' | 'vscode-lm';

const DEFAULT_TEST_TIMEOUT_SECONDS = 120;

export class Settings {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('imperium');
  }

  modelBaseUrl(): string {
    return this.section.get<string>('model.baseUrl', DEFAULT_BASE_URL) || DEFAULT_BASE_URL;
  }

  modelProvider(): ModelProvider {
    return this.section.get<string>('model.provider') === 'vscode-lm' ? 'vscode-lm' : 'openai-compatible';
  }

  /** The default model; for vscode-lm, an empty name means the first model offered. */
  modelName(): string {
    const name = this.section.get<string>('model.name');
    return typeof name === 'string' ? name.trim() : DEFAULT_MODEL;
  }

  /**
   * The model name the person set (in any scope), undefined when only the default stands. For
   * vscode-lm the default (an OpenAI model's name) must not filter the models other extensions offer.
   */
  modelNameSet(): string | undefined {
    const inspected = this.section.inspect<string>('model.name');
    const set = [inspected?.workspaceFolderValue, inspected?.workspaceValue, inspected?.globalValue].find((value) => typeof value === 'string');
    return set === undefined ? undefined : set.trim();
  }

  /** The model the agents talk to by default: for vscode-lm only a name the person set ('' or undefined: the first offered). */
  effectiveModelName(): string {
    return this.modelProvider() === 'vscode-lm' ? (this.modelNameSet() ?? '') : this.modelName();
  }

  /** Per-role overrides; entries that are not a known role with a model name are ignored. */
  modelRoles(): Partial<Record<AgentRole, string>> {
    const roles = this.section.get<unknown>('model.roles');
    if (typeof roles !== 'object' || roles === null) return {};
    return Object.fromEntries(Object.entries(roles).filter(([role, model]) => isAgentRole(role) && typeof model === 'string' && model.trim() !== ''));
  }

  reviewMode(): ReviewMode {
    const mode = this.section.get<string>('review.mode');
    return (REVIEW_MODES as readonly string[]).includes(mode ?? '') ? (mode as ReviewMode) : 'unlessBoardApproved';
  }

  testTimeoutMs(): number {
    const seconds = this.section.get<number>('tests.timeoutSeconds', DEFAULT_TEST_TIMEOUT_SECONDS);
    return (Number.isFinite(seconds) && seconds >= 5 ? seconds : DEFAULT_TEST_TIMEOUT_SECONDS) * 1000;
  }

  /** The Chromium DesignBot, the design workflow and "Check this page's UI" use; never a downloaded one. */
  designBrowser(): string {
    const path = this.section.get<string>('design.browser', SYSTEM_CHROMIUM);
    return typeof path === 'string' && path.trim() !== '' ? path.trim() : SYSTEM_CHROMIUM;
  }

  codeLensEnabled(): boolean {
    return this.section.get<boolean>('codeLens.enabled', true);
  }

  /** Whether the editor serves the gateway's HTTP API; off unless the person turned it on. */
  gatewayHttpEnabled(): boolean {
    return this.section.get<boolean>('gateway.http.enabled', false) === true;
  }

  gatewayHttpPort(): number {
    const port = this.section.get<number>('gateway.http.port', DEFAULT_GATEWAY_PORT);
    return Number.isInteger(port) && port >= 0 && port <= 65_535 ? port : DEFAULT_GATEWAY_PORT;
  }

  /** How long one model call may take before it is cut off (the CLI's --model-timeout). */
  modelCallTimeoutMs(): number {
    return (this.positive('model.timeoutSeconds') ?? DEFAULT_TIMEOUT_MS / 1000) * 1000;
  }

  /** How long all the model calls of one step may take together (the CLI's --step-model-time). */
  stepModelTimeMs(): number {
    return (this.positive('model.stepTimeSeconds') ?? DEFAULT_STEP_MODEL_MS / 1000) * 1000;
  }

  /** Whether the configured model accepts images (screenshots of failed browser checks go to the Product Owner as advice). */
  modelSeesImages(): boolean {
    return this.section.get<boolean>('model.seesImages', false) === true;
  }

  /** Whether test runs may reach the network (the CLI's --allow-network); off unless the person turned it on. */
  testsAllowNetwork(): boolean {
    return this.section.get<boolean>('tests.allowNetwork', false) === true;
  }

  /** The sandbox policy of test runs, read when each run starts, so a changed setting applies to the next run. */
  testSandbox(): SandboxPolicy {
    const allowed = () => this.testsAllowNetwork();
    return {
      get allowNetwork() {
        return allowed();
      },
    };
  }

  /** Which engine runs the workflows: the embedded one unless the setting says conductor. */
  engine(): 'embedded' | 'conductor' {
    return this.section.get<string>('engine') === 'conductor' ? 'conductor' : 'embedded';
  }

  /** The Conductor server's address; undefined when none is set. */
  conductorUrl(): string | undefined {
    return this.trimmed('conductor.url');
  }

  /** The address of Conductor's UI, for links to a workflow's page; undefined when none is set. */
  conductorUiUrl(): string | undefined {
    return this.trimmed('conductor.uiUrl');
  }

  /** Whether approvals are also asked on the Conductor server as HUMAN tasks (default true). */
  conductorHumanTasks(): boolean {
    return this.section.get<boolean>('conductor.humanTasks') !== false;
  }

  /** The model the retry ladder falls back to; undefined when none is set. */
  fallbackModel(): string | undefined {
    return this.trimmed('model.fallback');
  }

  /** The embedding model long-term memory recalls by meaning with; undefined: recall is by words only. */
  embeddingModel(): string | undefined {
    return this.trimmed('memory.embeddingModel');
  }

  /** Prices by model; a table that is not valid is reported through `onInvalid` and none is used. */
  prices(onInvalid: (message: string) => void): PriceTable | undefined {
    const prices = this.section.get<unknown>('model.prices');
    if (prices === undefined || prices === null || (typeof prices === 'object' && Object.keys(prices).length === 0)) return undefined;
    try {
      if (typeof prices !== 'object' || Array.isArray(prices)) throw new RangeError('it must be an object of model names to prices.');
      return validatePrices(prices as PriceTable);
    } catch (error) {
      onInvalid(`imperium.model.prices is ignored: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A workflow's budgets; 0 (the default) means no limit. */
  budgets(): Budgets {
    const tokens = this.positive('budgets.tokensPerWorkflow');
    const costUsd = this.positive('budgets.costUsdPerWorkflow');
    return tokens === undefined && costUsd === undefined ? {} : { perWorkflow: { ...(tokens !== undefined && { tokens }), ...(costUsd !== undefined && { costUsd }) } };
  }

  /** The agents' limits the settings set; the rest keep their defaults. */
  limits(): Partial<WorkflowLimits> {
    const whole = (key: string) => {
      const value = this.positive(key);
      return value === undefined ? undefined : Math.floor(value);
    };
    const redAttempts = whole('limits.redAttempts');
    const greenAttempts = whole('limits.greenAttempts');
    const agentSteps = whole('limits.agentSteps');
    const memoryTokens = whole('limits.memoryTokens');
    return {
      testTimeoutMs: this.testTimeoutMs(),
      ...(redAttempts !== undefined && { redAttempts }),
      ...(greenAttempts !== undefined && { greenAttempts }),
      ...(agentSteps !== undefined && { agentSteps }),
      ...(memoryTokens !== undefined && { memoryTokens }),
    };
  }

  /** Everything the runtime is opened with, as the settings say now (the CLI fills the same from its flags). */
  runtimeSettings(onInvalid: (message: string) => void): RuntimeSettings {
    const fallbackModel = this.fallbackModel();
    const prices = this.prices(onInvalid);
    const budgets = this.budgets();
    return {
      models: { default: this.effectiveModelName() || 'the first offered model', byRole: this.modelRoles() },
      ...(fallbackModel !== undefined && { fallbackModel }),
      ...(prices && { prices }),
      ...(budgets.perWorkflow && { budgets }),
      limits: this.limits(),
      ...(this.modelSeesImages() && { modelSeesImages: true }),
    };
  }

  private trimmed(key: string): string | undefined {
    const value = this.section.get<string>(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  private positive(key: string): number | undefined {
    const value = this.section.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  }
}
