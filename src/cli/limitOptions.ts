// The feature workflow's bounds as CLI options: how long a test run may take, how many tries the
// red and green phases get, how many model calls an agent run may make, how much memory goes into
// an agent's task, and the token budget the self-healing layer holds a workflow to.
import type { Budgets } from '../core/healing/budgetTracker';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../runtime/workflowCatalog';
import { UsageError } from './cliCommand';

export const LIMIT_OPTIONS = {
  'test-timeout': { type: 'string' },
  'red-attempts': { type: 'string' },
  'green-attempts': { type: 'string' },
  'agent-steps': { type: 'string' },
  'memory-tokens': { type: 'string' },
  'budget-tokens': { type: 'string' },
  'budget-cost': { type: 'string' },
} as const;

export const LIMIT_USAGE = `Limits:
  --test-timeout <ms>    A test run taking longer is killed and reported timed out (default ${DEFAULT_WORKFLOW_LIMITS.testTimeoutMs}).
  --red-attempts <n>     TestBot's tries at tests that fail for the right reason (default ${DEFAULT_WORKFLOW_LIMITS.redAttempts}).
  --green-attempts <n>   CodeBot's tries at making them pass (default ${DEFAULT_WORKFLOW_LIMITS.greenAttempts}).
  --agent-steps <n>      Model calls per agent run (default ${DEFAULT_WORKFLOW_LIMITS.agentSteps}).
  --memory-tokens <n>    Tokens of memory packed into an agent's task (default ${DEFAULT_WORKFLOW_LIMITS.memoryTokens}).
  --budget-tokens <n>    Tokens a workflow may use; past them, a person must decide (none by default).
                         The forecast printed before a run says what earlier runs here used.
  --budget-cost <usd>    Dollars a workflow may spend, priced by --prices; past them, a person must
                         decide (none by default).`;

type LimitValues = Partial<Record<keyof typeof LIMIT_OPTIONS, string>>;

export function parseLimits(values: LimitValues): Partial<WorkflowLimits> {
  return {
    ...positive(values['test-timeout'], '--test-timeout', 'testTimeoutMs'),
    ...positive(values['red-attempts'], '--red-attempts', 'redAttempts'),
    ...positive(values['green-attempts'], '--green-attempts', 'greenAttempts'),
    ...positive(values['agent-steps'], '--agent-steps', 'agentSteps'),
    ...positive(values['memory-tokens'], '--memory-tokens', 'memoryTokens'),
  };
}

export function parseBudgets(values: LimitValues): Budgets {
  const tokens = values['budget-tokens'];
  const cost = values['budget-cost'];
  if (tokens === undefined && cost === undefined) return {};
  return {
    perWorkflow: {
      ...(tokens !== undefined && { tokens: positiveNumber(tokens, '--budget-tokens') }),
      ...(cost !== undefined && { costUsd: positiveAmount(cost, '--budget-cost') }),
    },
  };
}

function positiveAmount(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value <= 0) throw new UsageError(`${option} takes a positive amount of US dollars, e.g. 0.50, not "${text}".`);
  return value;
}

function positive(text: string | undefined, option: string, key: keyof WorkflowLimits): Partial<WorkflowLimits> {
  return text === undefined ? {} : { [key]: positiveNumber(text, option) };
}

function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${option} takes a positive whole number, not "${text}".`);
  return value;
}
