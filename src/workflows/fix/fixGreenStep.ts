// Green, for tests that already failed: CodeBot changes the code (the shared loop of
// superpowers/tdd/greenLoop.ts) until the tests to fix pass, every test that ran before still runs
// (the tamper guard), and every test that passed before still passes; what it broke goes back to it.
import { z } from 'zod';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { firstLine } from '../../superpowers/tdd/stepMemory';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { stepSkills } from '../../superpowers/registry/stepSkills';
import { regressionNote, regressions } from '../../superpowers/tdd/passingBaseline';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { greenExpectations, redOutputOf } from '../../superpowers/tdd/redOutput';
import { codeBotUntilGreen } from '../../superpowers/tdd/greenLoop';

const inputSchema = z.object({
  request: z.string().min(1),
  red: z.unknown(),
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

const fixRedSchema = z.object({ criteria: z.array(z.string()).min(1), passedBefore: z.array(z.string()) });

export function fixGreenStep(deps: TddStepDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, red: redInput, findings } = inputSchema.parse(input);
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
      return codeBotUntilGreen(deps, context, {
        request,
        criteria,
        context: [skills.index, memory.text, recovery, ...notes],
        tools: memory.tools,
        skills: skills.tools,
        expected,
        ...(findings && { findings }),
        alsoRequire: (run) => {
          const broken = regressionNote(run.outcome === 'completed' ? regressions(run, passedBefore) : []);
          return broken === undefined ? undefined : { cause: 'tests-broken', reason: broken };
        },
        giveUp: 'CodeBot did not make the failing tests pass',
      });
    },
  };
}
