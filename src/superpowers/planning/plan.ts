// Planning: a Product Owner's answer read as acceptance criteria and tasks, each task tagged with
// the agent that should do it, and the criteria as the steps after the plan read them back. Used by
// every workflow that plans before it tests.
import { z } from 'zod';
import { plannedTaskSchema } from './plannedTask';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';

export const planSchema = z.strictObject({
  criteria: z.array(z.string().trim().min(1).max(500)).min(1).max(12),
  tasks: z.array(plannedTaskSchema).max(12).default([]),
});

export type Plan = z.infer<typeof planSchema>;

/**
 * The plan, or why the answer is not one. With `agents`, every task must name one of them (a task
 * given as a plain string is CodeBot's, which must then be one of them too).
 */
export function parsePlan(answer: string | null, agents?: readonly string[]): Plan | string {
  if (!answer?.trim()) return 'the answer was empty';
  const text = answer.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  const result = planSchema.safeParse(json);
  if (!result.success) return result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  if (agents) {
    const stray = result.data.tasks.flatMap((task, index) => (agents.includes(task.agent) ? [] : [`tasks.${index}.agent: "${task.agent}" is not one of the agents (${agents.join(', ')})`]));
    if (stray.length > 0) return stray.join('; ');
  }
  return result.data;
}

/**
 * The plan's criteria as a later step reads them. A plan a person skipped has none, and nothing after
 * it can do without them: the workflow ends, saying so.
 */
export function criteriaOf(value: unknown, step: string): string[] {
  if (value === undefined) throw new TerminalStepError(`step "${step}" has no acceptance criteria to work from: step "plan" was skipped`);
  return z.array(z.string()).min(1).parse(value);
}

