// Green: CodeBot changes the code (never the tests: its write guard) until the engine's own run of
// the suite passes the green gate. Each failing run goes back to CodeBot; attempts are bounded.
import { z } from 'zod';
import { runCodeBot } from '../../agents/codeBot';
import { summarizeTestRun } from '../../agents/tools/testRunSummary';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import type { FeatureDependencies } from './featureWorkflow';
import { greenGate } from './greenGate';
import { greenExpectations, redOutputSchema } from './redOutput';
import { attempts, runSuite } from './suiteRun';

const inputSchema = z.object({
  request: z.string().min(1),
  criteria: z.array(z.string()),
  red: redOutputSchema,
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

export function greenStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, criteria, red, findings } = inputSchema.parse(input);
      const expected = greenExpectations(red);
      const notes = [`These tests were written first and must pass, unchanged:\n${red.redTests.map((t) => `- ${t.id}`).join('\n') || red.testFiles.map((f) => `- every test in ${f}`).join('\n')}`];
      if (findings?.length) notes.push(`The Board reviewed your last change and asks for:\n${findings.map((f) => `- ${f}`).join('\n')}`);
      let lastFailure = '';
      for (let attempt = 1; attempt <= deps.limits.greenAttempts; attempt++) {
        const result = await runCodeBot(
          { description: request, acceptanceCriteria: criteria, context: [...notes, lastFailure].filter(Boolean).join('\n\n') },
          { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit },
          { workflowId: context.workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
        );
        if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
        const run = await runSuite(deps.tests, context, `${context.workflowId} green: attempt ${attempt}`, { timeoutMs: deps.limits.testTimeoutMs });
        const gate = greenGate(run, expected);
        if (gate.passed) return { output: { summary: gate.summary, attempts: attempt, tests: run.summary } };
        const agentNote = result.outcome === 'finished' ? `You said: ${result.answer.summary}` : `Your attempt ended early: ${result.reason}`;
        lastFailure = `Attempt ${attempt} did not reach green (${gate.cause}). ${agentNote}\n${gate.reason}\n\nThe engine's run of the suite:\n${summarizeTestRun(run)}`;
      }
      throw new TerminalStepError(`CodeBot did not reach green in ${attempts(deps.limits.greenAttempts)}. ${lastFailure}`, { attempts: deps.limits.greenAttempts });
    },
  };
}
