// What a host gives the runtime: the ports the engine and agents work through, each built by the
// host for its platform (the editor: WorkspaceEdit behind review gates, the Test Explorer, its
// configured model; the CLI: Node's file system, the framework runners, an endpoint).
import type { MemoryScopes } from '../core/memory/learnedMemories';
import type { SkillUseJournal, WorkflowUndo } from '../core/journal/journalEntry';
import type { OpenEngine } from '../core/orchestrator/engineApi';
import type { IntegrationTools } from '../core/integration/integrationTools';
import type { Approvals, Clock, CountTextTokens, EventSink, Logger, ModelClient, Store, TestRunner, Workspace } from '../core/ports';
import type { PageInspector } from '../superpowers/design/pageInspector';
import type { WorkflowSkills } from '../superpowers/registry/workflowSkills';
import type { WorkflowModules } from '../workflows/workflowModules';

/** Builds a chat client that reports its calls on `events`: for `model`, or for the settings' models when absent. */
export type ModelFactory = (events: EventSink, model?: string) => ModelClient;

export interface RuntimePorts {
  /** Workflow state, events, journal and verdicts: `openFolderStore` gives the folder's one store. */
  readonly store: Store;
  /** The folder the agents work in, journalled so each workflow can be undone. */
  readonly workspace: Workspace & WorkflowUndo;
  readonly tests: TestRunner;
  readonly model: ModelFactory;
  /** Counts tokens as the model client does, for the memory packed into prompts. */
  readonly countTokens: CountTextTokens;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Long-term memory: this folder's memories and the user's global ones. Without it nothing is
   * recalled from earlier workflows and nothing is learned.
   */
  readonly memory?: MemoryScopes;
  /**
   * Who is asked when a step needs a person (the retry ladder, a staged file, an escalation);
   * without it, reaching one ends the workflow saying what they must decide. A PendingApprovals
   * queue (the editor's) is also handed to the engine, which may ask elsewhere too (Conductor: HUMAN tasks).
   */
  readonly approvals?: Approvals;
  /** The workflow modules to offer; the built-in ones by default. */
  readonly modules?: WorkflowModules;
  /** The engine to run them on; the embedded engine by default (Conductor: src/infra/conductor/). */
  readonly openEngine?: OpenEngine;
  /**
   * The skills agents are offered and the superpowers' code, built once the runtime's events exist
   * (their uses are events), with the approvals a skill's script must pass; without it, no skills
   * and the built-ins' code.
   */
  readonly skills?: (events: EventSink, approvals?: Approvals) => WorkflowSkills;
  /** The write journal, where each skill an agent uses is recorded beside the writes (name, source, content hash). */
  readonly journal?: SkillUseJournal;
  /** The browser for the workspace's pages (its owner closes it); without one there is no DesignBot to dispatch UI tasks to. */
  readonly pages?: PageInspector;
  /** API descriptions and deployment files (workspaceIntegration.ts); without them there is no IntegrationBot, and the integration and deploy workflows end saying so. */
  readonly integration?: IntegrationTools;
}
