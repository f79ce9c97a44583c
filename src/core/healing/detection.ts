// What a detector reports: which workflow (and task, and agent) is in trouble, what kind of trouble,
// and a line a person (and the agent, on its next attempt) can read.
import type { AgentRole } from '../../shared/agents';
import type { HealingFailure } from '../../shared/events';

export type DetectionKind = Extract<HealingFailure, 'timeout' | 'stall' | 'doom-loop' | 'ping-pong' | 'deadlock' | 'budget'>;

export interface Detection {
  readonly kind: DetectionKind;
  readonly workflowId: string;
  readonly taskId?: string;
  readonly agent?: AgentRole;
  readonly summary: string;
  /** Epoch milliseconds. */
  readonly at: number;
}
