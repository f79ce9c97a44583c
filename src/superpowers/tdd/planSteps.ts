// Plan: the Product Owner turns the request into acceptance criteria and tasks; then the Board
// reviews that plan and may send it back once, with its reasons.
import { z } from 'zod';
import type { ChatMessage } from '../../core/ports';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import type { FeatureDependencies } from './featureWorkflow';

const planSchema = z.strictObject({
  criteria: z.array(z.string().trim().min(1).max(500)).min(1).max(12),
  tasks: z.array(z.string().trim().min(1).max(500)).max(12).default([]),
});

export type Plan = z.infer<typeof planSchema>;

const PRODUCT_OWNER_PROMPT = [
  'You are the Product Owner of a software team that works test-first.',
  'Turn the request into acceptance criteria: each one a behaviour a test can check, with concrete inputs and outputs where the request implies them. Add no scope the request does not ask for.',
  'Then list the tasks in order, naming the files where you can.',
  'Answer with one JSON object and nothing else: {"criteria": ["..."], "tasks": ["..."]}.',
].join('\n');

const inputSchema = z.object({ request: z.string().min(1), feedback: z.array(z.string()).optional() });

export function planStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, feedback } = inputSchema.parse(input);
      const files = await deps.workspace.list('', { recursive: true, limit: 200 });
      const parts = [`Request: ${request}`, `Files in the workspace:\n${files.filter((f) => f.kind === 'file').map((f) => f.path).join('\n')}`];
      if (feedback?.length) parts.push(`The Board sent the previous plan back:\n${feedback.map((reason) => `- ${reason}`).join('\n')}`);
      const messages: ChatMessage[] = [
        { role: 'system', content: PRODUCT_OWNER_PROMPT },
        { role: 'user', content: parts.join('\n\n') },
      ];
      context.emit({ type: 'agent', agent: 'product-owner', state: 'started', message: 'turning the request into acceptance criteria' });
      const ask = () => deps.model.chat({ role: 'product-owner', messages, temperature: 0, signal: context.signal, workflowId: context.workflowId, taskId: context.taskId });
      let answer = (await ask()).content;
      let parsed = parsePlan(answer);
      if (typeof parsed === 'string') {
        messages.push({ role: 'assistant', content: answer }, { role: 'user', content: `That is not a valid plan: ${parsed}. Answer again with only the JSON object.` });
        answer = (await ask()).content;
        parsed = parsePlan(answer);
      }
      if (typeof parsed === 'string') {
        context.emit({ type: 'agent', agent: 'product-owner', state: 'failed', message: parsed });
        throw new Error(`The Product Owner's plan is not valid: ${parsed}`);
      }
      context.emit({ type: 'agent', agent: 'product-owner', state: 'finished', message: `${parsed.criteria.length} acceptance criteria, ${parsed.tasks.length} tasks` });
      return { output: { criteria: parsed.criteria, tasks: parsed.tasks } };
    },
  };
}

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

const reviewInputSchema = z.object({ request: z.string(), criteria: z.array(z.string()), tasks: z.array(z.string()).default([]) });

export function planReviewStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, criteria, tasks } = reviewInputSchema.parse(input);
      const plan = tasks.map((task, index) => `${index + 1}. ${task}`).join('\n') || '(no tasks listed)';
      const review = await deps.board.review({ kind: 'plan', request, criteria, plan }, { workflowId: context.workflowId, signal: context.signal });
      const output = { outcome: review.outcome, reasons: [...review.reasons] };
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the plan: ${review.reasons.join('; ')}`, output);
      return review.outcome === 'approved' ? { output } : { output, goto: 'plan' };
    },
  };
}
