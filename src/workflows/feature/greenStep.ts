// Green: each planned task with its agent. The agents held to the tests written first (CodeBot, or
// another test-checked agent the plan names) change the code, never the tests (their write guard),
// until the engine's own run of the suite passes the green gate; each failing run goes back to them.
// Then each agent with its own checks (DesignBot in a browser) works until those pass, and the gate
// runs once more, so a page change cannot break the tests. Attempts are bounded; when they run out
// the healing ladder decides what happens next.
import { z } from 'zod';
import type { ChecksBefore, TaskAttempt, TestCheckedAgent } from '../../agents/dispatch/taskAgent';
import { testRunFeedback } from '../../agents/tools/testRunSummary';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import type { AgentRole } from '../../shared/agents';
import { criteriaOf } from '../../superpowers/planning/plan';
import { plannedTasksOf } from '../../superpowers/planning/plannedTask';
import { failingTestsNote } from '../../superpowers/tdd/greenLoop';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { greenExpectations, redOutputOf } from '../../superpowers/tdd/redOutput';
import { attempts, runSuite } from '../../superpowers/tdd/suiteRun';
import { TaskScoped } from '../../superpowers/tdd/taskScoped';
import type { AgentOutcome } from '../../superpowers/tdd/agentOutcome';
import { firstLine } from '../../superpowers/tdd/stepMemory';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { selfCheckedGreen } from './selfCheckedGreen';
import { stepSkills } from '../../superpowers/registry/stepSkills';

const inputSchema = z.object({
  request: z.string().min(1),
  criteria: z.unknown(),
  /** The plan's tasks with their agents; absent in a workflow started before tasks were tagged. */
  tasks: z.unknown().optional(),
  red: z.unknown(),
  /** The Board's findings when review sent the work back. */
  findings: z.array(z.string()).optional(),
});

