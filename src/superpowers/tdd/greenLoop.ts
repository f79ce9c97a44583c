// Green, the loop every test-first module shares: CodeBot changes the code (never the tests: its
// write guard), then the engine's own run of the suite must pass the green gate and any further
// check the module asks for (the fix workflow's: every test that passed before still passes). Each
// failing run goes back to CodeBot with what failed; tries are bounded by the green limit, and when
// they run out the healing ladder decides what happens next.
import { runCodeBot } from '../../agents/codeBot';
import type { AgentDependencies } from '../../agents/agentTask';
import type { AgentTool } from '../../agents/tools/agentTool';
import { testRunFeedback } from '../../agents/tools/testRunSummary';
import { StepFailure } from '../../core/healing/recoveryHint';
import type { StepContext, StepResult } from '../../core/orchestrator/stepHandler';
import type { TestRunResult } from '../../shared/testResults';
import type { GreenExpectations } from './greenGate';
import type { TddStepDependencies } from './stepDependencies';
import { firstLine } from './stepMemory';
import { attempts, runSuite } from './suiteRun';

/** Why a run the green gate passed is still not green, in the gate's terms. */
export interface GreenShortfall {
  readonly cause: string;
  readonly reason: string;
}

export interface GreenTask {
  /** The request as CodeBot is given it (after any edit a person made). */
  readonly request: string;
  readonly criteria: readonly string[];
  /** What CodeBot is told besides the request, in order: memory, recovery, the module's notes. */
  readonly context: readonly (string | undefined)[];
  readonly expected: GreenExpectations;
  /** The Board's findings this visit answers, when review sent the work back. */
  readonly findings?: readonly string[];
  /** Tools the workflow adds to CodeBot's own: recall_memory when the memory section cannot hold all there is. */
  readonly tools?: readonly AgentTool[];
  /** How the skills offered for the step equip CodeBot (stepSkills); none without skills. */
  readonly skills?: Pick<AgentDependencies, 'equipTools'>;
  /** A further check of every run; a shortfall sends the run back to CodeBot even when the gate passed. */
  readonly alsoRequire?: (run: TestRunResult) => GreenShortfall | undefined;
  /** How the step's failure starts when every try is used: "CodeBot did not reach green". */
  readonly giveUp: string;
}

export async function codeBotUntilGreen(deps: TddStepDependencies, context: StepContext, task: GreenTask): Promise<StepResult> {
  const { workflowId, taskId } = context;
  const { greenGate, tamperGuard } = deps.superpowers.tdd();
  let lastFailure = '';
  /** The last failure in a line, once a try has failed. */
  let lastFailureLine: string | undefined;
  for (let attempt = 1; attempt <= deps.limits.greenAttempts; attempt++) {
    const result = await runCodeBot(
      { description: task.request, acceptanceCriteria: task.criteria, context: [...task.context, lastFailure].filter(Boolean).join('\n\n') },
      { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, tools: task.tools ?? [], ...task.skills },
      { workflowId, taskId, signal: context.signal, maxSteps: deps.limits.agentSteps, canWrite: tamperGuard },
    );
    if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
    const run = await runSuite(deps.tests, context, `${workflowId} green: attempt ${attempt}`, { timeoutMs: deps.limits.testTimeoutMs });
    const gate = greenGate(run, task.expected);
    const also = task.alsoRequire?.(run);
    if (gate.passed && also === undefined) {
      if (result.outcome === 'finished') {
        await deps.memory.record(workflowId, { kind: 'decision', text: `CodeBot: ${firstLine(result.answer.summary)}`, by: 'codebot', taskId });
        if (result.answer.changed_files.length > 0) await deps.memory.record(workflowId, { kind: 'files', text: `CodeBot changed ${result.answer.changed_files.join(', ')}`, by: 'codebot', taskId });
      }
      await deps.memory.record(workflowId, { kind: 'test-result', text: `green: ${gate.summary} (CodeBot's try ${attempt})`, by: 'engine', taskId });
      return {
        output: {
          summary: gate.summary,
          attempts: attempt,
          tests: run.summary,
          // What learning keeps: the failure a later try fixed, and the Board's asks it met.
          ...(lastFailureLine !== undefined && result.outcome === 'finished' && { fixed: { failure: lastFailureLine, by: firstLine(result.answer.summary) } }),
          ...(task.findings?.length && { addressed: [...task.findings] }),
        },
      };
    }
    const agentNote = result.outcome === 'finished' ? `You said: ${result.answer.summary}` : `Your attempt ended early: ${result.reason}`;
    const cause = gate.passed ? (also?.cause ?? '') : gate.cause;
    const reason = [gate.passed ? undefined : gate.reason, also?.reason].filter(Boolean).join('\n');
    lastFailure = testRunFeedback(`Attempt ${attempt} did not reach green (${cause}). ${agentNote}\n${reason}\n\nThe engine's run of the suite:`, run, deps.workspace.root);
    lastFailureLine = `${cause}: ${firstLine(reason)}${gate.passed ? '' : failingTestsNote(gate.failing)}`;
    await deps.memory.record(workflowId, { kind: 'failure', text: `green, CodeBot's try ${attempt}: ${lastFailureLine}`, by: 'engine', taskId });
  }
  throw new StepFailure('step-failed', `${task.giveUp} in ${attempts(deps.limits.greenAttempts)}. ${lastFailure}`);
}

/** The first failing tests' ids, for a failure's one-line note: " (a, b, c, ...)"; empty with none. */
export function failingTestsNote(failing: readonly { readonly id: string }[]): string {
  if (failing.length === 0) return '';
  return ` (${failing.slice(0, 3).map((test) => test.id).join(', ')}${failing.length > 3 ? ', ...' : ''})`;
}
