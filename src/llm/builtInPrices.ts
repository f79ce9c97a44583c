// Prices of common models, built in: the bundled catalogue of @pydantic/genai-prices (maintained by
// Pydantic from the providers' price pages), read offline. Nothing here fetches prices at run time.
import { calcPrice } from '@pydantic/genai-prices';
import type { TokenUsage } from '../shared/events';
import type { ModelPrice, PriceTable } from '../shared/modelPricing';

/** Where the built-in prices come from, for the README, the help texts and the report. */
export const BUILT_IN_PRICES_SOURCE = 'built-in prices of @pydantic/genai-prices';

/** The catalogue's cost of one call on `model` in USD, or undefined when it does not know the model. */
export function builtInCallCostUsd(usage: TokenUsage, model: string): number | undefined {
  if (!model.trim()) return undefined;
  const priced = calcPrice({ input_tokens: usage.promptTokens, output_tokens: usage.completionTokens }, model);
  return priced ? priced.total_price : undefined;
}

/**
 * The catalogue's price of `model` per million tokens (its base tier: a thousand tokens of each kind,
 * scaled), or undefined when it does not know the model.
 */
export function builtInPrice(model: string): ModelPrice | undefined {
  if (!model.trim()) return undefined;
  const priced = calcPrice({ input_tokens: 1000, output_tokens: 1000 }, model);
  if (!priced) return undefined;
  return { promptUsdPerMillion: round(priced.input_price * 1000), completionUsdPerMillion: round(priced.output_price * 1000) };
}

/** A price table for `models`: the person's own prices first, the catalogue's for the models they did not price. */
export function pricesWithBuiltIns(models: readonly string[], own: PriceTable = {}): PriceTable {
  const table: Record<string, ModelPrice> = {};
  for (const model of models) {
    const price = builtInPrice(model);
    if (price) table[model] = price;
  }
  return { ...table, ...own };
}

/** Rounded to a millionth of a dollar per million tokens, so float noise does not show. */
function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
