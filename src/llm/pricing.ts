// What a model call cost: the person's prices first, then the built-in catalogue. No price, no cost:
// a guess would mislead budgets.
import type { TokenUsage } from '../shared/events';
import type { PriceTable } from '../shared/modelPricing';
import { builtInCallCostUsd } from './builtInPrices';

export type { ModelPrice, PriceTable } from '../shared/modelPricing';

/**
 * The cost of one call, priced by the first of `models` that `prices` has (the model asked for, then
 * the one the server says answered, which may be a dated variant), else by the first the built-in
 * catalogue knows; undefined when neither knows any.
 */
export function callCostUsd(usage: TokenUsage, models: readonly string[], prices: PriceTable): number | undefined {
  const price = models.map((model) => (Object.hasOwn(prices, model) ? prices[model] : undefined)).find((found) => found !== undefined);
  if (price) return (usage.promptTokens * price.promptUsdPerMillion + usage.completionTokens * price.completionUsdPerMillion) / 1_000_000;
  return models.map((model) => builtInCallCostUsd(usage, model)).find((cost) => cost !== undefined);
}
