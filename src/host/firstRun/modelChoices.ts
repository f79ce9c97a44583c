// What the model picker offers: the configured endpoint's models and the vscode.lm models other
// extensions offer, merged into sections, with the current choice marked and, where a section has
// nothing to offer, the reason and what fixes it. Free of 'vscode', so it runs under plain mocha.
import { IMPERIUM_LM_VENDOR } from '../llm/imperiumVendor';
import { modelLabel, type OfferedModel } from '../llm/modelSelection';
import type { ModelProvider } from '../settings';

/** What GET {baseUrl}/models gave: the ids, or why there are none. */
export type EndpointListing =
  | { readonly baseUrl: string; readonly models: readonly string[] }
  | { readonly baseUrl: string; readonly problem: string; readonly fix: ProblemFix };

/** What a person can do about an empty section. */
export type ProblemFix = 'set-api-key' | 'open-endpoint-setting' | 'none';

/** One model to pick: picking it writes imperium.model.provider and imperium.model.name. */
export interface ModelChoice {
  readonly provider: ModelProvider;
  /** The value for imperium.model.name: the endpoint's model id, or "vendor/id" for vscode.lm. */
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly current: boolean;
}

export interface ChoiceSection {
  readonly title: string;
  readonly choices: readonly ModelChoice[];
  /** Why the section offers nothing, when it does not. */
  readonly problem?: { readonly message: string; readonly fix: ProblemFix };
}

/** The settings as they stand: the provider and the model name the person set (undefined: the default). */
export interface CurrentModel {
  readonly provider: ModelProvider;
  readonly name: string | undefined;
}

export const NO_LM_MODELS = "No extension offers a language model through VS Code's Language Model API (GitHub Copilot Chat does, once signed in).";

export function modelChoices(endpoint: EndpointListing, offered: readonly OfferedModel[], current: CurrentModel): ChoiceSection[] {
  const host = hostOf(endpoint.baseUrl);
  const endpointSection: ChoiceSection =
    'models' in endpoint
      ? {
          title: `Endpoint ${host}`,
          choices: endpoint.models.map((id) => ({
            provider: 'openai-compatible',
            name: id,
            label: id,
            description: host,
            current: current.provider === 'openai-compatible' && current.name === id,
          })),
          ...(endpoint.models.length === 0 && { problem: { message: `The endpoint ${endpoint.baseUrl} lists no models.`, fix: 'open-endpoint-setting' as const } }),
        }
      : { title: `Endpoint ${host}`, choices: [], problem: { message: endpoint.problem, fix: endpoint.fix } };
  const seen = new Set<string>();
  const lmChoices: ModelChoice[] = [];
  for (const model of offered) {
    // Imperium's own provider is the endpoint above, offered again through vscode.lm.
    if (model.vendor === IMPERIUM_LM_VENDOR) continue;
    const name = modelLabel(model);
    if (seen.has(name)) continue;
    seen.add(name);
    lmChoices.push({
      provider: 'vscode-lm',
      name,
      label: model.name || model.id,
      description: `${name} (VS Code Language Model API)`,
      current: current.provider === 'vscode-lm' && (current.name === name || current.name === model.id),
    });
  }
  const lmSection: ChoiceSection = { title: 'VS Code Language Model API', choices: lmChoices, ...(lmChoices.length === 0 && { problem: { message: NO_LM_MODELS, fix: 'none' as const } }) };
  return [endpointSection, lmSection];
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
