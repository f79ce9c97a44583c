// Plan: the Product Owner turns the request into acceptance criteria and tasks, each tagged with the
// registered agent that should do it; then the Board reviews that plan and may send it back once.
import { z } from 'zod';
import type { ChatMessage } from '../../core/ports';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import type { TaskAgents } from '../../agents/dispatch/taskAgents';
import { criteriaOf, parsePlan } from '../../superpowers/planning/plan';
import { numberedTasks, plannedTasksOf } from '../../superpowers/planning/plannedTask';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { askProductOwner } from './planSkills';
import { stepSkills } from '../../superpowers/registry/stepSkills';
import { UNTRUSTED_DATA_RULE } from '../../core/untrustedData';

export function productOwnerPrompt(agents: TaskAgents): string {
  return [
    'You are the Product Owner of a software team that works test-first.',
    'Turn the request into acceptance criteria: each one a behaviour a test can check, with concrete inputs and outputs where the request implies them. Add no scope the request does not ask for. What an agent checks in a browser (accessibility, layout, contrast) needs no criterion.',
    'Then list the tasks in order, naming the files where you can, each with the agent that should do it:',
    agents.guide(),
    `Answer with one JSON object and nothing else: {"criteria": ["..."], "tasks": [{"task": "...", "agent": "${agents.ids()[0] ?? 'codebot'}"}]}.`,
    UNTRUSTED_DATA_RULE,
  ].join('\n');
}

const inputSchema = z.object({ request: z.string().min(1), feedback: z.array(z.string()).optional() });

export function planStep(deps: TddStepDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, feedback } = inputSchema.parse(input);
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const files = await deps.workspace.list('', { recursive: true, limit: 200 });
      const parts = [`Request: ${request}`, `Files in the workspace:\n${files.filter((f) => f.kind === 'file').map((f) => f.path).join('\n')}`];
      if (feedback?.length) parts.push(`The Board sent the previous plan back:\n${feedback.map((reason) => `- ${reason}`).join('\n')}`);
      const memory = await deps.memory.section(workflowId, request, memoryBudget(deps.limits.memoryTokens, hint), context.signal);
      const recovery = recoveryNote(hint);
      const skills = stepSkills(deps.skills, 'plan', request);
      parts.push(...[skills.index, memory.text, recovery].filter((part): part is string => Boolean(part)));
      const messages: ChatMessage[] = [
        { role: 'system', content: productOwnerPrompt(deps.agents) },
        { role: 'user', content: parts.join('\n\n') },
      ];
      context.emit({ type: 'agent', agent: 'product-owner', state: 'started', message: 'turning the request into acceptance criteria' });
      const tools = skills.tools.equipTools?.([]) ?? [];
      const origin = { workflowId, ...(context.taskId !== undefined && { taskId: context.taskId }), agent: 'product-owner' as const };
      const ask = () => askProductOwner({ model: deps.model, messages, tools, context: { workspace: deps.workspace, origin, signal: context.signal }, events: context.emit });
      let answer = (await ask()).content;
      const agents = deps.agents.ids();
      let parsed = parsePlan(answer, agents);
      if (typeof parsed === 'string') {
        messages.push({ role: 'assistant', content: answer }, { role: 'user', content: `That is not a valid plan: ${parsed}. Answer again with only the JSON object.` });
        answer = (await ask()).content;
        parsed = parsePlan(answer, agents);
      }
      if (typeof parsed === 'string') {
        context.emit({ type: 'agent', agent: 'product-owner', state: 'failed', message: parsed });
        throw new Error(`The Product Owner's plan is not valid: ${parsed}`);
      }
      context.emit({ type: 'agent', agent: 'product-owner', state: 'finished', message: `${parsed.criteria.length} acceptance criteria, ${parsed.tasks.length} tasks` });
      await deps.memory.record(workflowId, { kind: 'criteria', text: numbered(parsed.criteria), by: 'product-owner', taskId: context.taskId });
      if (parsed.tasks.length > 0) await deps.memory.record(workflowId, { kind: 'plan', text: numberedTasks(parsed.tasks), by: 'product-owner', taskId: context.taskId });
      return { output: { criteria: parsed.criteria, tasks: parsed.tasks } };
    },
  };
}

const reviewInputSchema = z.object({ request: z.string(), criteria: z.unknown(), tasks: z.unknown() });

export function planReviewStep(deps: TddStepDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, tasks: tasksInput } = reviewInputSchema.parse(input);
      const tasks = plannedTasksOf(tasksInput);
      const criteria = criteriaOf(criteriaInput, context.step);
      const request = await deps.memory.request(context.workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const plan = numberedTasks(tasks) || '(no tasks listed)';
      const review = await deps.board.review({ kind: 'plan', request, criteria, plan }, { workflowId: context.workflowId, signal: context.signal });
      const output = { outcome: review.outcome, reasons: [...review.reasons] };
      await deps.memory.record(context.workflowId, { kind: 'decision', text: `The Board on the plan: ${review.outcome} (${review.reasons.join('; ')})`, by: 'board', taskId: context.taskId });
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the plan: ${review.reasons.join('; ')}`, output);
      return review.outcome === 'approved' ? { output } : { output, goto: 'plan' };
    },
  };
}

function numbered(items: readonly string[]): string {
  return items.map((item, index) => `${index + 1}. ${item}`).join('\n');
}
