// Which code lenses a file gets, where, and what they say: "Implement with agents" above each stub
// and TODO, "Make this pass with agents" above each failing test, and, once a workflow works on a
// target, its live phase instead (a finished or failed one keeps the action beside it, to run again).
import type { Phase } from '../../shared/workflowPhase';
import { type ImplementTarget, targetKey } from '../../shared/implementTarget';
import type { DeclaredFunction } from '../../core/workspace/targets/detectTargets';

/** A workflow waiting to start, then its phases. */
export type LensPhase = 'queued' | Phase;

export type LensAction =
  | { readonly kind: 'implement'; readonly target: ImplementTarget }
  /** Opens the command center, where the workflow is. */
  | { readonly kind: 'show-workflow' };

export interface TargetLens {
  /** 1-based. */
  readonly line: number;
  readonly title: string;
  readonly tooltip: string;
  readonly action: LensAction;
}

export interface FailingTestSpot {
  readonly testId: string;
  readonly name: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export interface LensInputs {
  readonly path: string;
  /** Stubs and TODOs. */
  readonly targets: readonly ImplementTarget[];
  readonly functions: readonly DeclaredFunction[];
  readonly failingTests: readonly FailingTestSpot[];
  /** The phase of the latest workflow on a target, by `targetKey`. */
  readonly phaseOf: (key: string) => LensPhase | undefined;
  /** The workflow module the action would start on a target, with its phases, for the tooltip. */
  readonly workflowFor: (target: ImplementTarget) => LensWorkflow;
}

export interface LensWorkflow {
  readonly title: string;
  readonly phases: readonly { readonly title: string }[];
}

export function failingTestTarget(path: string, test: FailingTestSpot): ImplementTarget {
  return {
    kind: 'failing-test',
    path,
    startLine: test.line,
    endLine: test.line,
    symbol: test.name,
    description: test.message.trim() === '' ? `The test "${test.name}" fails.` : `The test "${test.name}" fails:\n${test.message.trim()}`,
    testId: test.testId,
  };
}

export function targetLenses(inputs: LensInputs): TargetLens[] {
  const lenses: TargetLens[] = [];
  const shown = new Set<string>();
  const targets = [...inputs.targets, ...inputs.failingTests.map((test) => failingTestTarget(inputs.path, test))];
  for (const target of targets) {
    const key = targetKey(target);
    const phase = inputs.phaseOf(key);
    shown.add(key);
    if (phase !== undefined) lenses.push(phaseLens(target.startLine, phase));
    if (phase === undefined || phase === 'done' || phase === 'failed') lenses.push(actionLens(target, inputs.workflowFor(target)));
  }
  // A stub the agents implemented is no target any more; its workflow's lens stays on the function.
  for (const fn of inputs.functions) {
    const key = targetKey({ path: inputs.path, symbol: fn.symbol, startLine: fn.startLine });
    const phase = shown.has(key) ? undefined : inputs.phaseOf(key);
    if (phase !== undefined) lenses.push(phaseLens(fn.startLine, phase));
  }
  return lenses.sort((a, b) => a.line - b.line);
}

function actionLens(target: ImplementTarget, workflow: LensWorkflow): TargetLens {
  const failing = target.kind === 'failing-test';
  const what = failing ? `the test ${target.symbol ?? ''}`.trim() : target.kind === 'todo' ? 'this TODO' : (target.symbol ?? 'this stub');
  return {
    line: target.startLine,
    title: failing ? '$(beaker) Make this pass with agents' : '$(sparkle) Implement with agents',
    tooltip: `${failing ? `Make ${what} pass` : `Implement ${what}`} with the agents, workflow "${workflow.title}": ${workflow.phases.map((phase) => phase.title).join(' → ')}.`,
    action: { kind: 'implement', target },
  };
}

function phaseLens(line: number, phase: LensPhase): TargetLens {
  const tooltip = 'Open the command center to follow the workflow.';
  const action = { kind: 'show-workflow' } as const;
  switch (phase) {
    case 'queued':
      return { line, title: '$(clock) Agents: queued', tooltip, action };
    case 'done':
      return { line, title: '$(check) Agents: done', tooltip, action };
    case 'failed':
      return { line, title: '$(error) Agents: failed — show', tooltip: 'Open the command center to see why the workflow failed.', action };
    default:
      return { line, title: `$(sync~spin) Agents: ${phase}`, tooltip, action };
  }
}
