// A workflow's phase and progress as the views show them. The phases come from the workflow's
// module (with its description, for the views): a step belongs to one of them. How any workflow
// ends ('done', 'failed') is the same for every module.

/**
 * A phase a person sees, as a workflow module declares it: a name for its steps taken together.
 * The views get a workflow's phases with its description, so they show any module's phases.
 */
export interface WorkflowPhaseInfo {
  /** Short and stable, e.g. 'red'; what the code lens, the status bar and the report name. */
  readonly id: string;
  /** What a person reads, e.g. 'Red'. */
  readonly title: string;
  /** The definition's steps that belong to this phase, in order. */
  readonly steps: readonly string[];
  /** What the phase is about, for its colour in the views; a phase without one takes the next free colour. */
  readonly tone?: PhaseTone;
}

/** What a phase is about, in words any module can use: the views colour phases by it. */
export type PhaseTone = 'planning' | 'failing' | 'passing' | 'changing' | 'reviewing';

/** A module's phase id, or how the workflow ended. */
export type Phase = string;

/** How any workflow ends, whatever its module: its phase once it is over. */
export const ENDED_PHASES = [
  { id: 'done', title: 'Done' },
  { id: 'failed', title: 'Failed' },
] as const;

interface WorkflowAt {
  readonly status: string;
  readonly step?: string;
}

/** The phase, or undefined while the workflow is on a step none of its module's phases holds. */
export function phaseOf(workflow: WorkflowAt, phases: readonly WorkflowPhaseInfo[]): Phase | undefined {
  if (workflow.status === 'COMPLETED') return 'done';
  if (workflow.status === 'FAILED' || workflow.status === 'TIMED_OUT' || workflow.status === 'CANCELED') return 'failed';
  const { step } = workflow;
  return step === undefined ? undefined : phases.find((phase) => phase.steps.includes(step))?.id;
}

/** What a person reads for a phase id: the module's title for it, 'Done' or 'Failed', else the id. */
export function phaseTitle(id: Phase, phases: readonly WorkflowPhaseInfo[]): string {
  return phases.find((phase) => phase.id === id)?.title ?? ENDED_PHASES.find((phase) => phase.id === id)?.title ?? id;
}

/** From 0 to 1: the share of the workflow's steps behind it (its phases' steps when its steps are not known yet). */
export function progressOf(workflow: WorkflowAt & { readonly steps: readonly string[]; readonly phases: readonly WorkflowPhaseInfo[] }): number {
  if (workflow.status === 'COMPLETED') return 1;
  const steps = workflow.steps.length > 0 ? workflow.steps : workflow.phases.flatMap((phase) => phase.steps);
  if (steps.length === 0) return 0;
  // Past the last step (no current step) means every step ran.
  if (workflow.step === undefined) return workflow.steps.length > 0 ? 1 : 0;
  const index = steps.indexOf(workflow.step);
  return index < 0 ? 0 : index / steps.length;
}
