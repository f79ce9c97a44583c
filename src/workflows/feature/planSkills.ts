// The Product Owner with skills: it sees the skill index in its request and may call use_skill (and
// what the skills bring) before it answers with its plan in text. A bounded number of rounds of tool
// calls; each result goes back as data, as in every agent's loop; then it must answer.
import { toolSpec, type AgentTool, type ToolContext } from '../../agents/tools/agentTool';
import { runToolCall } from '../../agents/tools/toolCall';
import type { ChatMessage, ChatResponse, EventSink, ModelClient } from '../../core/ports';
import { asData } from '../../core/untrustedData';

/** Rounds of tool calls before the Product Owner must answer with its plan. */
export const PLAN_TOOL_ROUNDS = 3;

export interface PlanChat {
  readonly model: ModelClient;
  /** Grows with the tool calls and their results. */
  readonly messages: ChatMessage[];
  /** use_skill and the like; empty: a plain chat. */
  readonly tools: readonly AgentTool[];
  readonly context: ToolContext;
  readonly events: EventSink;
}

/** The Product Owner's next answer in text, after whatever skills it loads on the way. */
export async function askProductOwner(chat: PlanChat): Promise<ChatResponse> {
  const { model, messages, tools, context, events } = chat;
  const specs = tools.map(toolSpec);
  const toolset = { role: 'product-owner' as const, tools };
  const { workflowId, taskId } = context.origin;
  for (let round = 0; ; round++) {
    const offer = specs.length > 0 && round < PLAN_TOOL_ROUNDS;
    const response = await model.chat({
      role: 'product-owner',
      messages,
      ...(offer && { tools: specs }),
      temperature: 0,
      ...(context.signal && { signal: context.signal }),
      workflowId,
      ...(taskId !== undefined && { taskId }),
    });
    if (!offer || response.toolCalls.length === 0) return response;
    messages.push({ role: 'assistant', content: response.content, toolCalls: response.toolCalls });
    for (const call of response.toolCalls) {
      const outcome = await runToolCall(call, toolset, context, events);
      messages.push({ role: 'tool', toolCallId: call.id, content: outcome.result.outcome === 'ok' ? asData(call.name, outcome.result.content) : outcome.result.content });
    }
    if (round + 1 === PLAN_TOOL_ROUNDS) messages.push({ role: 'user', content: 'Now answer with the plan: only the JSON object.' });
  }
}
