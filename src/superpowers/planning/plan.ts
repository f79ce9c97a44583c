// Planning: a Product Owner's answer read as acceptance criteria and tasks, and the criteria as the
// steps after the plan read them back. Used by every workflow that plans before it tests.
import { z } from 'zod';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';

export const planSchema = z.strictObject({
  criteria: z.array(z.string().trim().min(1).max(500)).min(1).max(12),
  tasks: z.array(z.string().trim().min(1).max(500)).max(12).default([]),
});

export type Plan = z.infer<typeof planSchema>;

/** The plan, or why the answer is not one. */
export function parsePlan(answer: string | null): Plan | string {
  if (!answer?.trim()) return 'the answer was empty';
  const text = answer.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  const result = planSchema.safeParse(json);
  return result.success ? result.data : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * The plan's criteria as a later step reads them. A plan a person skipped has none, and nothing after
 * it can do without them: the workflow ends, saying so.
 */
export function criteriaOf(value: unknown, step: string): string[] {
  if (value === undefined) throw new TerminalStepError(`step "${step}" has no acceptance criteria to work from: step "plan" was skipped`);
  return z.array(z.string()).min(1).parse(value);
}

