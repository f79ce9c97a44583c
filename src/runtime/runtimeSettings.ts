// The one settings object the runtime is opened with. The editor fills it from its `imperium.*`
// settings, the CLI from its flags and environment; both mean the same by every field.
import type { Budgets } from '../core/healing/budgetTracker';
import type { LadderPolicy } from '../core/healing/retryLadder';
import type { StallLimits } from '../core/healing/stallDetector';
import type { ModelChoice, PriceTable } from '../shared/modelPricing';
import type { WorkflowLimits } from '../shared/workflowLimits';

export interface RuntimeSettings {
  /** The model each agent role talks to (what forecasts price); the model port is built for the same. */
  readonly models: ModelChoice;
  /** The model the retry ladder falls back to, on the same endpoint; without one that rung is passed over. */
  readonly fallbackModel?: string;
  /** USD per million tokens by model name, for costs, budgets and forecasts; a model without a price has no cost. */
  readonly prices?: PriceTable;
  /** Tokens, cost and attempts a workflow (or one agent in it) may use before a person must decide. */
  readonly budgets?: Budgets;
  /** Tries, model calls per agent run, the test-run timeout and memory tokens; each has a default. */
  readonly limits?: Partial<WorkflowLimits>;
  readonly healing?: HealingSettings;
  /** The model accepts images: screenshots of failed browser checks go to the Product Owner for advice (never a gate). */
  readonly modelSeesImages?: boolean;
}

/** The self-healing layer's finer settings; every one has a default (tests shorten them). */
export interface HealingSettings {
  /** Silence allowed per activity before a stall or a response timeout. */
  readonly stallLimits?: StallLimits;
  /** How long nothing may run before a deadlock. */
  readonly deadlockGraceMs?: number;
  /** How often the clock-driven detectors look. */
  readonly checkEveryMs?: number;
  readonly ladder?: LadderPolicy;
}
