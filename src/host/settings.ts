// Typed reads of the `imperium.*` settings. Values are read when needed, so a change applies at once.
import * as vscode from 'vscode';
import { REVIEW_MODES, type ReviewMode } from '../core/approvals/reviewGate';
import { DEFAULT_BASE_URL } from '../llm/endpoint';
import { type AgentRole, isAgentRole } from '../shared/agents';

export type ModelProvider = 'openai-compatible' | 'vscode-lm';

const DEFAULT_MODEL = 'gpt-4o-mini';
const DEFAULT_TEST_TIMEOUT_SECONDS = 120;
const DEFAULT_GATEWAY_PORT = 7391;

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
}