export function greenStep(deps: TddStepDependencies): HealableStepHandler {
  // The self-checked agents' checks before green changed anything: on the ladder's next attempt the
  // first attempt's changes are still there, so "before" must be the first attempt's.
  const checksBefore = new TaskScoped<ReadonlyMap<AgentRole, ChecksBefore>>();
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, tasks, red: redInput, findings } = inputSchema.parse(input);
      const { greenGate } = deps.superpowers.tdd();
      const criteria = criteriaOf(criteriaInput, context.step);
      const red = redOutputOf(redInput, 'green');
      const dispatch = deps.agents.dispatch(plannedTasksOf(tasks));
      const { workflowId } = context;
      const run = { workflowId, taskId: context.taskId, signal: context.signal, emit: context.emit, maxSteps: deps.limits.agentSteps };
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const befores = await checksBefore.get(context, async () => {
        const made = new Map<AgentRole, ChecksBefore>();
        for (const { agent, tasks: agentTasks } of dispatch.selfChecked) made.set(agent.id, await agent.checks.before({ request, tasks: agentTasks }, run));
        return made;
      });
      const expected = greenExpectations(red);
      const notes = [`These tests were written first and must pass, unchanged:\n${byFile(red.redTests) || red.testFiles.map((f) => `- every test in ${f}`).join('\n')}`];
      const boardNote = findings?.length ? `The Board reviewed your last change and asks for:\n${findings.map((f) => `- ${f}`).join('\n')}` : '';
      if (boardNote) notes.push(boardNote);
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const recovery = recoveryNote(hint);
      const skills = stepSkills(deps.skills, 'green', request);
      const single = dispatch.testChecked.length === 1;
      const names = dispatch.testChecked.map(({ agent }) => agent.title).join(' and ');
      let lastFailure = '';
      /** The last failure in a line, once a try has failed. */
      let lastFailureLine: string | undefined;
      for (let attempt = 1; attempt <= deps.limits.greenAttempts; attempt++) {
        const tries: { readonly agent: TestCheckedAgent; readonly tasks: readonly string[]; readonly result: TaskAttempt }[] = [];
        for (const { agent, tasks: agentTasks } of dispatch.testChecked) {
          const result = await agent.attempt({ request, criteria, tasks: agentTasks, context: [skills.index, memory.text, recovery, ...notes, lastFailure].filter(Boolean).join('\n\n'), tools: memory.tools, ...skills.tools }, run);
          tries.push({ agent, tasks: agentTasks, result });
        }
        const suite = await runSuite(deps.tests, context, `${workflowId} green: attempt ${attempt}`, { timeoutMs: deps.limits.testTimeoutMs });
        const gate = greenGate(suite, expected);
        if (gate.passed) {
          for (const { agent, result } of tries) {
            if (result.outcome !== 'finished') continue;
            await deps.memory.record(workflowId, { kind: 'decision', text: `${agent.title}: ${firstLine(result.summary)}`, by: agent.id, taskId: context.taskId });
            if (result.changedFiles.length > 0) await deps.memory.record(workflowId, { kind: 'files', text: `${agent.title} changed ${result.changedFiles.join(', ')}`, by: agent.id, taskId: context.taskId });
          }
          await deps.memory.record(workflowId, { kind: 'test-result', text: `green: ${gate.summary} (${names}'s try ${attempt})`, by: 'engine', taskId: context.taskId });
          const dispatched: AgentOutcome[] = tries.map(({ agent, tasks: agentTasks, result }) => ({
            agent: agent.id,
            title: agent.title,
            tasks: agentTasks,
            checkedBy: 'tests',
            attempts: attempt,
            summary: result.outcome === 'finished' ? result.summary : `ended early (${result.reason}); the tests pass`,
          }));
          for (const group of dispatch.selfChecked) {
            const before = befores.get(group.agent.id);
            if (!before) throw new Error(`no checks were made for ${group.agent.title} before green`);
            dispatched.push(await selfCheckedGreen(group, before, { request, notes: [memory.text, recovery, boardNote].filter((note): note is string => Boolean(note)), tools: memory.tools, ...skills.tools, attempts: deps.limits.greenAttempts }, run));
          }
          let tests = suite.summary;
          if (dispatch.selfChecked.length > 0) {
            const after = await runSuite(deps.tests, context, `${workflowId} green: after ${dispatch.selfChecked.map(({ agent }) => agent.title).join(', ')}`, { timeoutMs: deps.limits.testTimeoutMs });
            const still = greenGate(after, expected);
            if (!still.passed) throw new StepFailure('step-failed', `The tests passed, then ${dispatch.selfChecked.map(({ agent }) => agent.title).join(' and ')} changed files and they no longer do (${still.cause}): ${still.reason}`);
            tests = after.summary;
          }
          const first = tries[0].result;
          return {
            output: {
              summary: [gate.summary, ...dispatched.filter((outcome) => outcome.checkedBy === 'own checks').map((outcome) => firstLine(outcome.summary))].join(' '),
              attempts: attempt,
              tests,
              dispatched,
              // What learning keeps: the failure a later try fixed, and the Board's asks it met.
              ...(lastFailureLine !== undefined && first.outcome === 'finished' && { fixed: { failure: lastFailureLine, by: firstLine(first.summary) } }),
              ...(findings?.length && { addressed: findings }),
            },
          };
        }
        const said = tries.map(({ agent, result }) => {
          const who = single ? 'You' : agent.title;
          return result.outcome === 'finished' ? `${who} said: ${result.summary}` : `${single ? 'Your' : `${agent.title}'s`} attempt ended early: ${result.reason}`;
        });
        lastFailure = testRunFeedback(`Attempt ${attempt} did not reach green (${gate.cause}). ${said.join(' ')}\n${gate.reason}\n\nThe engine's run of the suite:`, suite, deps.workspace.root);
        lastFailureLine = `${gate.cause}: ${firstLine(gate.reason)}${failingTestsNote(gate.failing)}`;
        await deps.memory.record(workflowId, { kind: 'failure', text: `green, ${names}'s try ${attempt}: ${lastFailureLine}`, by: 'engine', taskId: context.taskId });
      }
      throw new StepFailure('step-failed', `${names} did not reach green in ${attempts(deps.limits.greenAttempts)}. ${lastFailure}`);
    },
  };
}

/** Test names under their file: the file said once, not in every test's id. */
function byFile(tests: readonly { readonly file: string; readonly name: string }[]): string {
  const names = new Map<string, string[]>();
  for (const test of tests) names.set(test.file, [...(names.get(test.file) ?? []), test.name]);
  return [...names].map(([file, inFile]) => `${file}:\n${inFile.map((name) => `- ${name}`).join('\n')}`).join('\n');
}
