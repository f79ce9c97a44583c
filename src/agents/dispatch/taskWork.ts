// A try's work as an agent's first message: the request, then its tasks, then the rest.
import type { AgentTask } from '../agentTask';
import type { AgentRunResult } from '../agentLoop';
import type { TaskAttempt, TaskRun, TaskWork } from './taskAgent';

export function agentTaskOf(work: TaskWork): AgentTask {
  const tasks = work.tasks.length > 0 ? `Your tasks in this workflow:\n${work.tasks.map((task) => `- ${task}`).join('\n')}` : '';
  return { description: work.request, acceptanceCriteria: work.criteria, context: [tasks, work.context].filter(Boolean).join('\n\n') };
}

/** An agent loop's result as a try: canceled throws (the signal's reason), so the step stops. */
export function attemptOf(result: AgentRunResult<{ readonly summary: string; readonly changed_files: readonly string[] }>, run: TaskRun): TaskAttempt {
  if (result.outcome === 'canceled') throw run.signal.reason ?? new Error(result.reason);
  return result.outcome === 'finished' ? { outcome: 'finished', summary: result.answer.summary, changedFiles: result.answer.changed_files } : { outcome: 'ended', reason: `${result.outcome}: ${result.reason}` };
}
