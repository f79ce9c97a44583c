// Stalls and response timeouts: a workflow with a task in progress must show progress (any event
// of its own) within the limit for what it is doing now, which its last event tells: after an
// agent's step event it waits for a model reply; after a reply or a tool result it runs tools;
// after a test run starts it waits for the run. While the retry ladder waits for a person, nothing
// is late. Pure: fed events, asked with the time.
import type { AgentRole } from '../../shared/agents';
import type { EngineEvent } from '../../shared/events';
import type { Detection } from './detection';

export type Activity = 'model-call' | 'tool-call' | 'test-run' | 'other';

/** Milliseconds without progress allowed per activity. */
export type StallLimits = Readonly<Record<Activity, number>>;

export const DEFAULT_STALL_LIMITS: StallLimits = {
  'model-call': 180_000,
  'tool-call': 120_000,
  'test-run': 600_000,
  other: 300_000,
};

interface Watched {
  taskId: string | undefined;
  agent: AgentRole | undefined;
  /** 'person' while the retry ladder waits for a person's answer: that silence has no limit. */
  activity: Activity | 'person';
  since: number;
  reported: boolean;
}

const DESCRIBED: Readonly<Record<Activity, string>> = {
  'model-call': 'waiting for a model reply',
  'tool-call': 'running a tool',
  'test-run': 'waiting for a test run',
  other: 'running its step',
};

export class StallDetector {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly limits: StallLimits = DEFAULT_STALL_LIMITS) {
    for (const [activity, limit] of Object.entries(limits)) {
      if (!Number.isFinite(limit) || limit <= 0) throw new RangeError(`The stall limit for ${activity} must be a number of milliseconds > 0, not ${limit}.`);
    }
  }

  observe(event: EngineEvent): void {
    if (event.workflowId === undefined) return;
    const { workflowId } = event;
    if (event.type === 'healing') {
      const watched = this.watched.get(workflowId);
      if (watched && event.action === 'ask-human' && event.choice === undefined) watched.activity = 'person';
      return;
    }
    if (event.type === 'workflow') {
      if (event.status !== 'RUNNING') this.watched.delete(workflowId);
      return;
    }
    if (event.type === 'task') {
      if (event.status === 'IN_PROGRESS') this.watched.set(workflowId, { taskId: event.taskId, agent: undefined, activity: 'other', since: event.at, reported: false });
      else this.watched.delete(workflowId);
      return;
    }
    const watched = this.watched.get(workflowId);
    if (!watched) return;
    watched.since = event.at;
    watched.reported = false;
    watched.activity = activityAfter(event, watched.activity === 'person' ? 'other' : watched.activity);
    if (event.type === 'agent' || event.type === 'tool' || event.type === 'tokens') watched.agent = event.agent;
  }

  /** Each workflow that has gone quiet past its limit, once per silence. */
  check(now: number): Detection[] {
    const detections: Detection[] = [];
    for (const [workflowId, watched] of this.watched) {
      if (watched.activity === 'person') continue;
      const limit = this.limits[watched.activity];
      const quiet = now - watched.since;
      if (watched.reported || quiet <= limit) continue;
      watched.reported = true;
      detections.push({
        kind: watched.activity === 'other' ? 'stall' : 'timeout',
        workflowId,
        ...(watched.taskId !== undefined && { taskId: watched.taskId }),
        ...(watched.agent !== undefined && { agent: watched.agent }),
        summary: `no progress for ${duration(quiet)} while ${DESCRIBED[watched.activity]} (the limit is ${duration(limit)})`,
        at: now,
      });
    }
    return detections;
  }
}

function activityAfter(event: EngineEvent, current: Activity): Activity {
  switch (event.type) {
    case 'agent':
      return event.state === 'step' ? 'model-call' : 'other';
    case 'tokens':
    case 'tool':
      return 'tool-call';
    case 'test-run':
      return event.state === 'started' ? 'test-run' : 'tool-call';
    case 'retry':
      return event.what === 'model-call' ? 'model-call' : current;
    default:
      return current;
  }
}

function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
