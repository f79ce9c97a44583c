// What the test-first steps every workflow module shares (red, green, refactor, the Board's review)
// work with: the model, the workspace and its undo journal, the test runner, the Board, the step
// memory, the limits, the log and the skills agents are offered. A module builds it from what the
// runtime gives it (src/workflows/moduleDependencies.ts).
import type { TaskAgents } from '../../agents/dispatch/taskAgents';
import type { Board } from '../../core/board/boardReview';
import type { WorkflowUndo } from '../../core/journal/journalEntry';
import type { Logger, ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { WorkflowLimits } from '../../shared/workflowLimits';
import type { WorkflowSkills } from '../registry/workflowSkills';
import type { Superpowers } from '../superpowersPort';
import type { StepMemory } from './stepMemory';

export interface TddStepDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly undo: WorkflowUndo;
  readonly tests: TestRunner;
  readonly board: Board;
  readonly memory: StepMemory;
  readonly limits: WorkflowLimits;
  readonly logger: Logger;
  readonly skills?: WorkflowSkills;
  /** Where the red and green gates and the tamper guard come from: the tdd superpower, as loaded. */
  readonly superpowers: Superpowers;
  /** Who the plan's tasks are dispatched to. */
  readonly agents: TaskAgents;
}
