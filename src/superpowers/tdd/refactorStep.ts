// Refactor: CodeBot may improve the code; the suite must stay green, or every edit of this step is
// rolled back from the journal and the workflow keeps the green version.
import { z } from 'zod';
import { runCodeBot } from '../../agents/codeBot';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import type { JournalMark } from '../../core/journal/journalEntry';
import { firstLine } from './stepMemory';
import type { TddStepDependencies } from './stepDependencies';
import { stepSkills } from '../registry/stepSkills';
import { memoryBudget, recoveryNote } from './recoveryNote';
import { greenExpectations, redOutputOf } from './redOutput';
import { runSuite } from './suiteRun';
import { TaskScoped } from './taskScoped';

const inputSchema = z.object({ request: z.string().min(1), red: z.unknown() });

const REFACTOR_TASK =
  'Refactor the code you changed for this request: clearer names, less duplication, simpler control flow. ' +
  'Do not change behaviour and do not touch tests. If the code is already clear, change nothing and call finish.';

export function refactorStep(deps: TddStepDependencies): HealableStepHandler {
  // The green version, from before the first attempt: a retry's rollback goes back to it too.
  const marks = new TaskScoped<JournalMark>();
  return {
    async run(input, context, hint) {
      const { request: asked, red: redInput } = inputSchema.parse(input);
      const { greenGate, tamperGuard } = deps.superpowers.tdd();
      const red = redOutputOf(redInput, 'refactor');
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const mark = await marks.get(context, () => deps.undo.mark());
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const skills = stepSkills(deps.skills, 'refactor', request);
      const result = await runCodeBot(
        { description: REFACTOR_TASK, context: [`The request was: ${request}`, skills.index, memory.text, recoveryNote(hint)].filter(Boolean).join('\n\n') },
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, tools: memory.tools, ...skills.tools },
        { workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps, canWrite: tamperGuard },
      );
      if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
      const timeoutMs = deps.limits.testTimeoutMs;
      const run = await runSuite(deps.tests, context, `${workflowId} refactor`, { timeoutMs });
      const expected = greenExpectations(red);
      const gate = greenGate(run, expected);
      if (gate.passed) {
        const summary = result.outcome === 'finished' ? result.answer.summary : `the refactor ended early (${result.reason}); the suite is green`;
        await deps.memory.record(workflowId, { kind: 'decision', text: `refactor kept: ${firstLine(summary)}`, by: 'codebot', taskId: context.taskId });
        return { output: { kept: true, summary, tests: run.summary } };
      }
      const rollback = await deps.undo.rollback(workflowId, mark);
      const after = await runSuite(deps.tests, context, `${workflowId} refactor: after rollback`, { timeoutMs });
      const stillGreen = greenGate(after, expected);
      if (!stillGreen.passed) throw new Error(`the refactor broke the suite and rolling it back did not restore green: ${stillGreen.reason}`);
      const summary = `the refactor broke the suite (${gate.reason.split('\n')[0]}); its edits were rolled back`;
      await deps.memory.record(workflowId, { kind: 'decision', text: `refactor rolled back: ${summary}`, by: 'engine', taskId: context.taskId });
      return { output: { kept: false, summary, rolledBack: [...rollback.restored, ...rollback.deleted], tests: after.summary } };
    },
  };
}
