// What green says of each agent it dispatched tasks to, as its output keeps it and review and the
// report read it back: the agent, its tasks, how its work was checked and what the checks showed.
import { z } from 'zod';
import type { AgentRole } from '../../shared/agents';
import type { DesignScreenshot } from '../../shared/designScreenshots';

export interface AgentOutcome {
  readonly agent: AgentRole;
  readonly title: string;
  readonly tasks: readonly string[];
  /** 'tests': held to the tests written first; 'own checks': to the agent's own (a browser's for DesignBot). */
  readonly checkedBy: 'tests' | 'own checks';
  readonly attempts: number;
  readonly summary: string;
  /** Own checks only: what failed before the agent changed anything (empty: they passed and had to keep passing). */
  readonly failingBefore?: readonly string[];
  readonly criteria?: readonly string[];
  readonly evidence?: { readonly lines: readonly string[]; readonly screenshots: readonly DesignScreenshot[]; readonly undecided: readonly string[]; readonly advice: readonly string[] };
}

const screenshotSchema = z.object({ page: z.string(), width: z.number(), before: z.string(), after: z.string(), diff: z.string(), differentPixels: z.number(), totalPixels: z.number() });

const outcomeSchema = z.object({
  agent: z.string(),
  title: z.string(),
  tasks: z.array(z.string()),
  checkedBy: z.enum(['tests', 'own checks']),
  attempts: z.number(),
  summary: z.string(),
  failingBefore: z.array(z.string()).optional(),
  criteria: z.array(z.string()).optional(),
  evidence: z.object({ lines: z.array(z.string()), screenshots: z.array(screenshotSchema), undecided: z.array(z.string()), advice: z.array(z.string()) }).optional(),
});

/** The agents a green output names; an output from before green dispatched by agent names none. */
export function agentOutcomesOf(greenOutput: unknown): AgentOutcome[] {
  const parsed = z.object({ dispatched: z.array(outcomeSchema) }).safeParse(greenOutput);
  return parsed.success ? (parsed.data.dispatched as AgentOutcome[]) : [];
}
