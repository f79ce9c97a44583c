// What a model call cost, from configured prices. No price, no cost: a guess would mislead budgets.
import type { TokenUsage } from '../shared/events';
import type { PriceTable } from '../shared/modelChoice';

/**
 * The cost of one call, priced by the first of `models` that has a price (the model asked for,
 * then the one the server says answered, which may be a dated variant); undefined when none has.
 */
export function callCostUsd(usage: TokenUsage, models: readonly string[], prices: PriceTable): number | undefined {
  const price = models.map((model) => (Object.hasOwn(prices, model) ? prices[model] : undefined)).find((found) => found !== undefined);
  if (!price) return undefined;
  return (usage.promptTokens * price.promptUsdPerMillion + usage.completionTokens * price.completionUsdPerMillion) / 1_000_000;
}

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
