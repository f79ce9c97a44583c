// The forecast shown before a run: what it will likely cost, from a plan of model calls per role
// (taken from earlier runs' token events, or written by hand) and the configured models and prices.
// No price, no cost: the forecast names the models it could not price instead of guessing.
import type { AgentRole } from '../../shared/agents';
import type { EngineEvent } from '../../shared/events';
import type { ModelChoice, PriceTable } from '../../shared/modelChoice';
import type { BudgetLimits, Budgets } from './budgetTracker';

/** Expected model calls of one role in one run, with average tokens per call. */
export interface PlannedCalls {
  readonly role: AgentRole;
  readonly calls: number;
  readonly promptTokensPerCall: number;
  readonly completionTokensPerCall: number;
}

export interface RoleForecast {
  readonly role: AgentRole;
  readonly model: string;
  readonly tokens: number;
  /** Undefined when the model has no price. */
  readonly costUsd?: number;
}

export interface Forecast {
  readonly tokens: number;
  /** The priced part of the run; undefined when no model of the run has a price. */
  readonly costUsd?: number;
  readonly byRole: readonly RoleForecast[];
  /** Models of the run without a price, whose cost is not in costUsd. */
  readonly unpriced: readonly string[];
}

export function forecastRun(plan: readonly PlannedCalls[], models: ModelChoice, prices: PriceTable): Forecast {
  const byRole = plan.map<RoleForecast>((planned) => {
    for (const field of ['calls', 'promptTokensPerCall', 'completionTokensPerCall'] as const) {
      if (!Number.isFinite(planned[field]) || planned[field] < 0) throw new RangeError(`The plan for ${planned.role} has ${field} ${planned[field]}; it must be a number >= 0.`);
    }
    const model = models.byRole?.[planned.role] ?? models.default;
    const prompt = planned.calls * planned.promptTokensPerCall;
    const completion = planned.calls * planned.completionTokensPerCall;
    const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
    const costUsd = price && (prompt * price.promptUsdPerMillion + completion * price.completionUsdPerMillion) / 1_000_000;
    return { role: planned.role, model, tokens: Math.round(prompt + completion), ...(costUsd !== undefined && { costUsd }) };
  });
  const priced = byRole.filter((role) => role.costUsd !== undefined);
  return {
    tokens: byRole.reduce((total, role) => total + role.tokens, 0),
    ...(priced.length > 0 && { costUsd: priced.reduce((total, role) => total + (role.costUsd ?? 0), 0) }),
    byRole,
    unpriced: [...new Set(byRole.filter((role) => role.costUsd === undefined && role.tokens > 0).map((role) => role.model))].sort(),
  };
}

/**
 * A plan from earlier runs: for each role, its model calls per workflow and tokens per call,
 * averaged over the workflows in `events` (the engine's event log) that made calls.
 */
export function planFromHistory(events: readonly EngineEvent[]): PlannedCalls[] {
  const byRole = new Map<AgentRole, { calls: number; prompt: number; completion: number; workflows: Set<string> }>();
  for (const event of events) {
    if (event.type !== 'tokens' || event.workflowId === undefined) continue;
    let totals = byRole.get(event.agent);
    if (!totals) byRole.set(event.agent, (totals = { calls: 0, prompt: 0, completion: 0, workflows: new Set() }));
    totals.calls++;
    totals.prompt += event.usage.promptTokens;
    totals.completion += event.usage.completionTokens;
    totals.workflows.add(event.workflowId);
  }
  return [...byRole].map(([role, totals]) => ({
    role,
    calls: totals.calls / totals.workflows.size,
    promptTokensPerCall: totals.prompt / totals.calls,
    completionTokensPerCall: totals.completion / totals.calls,
  }));
}

