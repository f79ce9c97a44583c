// The agents' model, as the settings say now: an OpenAI-compatible endpoint with the key from
// SecretStorage, or a model another extension offers through vscode.lm. Each call uses the current
// settings, so changing the endpoint or the model applies to the next call, mid-workflow included.
// Built with a model name (the fallback model), every role talks to that model instead. Each call
// is cut off after imperium.model.timeoutSeconds.
import type { ChatRequest, ChatResponse, EventSink, Logger, ModelClient } from '../../core/ports';
import { withCallDeadline } from '../../llm/callDeadline';
import { DEFAULT_MODEL } from '../../llm/modelDefaults';
import { OpenAiCompatibleClient } from '../../llm/openAiCompatibleClient';
import type { PriceTable } from '../../shared/modelPricing';
import type { ApiKeyStore } from '../apiKeyStore';
import { LanguageModelClient } from '../llm/languageModelClient';
import type { Settings } from '../settings';

export class SettingsModelClient implements ModelClient {
  private current: { readonly key: string; readonly client: ModelClient } | undefined;
  private warned: string | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly apiKeys: ApiKeyStore,
    private readonly events: EventSink,
    private readonly logger: Logger,
    /** Every role talks to this model, whatever `imperium.model.name` and `.roles` say. */
    private readonly model?: string,
  ) {}

  chat(request: ChatRequest): Promise<ChatResponse> {
    return this.client().chat(request);
  }

  private client(): ModelClient {
    const provider = this.settings.modelProvider();
    const roles = this.model === undefined ? this.settings.modelRoles() : {};
    // For vscode-lm the default name is no filter: only a name the person set picks a model.
    const name = this.model ?? this.settings.effectiveModelName();
    const baseUrl = this.settings.modelBaseUrl();
    const prices = this.settings.prices((message) => this.warnOnce(message));
    const timeoutMs = this.settings.modelCallTimeoutMs();
    const key = JSON.stringify({ provider, roles, name, baseUrl, prices, timeoutMs });
    if (this.current?.key !== key) this.current = { key, client: this.build(provider, baseUrl, name, roles, prices, timeoutMs) };
    return this.current.client;
  }

  private warnOnce(message: string): void {
    if (message === this.warned) return;
    this.warned = message;
    this.logger.warn(message);
  }

  private build(provider: string, baseUrl: string, name: string, roles: ReturnType<Settings['modelRoles']>, prices: PriceTable | undefined, timeoutMs: number): ModelClient {
    if (provider === 'vscode-lm') {
      const client = new LanguageModelClient({ modelFor: (role) => roles[role] ?? (name || undefined), events: this.events, logger: this.logger });
      return withCallDeadline(client, timeoutMs, 'imperium.model.timeoutSeconds');
    }
    return new OpenAiCompatibleClient({
      baseUrl,
      apiKey: () => this.apiKeys.get(),
      missingKeyHelp: 'Run "Imperium: Set API Key" to store one, or set imperium.model.provider to "vscode-lm" to use a model another extension offers.',
      models: { default: name || DEFAULT_MODEL, byRole: roles },
      ...(prices && { prices }),
      timeoutMs,
      events: this.events,
      logger: this.logger,
    });
  }
}
