// How far the agents of any workflow module may go: tries at each gate, model calls per agent run,
// the test-run timeout and the memory packed into a task. One set of limits, set by the runtime's
// settings (the editor's `imperium.*` settings, the CLI's flags).
export interface WorkflowLimits {
  /** TestBot's tries at tests that fail for the right reason. */
  readonly redAttempts: number;
  /** CodeBot's tries at making the tests pass, per visit to green. */
  readonly greenAttempts: number;
  /** Model calls per agent run. */
  readonly agentSteps: number;
  /** A test run that takes longer is killed and counts as not completed. */
  readonly testTimeoutMs: number;
  /** Tokens of memory (what the workflow established, learned patterns) packed into an agent's task. */
  readonly memoryTokens: number;
}

export const DEFAULT_WORKFLOW_LIMITS: WorkflowLimits = { redAttempts: 3, greenAttempts: 4, agentSteps: 30, testTimeoutMs: 120_000, memoryTokens: 1_500 };