/** What in the forecast would exceed a per-workflow or per-agent budget, one line each; empty when it fits. */
export function overBudget(forecast: Forecast, budgets: Budgets): string[] {
  const problems: string[] = [];
  const workflow = budgets.perWorkflow;
  if (workflow?.tokens !== undefined && forecast.tokens > workflow.tokens) problems.push(`the run is forecast to use ${forecast.tokens.toLocaleString('en')} tokens, over the workflow budget of ${workflow.tokens.toLocaleString('en')}`);
  if (workflow?.costUsd !== undefined && (forecast.costUsd ?? 0) > workflow.costUsd) problems.push(`the run is forecast to cost $${(forecast.costUsd ?? 0).toFixed(4)}, over the workflow budget of $${workflow.costUsd.toFixed(4)}`);
  for (const role of forecast.byRole) {
    const limits = budgets.perAgent?.[role.role];
    if (limits?.tokens !== undefined && role.tokens > limits.tokens) problems.push(`${role.role} is forecast to use ${role.tokens.toLocaleString('en')} tokens, over its budget of ${limits.tokens.toLocaleString('en')}`);
    if (limits?.costUsd !== undefined && (role.costUsd ?? 0) > limits.costUsd) problems.push(`${role.role} is forecast to cost $${(role.costUsd ?? 0).toFixed(4)}, over its budget of $${limits.costUsd.toFixed(4)}`);
  }
  return problems;
}

/** What the hosts show before a run: the forecast from earlier runs, what it would break, in lines a person reads. */
export interface RunForecast {
  /** Earlier workflows the forecast is drawn from; 0 means there is no forecast yet. */
  readonly runs: number;
  readonly forecast?: Forecast;
  /** What the forecast would break, one line each (overBudget). */
  readonly overBudget: readonly string[];
  readonly lines: readonly string[];
}

export interface ForecastSettings {
  readonly models: ModelChoice;
  readonly prices?: PriceTable;
  readonly budgets?: Budgets;
}

/** The forecast of the next run from the earlier runs in `history` (the engine's event log). */
export function forecastFromHistory(history: readonly EngineEvent[], settings: ForecastSettings): RunForecast {
  const runs = new Set(history.flatMap((event) => (event.type === 'tokens' && event.workflowId !== undefined ? [event.workflowId] : []))).size;
  const limits = budgetLines(settings.budgets ?? {});
  if (runs === 0) return { runs, overBudget: [], lines: ['Forecast: none yet, no earlier run here to draw it from.', ...limits] };
  const forecast = forecastRun(planFromHistory(history), settings.models, settings.prices ?? {});
  const problems = overBudget(forecast, settings.budgets ?? {});
  const cost = forecast.costUsd === undefined ? 'cost unknown (no price set)' : `about $${forecast.costUsd.toFixed(4)}`;
  const lines = [
    `Forecast from ${runs} earlier run${runs === 1 ? '' : 's'}: about ${forecast.tokens.toLocaleString('en')} tokens, ${cost}${forecast.unpriced.length > 0 && forecast.costUsd !== undefined ? ` (no price for ${forecast.unpriced.join(', ')})` : ''}.`,
    ...forecast.byRole.map((role) => `  ${role.role.padEnd(14)} ${role.model}: ${role.tokens.toLocaleString('en')} tokens${role.costUsd === undefined ? '' : `, $${role.costUsd.toFixed(4)}`}`),
    ...limits,
    ...problems.map((problem) => `  Over budget: ${problem}.`),
  ];
  return { runs, forecast, overBudget: problems, lines };
}

function budgetLines(budgets: Budgets): string[] {
  const describe = (limits: BudgetLimits) =>
    [
      limits.tokens !== undefined && `${limits.tokens.toLocaleString('en')} tokens`,
      limits.costUsd !== undefined && `$${limits.costUsd.toFixed(4)}`,
      limits.attempts !== undefined && `${limits.attempts} attempts`,
    ].filter(Boolean);
  const parts = [
    ...(budgets.perWorkflow && describe(budgets.perWorkflow).length > 0 ? [`${describe(budgets.perWorkflow).join(', ')} per workflow`] : []),
    ...Object.entries(budgets.perAgent ?? {}).flatMap(([role, limits]) => (limits && describe(limits).length > 0 ? [`${describe(limits).join(', ')} for ${role}`] : [])),
  ];
  return parts.length > 0 ? [`Budgets: ${parts.join('; ')}.`] : [];
}
