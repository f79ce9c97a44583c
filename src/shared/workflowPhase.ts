// A workflow's phase and progress as the views show them. Steps named after the TDD phases (plan,
// red, green, refactor, review) are those phases; a workflow with other steps shows its step names.
import type { Phase, WorkflowView } from './dashboardState';

/**
 * A phase a person sees, as a workflow module declares it: a name for its steps taken together.
 * The views get a workflow's phases with its description, so they show any module's phases.
 */
export interface WorkflowPhaseInfo {
  /** Short and stable, e.g. 'red'; what the code lens, the status bar and the report name. */
  readonly id: string;
  /** What a person reads, e.g. 'Red: failing tests'. */
  readonly title: string;
  /** The definition's steps that belong to this phase, in order. */
  readonly steps: readonly string[];
}

/** The phases a running workflow moves through, in order. */
export const WORK_PHASES = ['plan', 'red', 'green', 'refactor', 'review'] as const satisfies readonly Phase[];

function workPhaseIndex(step: string | undefined): number {
  return step === undefined ? -1 : (WORK_PHASES as readonly string[]).indexOf(step.toLowerCase());
}

/** The phase, or undefined while the workflow is on a step that is not a TDD phase. */
export function phaseOf(workflow: Pick<WorkflowView, 'status' | 'step'>): Phase | undefined {
  if (workflow.status === 'COMPLETED') return 'done';
  if (workflow.status === 'FAILED' || workflow.status === 'TIMED_OUT' || workflow.status === 'CANCELED') return 'failed';
  const index = workPhaseIndex(workflow.step);
  return index < 0 ? undefined : WORK_PHASES[index];
}

/** From 0 to 1: the share of the workflow's steps behind it. */
export function progressOf(workflow: Pick<WorkflowView, 'status' | 'step' | 'steps'>): number {
  if (workflow.status === 'COMPLETED') return 1;
  if (workflow.steps.length > 0) {
    // Past the last step (no current step) means every step ran.
    if (workflow.step === undefined) return 1;
    const index = workflow.steps.indexOf(workflow.step);
    if (index >= 0) return index / workflow.steps.length;
  }
  const phase = workPhaseIndex(workflow.step);
  return phase < 0 ? 0 : phase / WORK_PHASES.length;
}
