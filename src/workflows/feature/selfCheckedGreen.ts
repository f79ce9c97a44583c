// Green for the agents that bring their own checks (DesignBot's browser checks): each in turn, once
// the tests written first pass, tries its tasks until its checks pass, within the green attempts.
// The checks, run here after each try, are the gate, not the agent's word.
import type { AgentTasks } from '../../agents/dispatch/taskAgents';
import type { ChecksBefore, SelfCheckedAgent, TaskRun, TaskWork } from '../../agents/dispatch/taskAgent';
import { StepFailure } from '../../core/healing/recoveryHint';
import type { AgentOutcome } from '../../superpowers/tdd/agentOutcome';

export interface SelfCheckedWork {
  readonly request: string;
  /** What every try is told besides its checks: memory, the Board's findings. */
  readonly notes: readonly string[];
  readonly tools?: TaskWork['tools'];
  readonly equipTools?: TaskWork['equipTools'];
  readonly attempts: number;
}

export async function selfCheckedGreen(group: AgentTasks<SelfCheckedAgent>, before: ChecksBefore, work: SelfCheckedWork, run: TaskRun): Promise<AgentOutcome> {
  const { agent, tasks } = group;
  let failing = await agent.checks.failing(before, run);
  let lastNote = '';
  for (let attempt = 1; attempt <= work.attempts; attempt++) {
    const now = failing.length > 0 ? `What its checks find now:\n${failing.map((line) => `- ${line}`).join('\n')}` : 'Its checks pass now; they must still pass after your change.';
    const result = await agent.attempt(
      { request: work.request, criteria: before.criteria, tasks, context: [now, ...work.notes, lastNote].filter(Boolean).join('\n\n'), ...(work.tools && { tools: work.tools }), ...(work.equipTools && { equipTools: work.equipTools }) },
      run,
    );
    failing = await agent.checks.failing(before, run);
    if (failing.length === 0) {
      const evidence = await agent.checks.evidence(before, run);
      const said = result.outcome === 'finished' ? result.summary : `${agent.title} stopped early (${result.reason}), but its checks pass.`;
      return {
        agent: agent.id,
        title: agent.title,
        tasks,
        checkedBy: 'own checks',
        attempts: attempt,
        summary: `${agent.title}'s checks pass (try ${attempt}). ${said}`,
        failingBefore: before.failing,
        criteria: before.criteria,
        evidence,
      };
    }
    lastNote = `Try ${attempt} did not pass the checks. ${result.outcome === 'finished' ? `You said: ${result.summary}` : `Your attempt ended early: ${result.reason}`}`;
  }
  throw new StepFailure('step-failed', `${agent.title} did not make its checks pass in ${work.attempts} ${work.attempts === 1 ? 'try' : 'tries'}; still failing: ${failing.join('; ')}`);
}
