// Which phase the workflow working on each target is in, for the code lens: kept from the engine's
// workflow events, and rebuilt from the stored workflows after a reload (their input names the target).
import { phaseOf } from '../../shared/workflowPhase';
import type { EngineEvent } from '../../shared/events';
import type { Phase } from '../../shared/dashboardState';
import type { WorkflowStatus } from '../../shared/taskStatus';

export type TargetPhase = 'queued' | Phase;

interface Tracked {
  readonly key: string;
  phase: TargetPhase;
  startedAt: number;
}

export class TargetPhases {
  private readonly byWorkflow = new Map<string, Tracked>();

  /** A workflow started (or found in the store) on the target `key`. */
  track(workflowId: string, key: string, state: { readonly status: WorkflowStatus; readonly step?: string; readonly at: number }): void {
    this.byWorkflow.set(workflowId, { key, phase: phaseOf(state) ?? 'queued', startedAt: state.at });
  }

  /** Returns true when a tracked workflow's phase changed: it ended, or a task of another phase started. */
  follow(event: EngineEvent): boolean {
    if (event.type !== 'workflow' && event.type !== 'task') return false;
    const tracked = this.byWorkflow.get(event.workflowId);
    if (!tracked) return false;
    const state = event.type === 'workflow' ? { status: event.status, step: event.step } : { status: 'RUNNING' as const, step: event.step };
    const phase = phaseOf(state) ?? tracked.phase;
    if (phase === tracked.phase) return false;
    tracked.phase = phase;
    return true;
  }

  /** The phase of the latest workflow started on the target. */
  phaseOf(key: string): TargetPhase | undefined {
    let latest: Tracked | undefined;
    for (const tracked of this.byWorkflow.values()) {
      if (tracked.key === key && (!latest || tracked.startedAt >= latest.startedAt)) latest = tracked;
    }
    return latest?.phase;
  }
}
