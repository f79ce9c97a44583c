// Doom loops: an agent making the same tool call, with the same arguments, and getting the same
// result, again and again. The result is part of what counts: running the tests after each edit is
// the same call each time, but not a loop while what the tests say changes. Pure: fed the calls.
import { createHash } from 'node:crypto';
import type { AgentRole } from '../../shared/agents';
import type { Detection } from './detection';

export interface ObservedToolCall {
  readonly workflowId: string;
  readonly taskId?: string;
  readonly agent: AgentRole;
  readonly tool: string;
  /** The arguments as the model sent them (JSON text, possibly malformed). */
  readonly arguments: string;
  /** What the tool answered, as the model read it. */
  readonly result: string;
  readonly at: number;
}

export interface DoomLoopOptions {
  /** The same call this many times within the window is a loop. Default 3. */
  readonly repeats?: number;
  /** How many of an agent's latest calls are looked at. Default 12. */
  readonly window?: number;
}

export class DoomLoopDetector {
  private readonly repeats: number;
  private readonly window: number;
  /** Latest call signatures per workflow, task and agent. */
  private readonly recent = new Map<string, string[]>();

  constructor(options: DoomLoopOptions = {}) {
    this.repeats = options.repeats ?? 3;
    this.window = options.window ?? 12;
    if (!Number.isInteger(this.repeats) || this.repeats < 2) throw new RangeError(`repeats must be an integer >= 2, not ${this.repeats}.`);
    if (!Number.isInteger(this.window) || this.window < this.repeats) throw new RangeError(`window must be an integer >= repeats (${this.repeats}), not ${this.window}.`);
  }

  /** Reports the call that completes a loop; the count then starts over, so a loop is reported once per `repeats` calls. */
  observe(call: ObservedToolCall): Detection | undefined {
    const key = `${call.workflowId}\u0000${call.taskId ?? ''}\u0000${call.agent}`;
    const signature = signatureOf(call);
    const recent = this.recent.get(key) ?? [];
    recent.push(signature);
    if (recent.length > this.window) recent.shift();
    this.recent.set(key, recent);
    const times = recent.filter((seen) => seen === signature).length;
    if (times < this.repeats) return undefined;
    this.recent.set(key, recent.filter((seen) => seen !== signature));
    return {
      kind: 'doom-loop',
      workflowId: call.workflowId,
      ...(call.taskId !== undefined && { taskId: call.taskId }),
      agent: call.agent,
      summary: `${call.agent} called ${call.tool} with the same arguments ${times} times in its last ${recent.length} calls and got the same result each time: ${preview(call.arguments)}`,
      at: call.at,
    };
  }
}

function signatureOf(call: ObservedToolCall): string {
  return createHash('sha256').update(call.tool).update('\u0000').update(canonicalArguments(call.arguments)).update('\u0000').update(call.result).digest('hex');
}

/** Arguments that differ only in key order or spacing are the same call. */
function canonicalArguments(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
