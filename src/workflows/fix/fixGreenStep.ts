// Green, for tests that already failed: CodeBot changes the code (never the tests: its write guard)
// until the engine's own run of the suite passes the green gate: the tests to fix pass, every test
// that ran before still runs (the tamper guard), and every test that passed before still passes.
// Each failing run goes back to CodeBot with what failed and what it broke; attempts are bounded,
// and when they run out the healing ladder decides what happens next.
import { z } from 'zod';
import { runCodeBot } from '../../agents/codeBot';
import { summarizeTestRun } from '../../agents/tools/testRunSummary';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import { firstLine } from '../feature/featureMemory';
import type { FeatureDependencies } from '../feature/featureWorkflow';
import { stepSkills } from '../feature/stepSkills';
import { regressionNote, regressions } from '../../superpowers/tdd/passingBaseline';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { greenExpectations, redOutputOf } from '../../superpowers/tdd/redOutput';
import { attempts, runSuite } from '../../superpowers/tdd/suiteRun';

const inputSchema = z.object({
  request: z.string().min(1),
  red: z.unknown(),
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

const fixRedSchema = z.object({ criteria: z.array(z.string()).min(1), passedBefore: z.array(z.string()) });

export function fixGreenStep(deps: FeatureDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, red: redInput, findings } = inputSchema.parse(input);
      const { greenGate, tamperGuard } = deps.superpowers.tdd();
      const red = redOutputOf(redInput, 'green');
      const { criteria, passedBefore } = fixRedSchema.parse(redInput);
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const expected = greenExpectations(red);
      const toFix = red.redTests.map((test) => `- ${test.id}${test.message ? `\n  fails now: ${firstLine(test.message)}` : ''}`);
      const notes = [
        `These tests fail now and must pass; they are fixed as they are (you cannot change them):\n${[...toFix, ...red.testFiles.filter((file) => !red.redTests.some((test) => test.file === file)).map((file) => `- every test in ${file} (it does not load yet)`)].join('\n')}`,
        `${passedBefore.length} test${passedBefore.length === 1 ? '' : 's'} passed before you started; each must still pass.`,
      ];
      if (findings?.length) notes.push(`The Board reviewed your last change and asks for:\n${findings.map((f) => `- ${f}`).join('\n')}`);
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const recovery = recoveryNote(hint);
      const skills = stepSkills(deps.skills, 'green', request);
      let lastFailure = '';
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
        const broken = run.outcome === 'completed' ? regressions(run, passedBefore) : [];
        if (gate.passed && broken.length === 0) {
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
              ...(lastFailureLine !== undefined && result.outcome === 'finished' && { fixed: { failure: lastFailureLine, by: firstLine(result.answer.summary) } }),
              ...(findings?.length && { addressed: findings }),
            },
          };
        }
        const agentNote = result.outcome === 'finished' ? `You said: ${result.answer.summary}` : `Your attempt ended early: ${result.reason}`;
        const cause = gate.passed ? 'tests-broken' : gate.cause;
        const reason = [gate.passed ? undefined : gate.reason, regressionNote(broken)].filter(Boolean).join('\n');
        lastFailure = `Attempt ${attempt} did not reach green (${cause}). ${agentNote}\n${reason}\n\nThe engine's run of the suite:\n${summarizeTestRun(run)}`;
        lastFailureLine = `${cause}: ${firstLine(reason)}`;
        await deps.memory.record(workflowId, { kind: 'failure', text: `green, CodeBot's try ${attempt}: ${lastFailureLine}`, by: 'engine', taskId: context.taskId });
      }
      throw new StepFailure('step-failed', `CodeBot did not make the failing tests pass in ${attempts(deps.limits.greenAttempts)}. ${lastFailure}`);
    },
  };
}
