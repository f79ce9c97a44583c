// How long model calls may take, as CLI options: each call (--model-timeout), and all the calls of
// one step together (--step-model-time). A reply that never ends is cut off at the first; an agent
// that makes slow call after slow call, at the second.
import { DEFAULT_STEP_MODEL_MS, DEFAULT_TIMEOUT_MS } from '../llm/modelDefaults';
import { UsageError } from './cliCommand';

export const MODEL_LIMIT_OPTIONS = {
  'model-timeout': { type: 'string' },
  'step-model-time': { type: 'string' },
} as const;

export const MODEL_LIMIT_USAGE = `Model time:
  --model-timeout <s>    A model call not finished after this many seconds is cut off (default ${DEFAULT_TIMEOUT_MS / 1000}; also $IMPERIUM_MODEL_TIMEOUT).
  --step-model-time <s>  Seconds all the model calls of one step may take together (default ${DEFAULT_STEP_MODEL_MS / 1000}).`;

export interface ModelTimeLimits {
  readonly callTimeoutMs: number;
  readonly stepTotalMs: number;
}

export function parseModelTimeLimits(values: Partial<Record<keyof typeof MODEL_LIMIT_OPTIONS, string>>, env: NodeJS.ProcessEnv = process.env): ModelTimeLimits {
  const call = values['model-timeout'] ?? env.IMPERIUM_MODEL_TIMEOUT;
  return {
    callTimeoutMs: call === undefined ? DEFAULT_TIMEOUT_MS : seconds(call, values['model-timeout'] === undefined ? '$IMPERIUM_MODEL_TIMEOUT' : '--model-timeout'),
    stepTotalMs: values['step-model-time'] === undefined ? DEFAULT_STEP_MODEL_MS : seconds(values['step-model-time'], '--step-model-time'),
  };
}

function seconds(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value <= 0) throw new UsageError(`${option} takes a positive number of seconds, not "${text}".`);
  return Math.round(value * 1000);
}
