// Green: CodeBot changes the code (never the tests: its write guard) until the engine's own run of
// the suite passes the green gate. Each failing run goes back to CodeBot; attempts are bounded, and
// when they run out the healing ladder decides what happens next.
import { z } from 'zod';
import { runCodeBot } from '../../agents/codeBot';
import { summarizeTestRun } from '../../agents/tools/testRunSummary';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import { firstLine } from './featureMemory';
import type { FeatureDependencies } from './featureWorkflow';
import { stepSkills } from './stepSkills';
import { criteriaOf } from '../../superpowers/planning/plan';
import type { GreenGateResult } from '../../superpowers/tdd/greenGate';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { greenExpectations, redOutputOf } from '../../superpowers/tdd/redOutput';
import { attempts, runSuite } from '../../superpowers/tdd/suiteRun';

const inputSchema = z.object({
  request: z.string().min(1),
  criteria: z.unknown(),
  red: z.unknown(),
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

export function greenStep(deps: FeatureDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, red: redInput, findings } = inputSchema.parse(input);
      const { greenGate, tamperGuard } = deps.superpowers.tdd();
      const criteria = criteriaOf(criteriaInput, context.step);
      const red = redOutputOf(redInput, 'green');
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const expected = greenExpectations(red);
      const notes = [`These tests were written first and must pass, unchanged:\n${red.redTests.map((t) => `- ${t.id}`).join('\n') || red.testFiles.map((f) => `- every test in ${f}`).join('\n')}`];
      if (findings?.length) notes.push(`The Board reviewed your last change and asks for:\n${findings.map((f) => `- ${f}`).join('\n')}`);
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const recovery = recoveryNote(hint);
      const skills = stepSkills(deps.skills, 'green', request);
      let lastFailure = '';
      /** The last failure in a line, once a try has failed. */
      let lastFailureLine: string | undefined;
      for (let attempt = 1; attempt <= deps.limits.greenAttempts; attempt++) {
        const result = await runCodeBot(
          { description: request, acceptanceCriteria: criteria, context: [skills.index, memory, recovery, ...notes, lastFailure].filter(Boolean).join('\n\n') },
          { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, tools: deps.memory.tools, ...skills.tools },
          { workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps, canWrite: tamperGuard },
        );
        if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
        const run = await runSuite(deps.tests, context, `${workflowId} green: attempt ${attempt}`, { timeoutMs: deps.limits.testTimeoutMs });
        const gate = greenGate(run, expected);
        if (gate.passed) {
          if (result.outcome === 'finished') {
            await deps.memory.record(workflowId, { kind: 'decision', text: `CodeBot: ${firstLine(result.answer.summary)}`, by: 'codebot', taskId: context.taskId });
            if (result.answer.changed_files.length > 0) await deps.memory.record(workflowId, { kind: 'files', text: `CodeBot changed ${result.answer.changed_files.join(', ')}`, by: 'codebot', taskId: context.taskId });
          }
          await deps.memory.record(workflowId, { kind: 'test-result', text: `green: ${gate.summary} (CodeBot's try ${attempt})`, by: 'engine', taskId: context.taskId });
          return {
            output: {
              summary: gate.summary,
              attempts: attempt,
              tests: run.summary,
              // What learning keeps: the failure a later try fixed, and the Board's asks it met.
              ...(lastFailureLine !== undefined && result.outcome === 'finished' && { fixed: { failure: lastFailureLine, by: firstLine(result.answer.summary) } }),
              ...(findings?.length && { addressed: findings }),
            },
          };
        }
        const agentNote = result.outcome === 'finished' ? `You said: ${result.answer.summary}` : `Your attempt ended early: ${result.reason}`;
        lastFailure = `Attempt ${attempt} did not reach green (${gate.cause}). ${agentNote}\n${gate.reason}\n\nThe engine's run of the suite:\n${summarizeTestRun(run)}`;
        lastFailureLine = `${gate.cause}: ${firstLine(gate.reason)}${failingTests(gate)}`;
        await deps.memory.record(workflowId, { kind: 'failure', text: `green, CodeBot's try ${attempt}: ${lastFailureLine}`, by: 'engine', taskId: context.taskId });
      }
      throw new StepFailure('step-failed', `CodeBot did not reach green in ${attempts(deps.limits.greenAttempts)}. ${lastFailure}`);
    },
  };
}

function failingTests(gate: GreenGateResult): string {
  if (gate.passed || gate.failing.length === 0) return '';
  return ` (${gate.failing.slice(0, 3).map((test) => test.id).join(', ')}${gate.failing.length > 3 ? ', ...' : ''})`;
}
