// Budgets: tokens, cost and attempts, per workflow and per agent within a workflow, counted from the
// engine's events (tokens events for tokens and cost, task starts for a workflow's attempts, agent
// starts for an agent's). Crossing a limit is reported once. Pure: fed events.
import type { AgentRole } from '../../shared/agents';
import type { EngineEvent } from '../../shared/events';
import type { Detection } from './detection';

export interface BudgetLimits {
  readonly tokens?: number;
  readonly costUsd?: number;
  readonly attempts?: number;
}

export interface Budgets {
  readonly perWorkflow?: BudgetLimits;
  readonly perAgent?: Readonly<Partial<Record<AgentRole, BudgetLimits>>>;
}

export interface Usage {
  tokens: number;
  costUsd: number;
  attempts: number;
}

export interface WorkflowUsage extends Usage {
  readonly byAgent: Partial<Record<AgentRole, Usage>>;
}

const MEASURES = ['tokens', 'costUsd', 'attempts'] as const;
type Measure = (typeof MEASURES)[number];

const describe: Readonly<Record<Measure, (value: number) => string>> = {
  tokens: (value) => `${value.toLocaleString('en')} tokens`,
  costUsd: (value) => `$${value.toFixed(4)}`,
  attempts: (value) => `${value} attempts`,
};

export class BudgetTracker {
  private readonly usage = new Map<string, WorkflowUsage>();
  private readonly reported = new Set<string>();

  constructor(private readonly budgets: Budgets) {
    for (const [scope, limits] of [['perWorkflow', budgets.perWorkflow], ...Object.entries(budgets.perAgent ?? {})] as const) {
      for (const measure of MEASURES) {
        const limit = limits?.[measure];
        if (limit !== undefined && (!Number.isFinite(limit) || limit < 0)) throw new RangeError(`The ${scope} ${measure} budget must be a number >= 0, not ${limit}.`);
      }
    }
  }

  /** Counts the event; returns the budgets it pushed over their limit. */
  observe(event: EngineEvent): Detection[] {
    if (event.workflowId === undefined) return [];
    const workflow = this.usageOf(event.workflowId);
    let agent: AgentRole | undefined;
    if (event.type === 'tokens') {
      agent = event.agent;
      for (const usage of [workflow, agentUsage(workflow, agent)]) {
        usage.tokens += event.usage.totalTokens;
        usage.costUsd += event.costUsd ?? 0;
      }
    } else if (event.type === 'task' && event.status === 'IN_PROGRESS') {
      workflow.attempts++;
    } else if (event.type === 'agent' && event.state === 'started') {
      agent = event.agent;
      agentUsage(workflow, agent).attempts++;
    } else {
      return [];
    }
    const detections = this.over(event.workflowId, undefined, workflow, this.budgets.perWorkflow, event);
    if (agent) detections.push(...this.over(event.workflowId, agent, agentUsage(workflow, agent), this.budgets.perAgent?.[agent], event));
    return detections;
  }

  /** What the workflow has used so far. */
  usageOf(workflowId: string): WorkflowUsage {
    let usage = this.usage.get(workflowId);
    if (!usage) this.usage.set(workflowId, (usage = { tokens: 0, costUsd: 0, attempts: 0, byAgent: {} }));
    return usage;
  }

  private over(workflowId: string, agent: AgentRole | undefined, usage: Usage, limits: BudgetLimits | undefined, event: EngineEvent): Detection[] {
    const detections: Detection[] = [];
    for (const measure of MEASURES) {
      const limit = limits?.[measure];
      const key = `${workflowId}\u0000${agent ?? ''}\u0000${measure}`;
      if (limit === undefined || usage[measure] <= limit || this.reported.has(key)) continue;
      this.reported.add(key);
      const whose = agent ? `${agent} in workflow ${workflowId}` : `workflow ${workflowId}`;
      detections.push({
        kind: 'budget',
        workflowId,
        ...(event.taskId !== undefined && { taskId: event.taskId }),
        ...(agent && { agent }),
        summary: `${whose} used ${describe[measure](usage[measure])}, over its budget of ${describe[measure](limit)}`,
        at: event.at,
      });
    }
    return detections;
  }
}

function agentUsage(workflow: WorkflowUsage, agent: AgentRole): Usage {
  let usage = workflow.byAgent[agent];
  if (!usage) workflow.byAgent[agent] = usage = { tokens: 0, costUsd: 0, attempts: 0 };
  return usage;
}
