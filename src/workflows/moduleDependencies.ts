// What the runtime gives every workflow module's step handlers: the model (watched by the healing
// layer), the workspace and its undo journal, the test runner, the Board, the workflow's memory and
// long-term memory, the skills and the superpowers' code, the agents planned tasks are dispatched to, the limits, the log and the clock. A module builds its own step dependencies
// from these; none of them is a module's to construct.
import type { TaskAgents } from '../agents/dispatch/taskAgents';
import type { Board } from '../core/board/boardReview';
import type { WorkflowUndo } from '../core/journal/journalEntry';
import type { LearnedMemories } from '../core/memory/learnedMemories';
import type { WorkflowMemory } from '../core/memory/workflowMemory';
import type { IntegrationTools } from '../core/integration/integrationTools';
import type { Approvals, Clock, Logger, ModelClient, TestRunner, Workspace } from '../core/ports';
import type { PageInspector } from '../superpowers/design/pageInspector';
import type { WorkflowSkills } from '../superpowers/registry/workflowSkills';
import type { Superpowers } from '../superpowers/superpowersPort';
import type { WorkflowLimits } from '../shared/workflowLimits';

export interface ModuleDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly undo: WorkflowUndo;
  readonly tests: TestRunner;
  readonly board: Board;
  /** What each workflow has established so far (short-term). */
  readonly workflowMemory: WorkflowMemory;
  /** Patterns learned from earlier workflows; absent when the host keeps no long-term memory. */
  readonly learned?: LearnedMemories;
  readonly limits: WorkflowLimits;
  /** The skills (superpowers) agents are offered; absent: none beyond their own tools. */
  readonly skills?: WorkflowSkills;
  /** The code the loaded superpowers register (tdd's gates and guard), looked up by the steps that need it. */
  readonly superpowers: Superpowers;
  /** The browser for the workspace's pages; absent when the host has none (no DesignBot, no design workflow). */
  readonly pages?: PageInspector;
  /** API descriptions and deployment files; absent when the host gives none (no IntegrationBot, no integration or deploy workflow). */
  readonly integration?: IntegrationTools;
  /** Who a step asks a person through (axe's undecided results in the design workflow); absent: nobody, so it reports them. */
  readonly approvals?: Approvals;
  /** The configured model accepts images (screenshots of failed checks for the Product Owner's advice). */
  readonly modelSeesImages?: boolean;
  /** The agents the runtime built, by id: who a plan's tasks go to. */
  readonly agents: TaskAgents;
  readonly logger: Logger;
  readonly clock: Clock;
}
