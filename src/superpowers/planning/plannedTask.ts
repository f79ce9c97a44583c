// A task of a plan with the agent that should do it, as the Product Owner writes it and as later
// steps read it back. A task written as a plain string (a plan from before tasks were tagged, or a
// stored workflow) belongs to CodeBot, the agent every test-first workflow already had.
import { z } from 'zod';
import { isAgentRole, type AgentRole } from '../../shared/agents';

export interface PlannedTask {
  readonly task: string;
  readonly agent: AgentRole;
}

/** The agent of a task the plan did not tag. */
export const UNTAGGED_TASK_AGENT: AgentRole = 'codebot';

const taskText = z.string().trim().min(1).max(500);

/** One task as a plan may write it: tagged `{task, agent}`, or a plain string (CodeBot's). */
export const plannedTaskSchema = z.union([taskText, z.strictObject({ task: taskText, agent: z.string().trim().toLowerCase() })]).transform((value, context): PlannedTask => {
  if (typeof value === 'string') return { task: value, agent: UNTAGGED_TASK_AGENT };
  if (!isAgentRole(value.agent)) {
    context.addIssue({ code: 'custom', message: `"${value.agent}" is not an agent` });
    return z.NEVER;
  }
  return { task: value.task, agent: value.agent };
});

/** A stored plan's tasks as a later step reads them: absent means none. */
export function plannedTasksOf(value: unknown): PlannedTask[] {
  if (value === undefined || value === null) return [];
  return z.array(plannedTaskSchema).parse(value);
}

/** "1. [designbot] Give the button a name" lines, for prompts, memory and the Board. */
export function numberedTasks(tasks: readonly PlannedTask[]): string {
  return tasks.map((task, index) => `${index + 1}. [${task.agent}] ${task.task}`).join('\n');
}
