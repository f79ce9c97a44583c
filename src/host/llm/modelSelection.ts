// Which vscode.lm model a role talks to: the one whose id, family or "vendor/id" is named, or the
// first one offered when none is named. Free of 'vscode': it works on what selectChatModels lists.
import { ModelError } from '../../core/ports';
import type { AgentRole } from '../../shared/agents';

export interface OfferedModel {
  readonly id: string;
  readonly family: string;
  readonly vendor: string;
  readonly name: string;
}

/** How a model is named in events, logs and messages; also accepted as a model choice. */
export function modelLabel(model: OfferedModel): string {
  return `${model.vendor}/${model.id}`;
}

export function selectModel<Model extends OfferedModel>(offered: readonly Model[], wanted: string | undefined, role: AgentRole): Model {
  const name = wanted?.trim() || undefined;
  if (offered.length === 0) {
    throw new ModelError(
      'bad-request',
      `No extension offers a language model through VS Code's Language Model API${name ? ` (${role} asked for "${name}")` : ''}. ` +
        'Install and sign in to one that does (GitHub Copilot Chat, for example), or use an OpenAI-compatible endpoint instead.',
    );
  }
  if (name === undefined) return offered[0];
  const chosen =
    offered.find((model) => model.id === name || modelLabel(model) === name) ?? offered.find((model) => model.family === name);
  if (chosen) return chosen;
  throw new ModelError(
    'bad-request',
    `No language model with the id or family "${name}" (asked for ${role}) is offered through VS Code's Language Model API. ` +
      `Offered: ${describeOffered(offered)}. Name one of these ids or families instead.`,
  );
}

/** The offered models, for a message: "copilot/gpt-4o (family gpt-4o), ...". */
export function describeOffered(offered: readonly OfferedModel[]): string {
  if (offered.length === 0) return 'none';
  return offered.map((model) => `${modelLabel(model)} (family ${model.family})`).join(', ');
}
