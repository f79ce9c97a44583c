// Which model each agent role talks to and what models cost: settings the engine (forecasts,
// budgets), the model clients and the hosts all read, so they live here, with no behaviour.
import type { AgentRole } from './agents';

export interface ModelChoice {
  readonly default: string;
  readonly byRole?: Readonly<Partial<Record<AgentRole, string>>>;
}

export interface ModelPrice {
  /** USD per million prompt (input) tokens. */
  readonly promptUsdPerMillion: number;
  /** USD per million completion (output) tokens. */
  readonly completionUsdPerMillion: number;
}

/** Prices by model name, as the model is named in requests. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;
