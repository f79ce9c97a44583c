// Which phase the workflow working on each target is in, for the code lens: kept from the engine's
// workflow events, and rebuilt from the stored workflows after a reload (their input names the
// target). Phases are the workflow's module's, given with each workflow.
import type { EngineEvent } from '../../shared/events';
import type { WorkflowStatus } from '../../shared/taskStatus';
import { type Phase, phaseOf, type WorkflowPhaseInfo } from '../../shared/workflowPhase';

export type TargetPhase = 'queued' | Phase;

interface Tracked {
  readonly key: string;
  readonly phases: readonly WorkflowPhaseInfo[];
  phase: TargetPhase;
  startedAt: number;
}

export class TargetPhases {
  private readonly byWorkflow = new Map<string, Tracked>();

  /** A workflow of a module with these phases started (or was found in the store) on the target `key`. */
  track(workflowId: string, key: string, state: { readonly status: WorkflowStatus; readonly step?: string; readonly at: number }, phases: readonly WorkflowPhaseInfo[]): void {
    this.byWorkflow.set(workflowId, { key, phases, phase: phaseOf(state, phases) ?? 'queued', startedAt: state.at });
  }

  /** Returns true when a tracked workflow's phase changed: it ended, or a task of another phase started. */
  follow(event: EngineEvent): boolean {
    if (event.type !== 'workflow' && event.type !== 'task') return false;
    const tracked = this.byWorkflow.get(event.workflowId);
    if (!tracked) return false;
    const state = event.type === 'workflow' ? { status: event.status, step: event.step } : { status: 'RUNNING' as const, step: event.step };
    const phase = phaseOf(state, tracked.phases) ?? tracked.phase;
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
