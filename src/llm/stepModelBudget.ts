// A total for the model calls of one step: each call already has its own deadline (the client's
// timeout), but a step whose agent makes call after slow call could still run for an hour. The time
// its calls take adds up per workflow task, and once the total is spent the next call fails at once
// with a ModelError('timeout') that says so, which ends the agent run like any failed call.
import { ModelError, type ChatRequest, type ChatResponse, type ModelClient } from '../core/ports';

export class StepModelBudget {
  private readonly spentMs = new Map<string, number>();

  constructor(
    /** Milliseconds of model calls one step (workflow task) may use. */
    readonly totalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(totalMs) || totalMs <= 0) throw new RangeError(`A step's model time must be a positive number of milliseconds, not ${totalMs}.`);
  }

  /** `client` with its calls counted against their step's total. */
  wrap(client: ModelClient): ModelClient {
    const { embed } = client;
    return { chat: (request) => this.chat(client, request), ...(embed && { embed: (texts, signal) => embed.call(client, texts, signal) }) };
  }

  private async chat(client: ModelClient, request: ChatRequest): Promise<ChatResponse> {
    const key = request.taskId === undefined ? undefined : `${request.workflowId ?? ''}\u0000${request.taskId}`;
    const spent = key === undefined ? 0 : (this.spentMs.get(key) ?? 0);
    if (spent >= this.totalMs) {
      throw new ModelError('timeout', `The model calls of this step took ${Math.round(spent / 1000)} s in all, the most a step may use (${Math.round(this.totalMs / 1000)} s).`);
    }
    const started = this.now();
    try {
      return await client.chat(request);
    } finally {
      if (key !== undefined) this.spentMs.set(key, spent + (this.now() - started));
    }
  }
}
