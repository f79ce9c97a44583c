// Red: TestBot writes tests for the criteria; the engine runs them and the red gate decides. A
// wrong-reason failure goes back to TestBot with the cause, a bounded number of times; when they run
// out, the healing ladder decides what happens next.
import { z } from 'zod';
import { runTestBot } from '../../agents/testBot';
import { testRunFeedback } from '../../agents/tools/testRunSummary';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { firstLine } from '../../superpowers/tdd/stepMemory';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { stepSkills } from '../../superpowers/registry/stepSkills';
import { criteriaOf } from '../../superpowers/planning/plan';
import { plannedTasksOf } from '../../superpowers/planning/plannedTask';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { attempts, runSuite, testRef } from '../../superpowers/tdd/suiteRun';
import { TaskScoped } from '../../superpowers/tdd/taskScoped';

const inputSchema = z.object({ request: z.string().min(1), criteria: z.unknown(), tasks: z.unknown().optional() });

interface Baseline {
  readonly existingTestIds: ReadonlySet<string>;
  readonly runningBefore: readonly string[];
  readonly failingBefore: readonly string[];
}

export function redStep(deps: TddStepDependencies): HealableStepHandler {
  // The suite before TestBot wrote anything: on the ladder's next attempt its tests are still there.
  const baselines = new TaskScoped<Baseline>();
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, tasks } = inputSchema.parse(input);
      const { redGate } = deps.superpowers.tdd();
      const criteria = criteriaOf(criteriaInput, context.step);
      const { testWriting } = deps.agents.dispatch(plannedTasksOf(tasks));
      const ownTasks = testWriting.length > 0 ? `The plan gives you these tasks too:\n${testWriting.map((task) => `- ${task}`).join('\n')}` : '';
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const timeoutMs = deps.limits.testTimeoutMs;
      const { existingTestIds, runningBefore, failingBefore } = await baselines.get(context, async () => {
        const baseline = await runSuite(deps.tests, context, `${workflowId} red: baseline`, { timeoutMs });
        return {
          existingTestIds: new Set(baseline.tests.map((test) => test.id)),
          runningBefore: baseline.tests.filter((test) => test.status !== 'skipped').map((test) => test.id),
          failingBefore: baseline.tests.filter((test) => test.status === 'failed').map((test) => test.id),
        };
      });
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const recovery = recoveryNote(hint);

      const skills = stepSkills(deps.skills, 'red', request);
      let feedback: string | undefined;
      for (let attempt = 1; attempt <= deps.limits.redAttempts; attempt++) {
        const result = await runTestBot(
          { description: request, acceptanceCriteria: criteria, context: [ownTasks, skills.index, memory.text, recovery, feedback].filter(Boolean).join('\n\n') },
          { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, tools: memory.tools, ...skills.tools },
          { workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
        );
        if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
        if (result.outcome !== 'finished') {
          feedback = `Your previous attempt ended without finishing: ${result.reason}`;
          await deps.memory.record(workflowId, { kind: 'failure', text: `red, TestBot's try ${attempt}: ended without finishing: ${firstLine(result.reason)}`, by: 'testbot', taskId: context.taskId });
          continue;
        }
        const testFiles = result.answer.test_files.map(normalizeWorkspacePath);
        const run = await runSuite(deps.tests, context, `${workflowId} red: attempt ${attempt}`, { selection: { files: testFiles }, timeoutMs });
        const gate = redGate({ run, testFiles, existingTestIds });
        if (gate.passed) {
          await deps.memory.record(workflowId, { kind: 'files', text: `TestBot wrote ${testFiles.join(', ')}: ${firstLine(result.answer.summary)}`, by: 'testbot', taskId: context.taskId });
          await deps.memory.record(workflowId, { kind: 'test-result', text: `red: ${gate.summary} (${run.framework})`, by: 'engine', taskId: context.taskId });
          return {
            output: { summary: gate.summary, attempts: attempt, testFiles, redTests: gate.redTests.map(testRef), runningBefore: [...runningBefore], failingBefore: [...failingBefore] },
          };
        }
        feedback = testRunFeedback(`The red gate refused your tests (${gate.cause}).\n${gate.reason}\n\nThe run:`, run, deps.workspace.root);
        await deps.memory.record(workflowId, { kind: 'failure', text: `red, TestBot's try ${attempt}: the gate refused the tests (${gate.cause}): ${firstLine(gate.reason)}`, by: 'engine', taskId: context.taskId });
      }
      throw new StepFailure('step-failed', `TestBot did not produce tests that fail for the right reason in ${attempts(deps.limits.redAttempts)}. Last: ${feedback ?? 'no attempt finished'}`);
    },
  };
}
