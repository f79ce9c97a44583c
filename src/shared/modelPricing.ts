// The shapes of model choice and prices that the engine, the model clients and the hosts share:
// which model each agent role talks to, and what a million tokens cost: plain data, and the check a
// price table from settings or flags goes through (here so the editor's settings need no model code).
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

/** The table itself, or a RangeError naming the first price that is not a number of USD >= 0. */
export function validatePrices(prices: PriceTable): PriceTable {
  for (const [model, price] of Object.entries(prices)) {
    for (const field of ['promptUsdPerMillion', 'completionUsdPerMillion'] as const) {
      const value = price[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new RangeError(`prices["${model}"].${field} must be a number >= 0 (USD per million tokens), not ${String(value)}.`);
      }
    }
  }
  return prices;
}
