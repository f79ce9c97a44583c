// Red: TestBot writes tests for the criteria; the engine runs them and the red gate decides. A
// wrong-reason failure goes back to TestBot with the cause, a bounded number of times.
import { z } from 'zod';
import { runTestBot } from '../../agents/testBot';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import { normalizeWorkspacePath } from '../../core/workspace/pathPolicy';
import { summarizeTestRun } from '../../agents/tools/testRunSummary';
import type { FeatureDependencies } from './featureWorkflow';
import { redGate } from './redGate';
import { attempts, runSuite, testRef } from './suiteRun';

const inputSchema = z.object({ request: z.string().min(1), criteria: z.array(z.string()).min(1) });

export function redStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, criteria } = inputSchema.parse(input);
      const timeoutMs = deps.limits.testTimeoutMs;
      // What the suite was before any new test: its ids are not new, its failures are not ours.
      const baseline = await runSuite(deps.tests, context, `${context.workflowId} red: baseline`, { timeoutMs });
      const existingTestIds = new Set(baseline.tests.map((test) => test.id));
      const runningBefore = baseline.tests.filter((test) => test.status !== 'skipped').map((test) => test.id);
      const failingBefore = baseline.tests.filter((test) => test.status === 'failed').map((test) => test.id);

      let feedback: string | undefined;
      for (let attempt = 1; attempt <= deps.limits.redAttempts; attempt++) {
        const result = await runTestBot(
          { description: request, acceptanceCriteria: criteria, context: feedback },
          { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit },
          { workflowId: context.workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
        );
        if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
        if (result.outcome !== 'finished') {
          feedback = `Your previous attempt ended without finishing: ${result.reason}`;
          continue;
        }
        const testFiles = result.answer.test_files.map(normalizeWorkspacePath);
        const run = await runSuite(deps.tests, context, `${context.workflowId} red: attempt ${attempt}`, { selection: { files: testFiles }, timeoutMs });
        const gate = redGate({ run, testFiles, existingTestIds });
        if (gate.passed) {
          return {
            output: { summary: gate.summary, attempts: attempt, testFiles, redTests: gate.redTests.map(testRef), runningBefore, failingBefore },
          };
        }
        feedback = `The red gate refused your tests (${gate.cause}).\n${gate.reason}\n\nThe run:\n${summarizeTestRun(run)}`;
      }
      throw new TerminalStepError(`TestBot did not produce tests that fail for the right reason in ${attempts(deps.limits.redAttempts)}. Last: ${feedback ?? 'no attempt finished'}`, {
        attempts: deps.limits.redAttempts,
      });
    },
  };
}
