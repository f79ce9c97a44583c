// Green, for tests TestBot wrote first: CodeBot changes the code until they pass, unchanged (the
// shared loop of superpowers/tdd/greenLoop.ts), told the criteria and what the Board asked for.
import { z } from 'zod';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { stepSkills } from '../../superpowers/registry/stepSkills';
import { criteriaOf } from '../../superpowers/planning/plan';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { greenExpectations, redOutputOf } from '../../superpowers/tdd/redOutput';
import { codeBotUntilGreen } from '../../superpowers/tdd/greenLoop';

const inputSchema = z.object({
  request: z.string().min(1),
  criteria: z.unknown(),
  red: z.unknown(),
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

export function greenStep(deps: TddStepDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, red: redInput, findings } = inputSchema.parse(input);
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
      return codeBotUntilGreen(deps, context, {
        request,
        criteria,
        context: [skills.index, memory, recovery, ...notes],
        expected,
        ...(findings && { findings }),
        skills: skills.tools,
        giveUp: 'CodeBot did not reach green',
      });
    },
  };
}

