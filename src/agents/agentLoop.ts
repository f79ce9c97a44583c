// The loop every agent runs: the model reads the task, calls tools, reads their results, and so on
// until it calls finish, the step budget runs out, the model fails for good, or the run is canceled.
// Each request sends the transcript through a TranscriptWindow, which keeps it within a token budget.
import type { ChatMessage, ChatResponse, EventSink, ModelClient } from '../core/ports';
import type { TokenUsage } from '../shared/events';
import { asData } from '../core/untrustedData';
import { toolSpec, type ToolContext } from './tools/agentTool';
import { runToolCall, type ToolCallOutcome, type Toolset } from './tools/toolCall';
import { boundReply } from './replyBounds';
import { TranscriptWindow } from './transcriptWindow';

const DEFAULT_MAX_STEPS = 30;
/** Replies in a row with no tool call before the run ends: a model that only chats is not working. */
const MAX_CHAT_ONLY_REPLIES = 3;

export interface AgentDefinition<Answer extends { readonly summary: string }> extends Toolset<Answer> {
  readonly systemPrompt: string;
}

export interface AgentRunInput {
  /** The user message: the task and its context. */
  readonly task: string;
  readonly model: ModelClient;
  /** The workspace, tests, writer identity, write guard and cancellation the tools work with. */
  readonly context: ToolContext;
  readonly events: EventSink;
  /** Model calls allowed. A repeat of a call that already failed costs one more. Default 30. */
  readonly maxSteps?: number;
  readonly temperature?: number;
  /** Estimated prompt tokens a request may take before old tool results are elided. Default 6,000. */
  readonly promptBudgetTokens?: number;
}

interface RunStats {
  /** Steps used: model calls, plus the extra charged for repeated failing calls. */
  readonly steps: number;
  readonly toolCalls: number;
  /** Summed over every model call of the run. */
  readonly usage: TokenUsage;
  /** Undefined when no model call reported a price. */
  readonly costUsd?: number;
  /** The whole conversation, nothing elided, for the log and for a later attempt. */
  readonly transcript: readonly ChatMessage[];
}

export type AgentRunResult<Answer> = RunStats &
  (
    | { readonly outcome: 'finished'; readonly answer: Answer }
    | { readonly outcome: 'budget-exhausted' | 'failed' | 'canceled'; readonly reason: string }
  );

type Ending<Answer> = { outcome: 'finished'; answer: Answer } | { outcome: 'budget-exhausted' | 'failed' | 'canceled'; reason: string };

const NUDGE = 'Continue by calling a tool. When the task is done, call finish with your answer.';
const CUT_OFF = 'Your reply was cut off at the length limit. Continue with a tool call, and keep each call small.';
const REPEATED =
  '\n[You made this exact call before and it failed then too. This repeat cost an extra step: change the call or the approach.]';

export async function runAgent<Answer extends { readonly summary: string }>(
  agent: AgentDefinition<Answer>,
  input: AgentRunInput,
): Promise<AgentRunResult<Answer>> {
  const { context, events, model } = input;
  const { signal } = context;
  const maxSteps = input.maxSteps ?? DEFAULT_MAX_STEPS;
  const { workflowId, taskId } = context.origin;
  const ids = { workflowId, ...(taskId !== undefined && { taskId }) };
  const tools = [...agent.tools, agent.finish].map(toolSpec);
  const window = new TranscriptWindow(input.promptBudgetTokens, tools);
  const transcript: ChatMessage[] = [
    { role: 'system', content: agent.systemPrompt },
    { role: 'user', content: input.task },
  ];
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let costUsd: number | undefined;
  let steps = 0;
  let toolCalls = 0;
  /** Calls (name and argument text) that failed, to charge for repeats. */
  const failedCalls = new Set<string>();
  let chatOnlyReplies = 0;

  const end = (ending: Ending<Answer>): AgentRunResult<Answer> => {
    events({
      type: 'agent',
      agent: agent.role,
      ...ids,
      state: ending.outcome === 'finished' ? 'finished' : 'failed',
      message: ending.outcome === 'finished' ? ending.answer.summary : `${ending.outcome}: ${ending.reason}`,
    });
    return { ...ending, steps, toolCalls, usage, ...(costUsd !== undefined && { costUsd }), transcript };
  };
  const canceled = (): AgentRunResult<Answer> => end({ outcome: 'canceled', reason: describeAbort(signal) });

  events({ type: 'agent', agent: agent.role, ...ids, state: 'started', message: input.task.split('\n')[0].slice(0, 200) });
  while (steps < maxSteps) {
    if (signal?.aborted) return canceled();
    steps++;
    events({ type: 'agent', agent: agent.role, ...ids, state: 'step', step: steps });
    let response: ChatResponse;
    try {
      response = await model.chat({ role: agent.role, messages: window.view(transcript), tools, temperature: input.temperature, signal, workflowId, taskId });
    } catch (error) {
      if (signal?.aborted) return canceled();
      return end({ outcome: 'failed', reason: `The model call failed: ${error instanceof Error ? error.message : String(error)}` });
    }
    usage = addUsage(usage, response.usage);
    if (response.costUsd !== undefined) costUsd = (costUsd ?? 0) + response.costUsd;
    // What is kept is re-sent with later requests: a reply of megabytes is kept to its caps.
    const reply = boundReply(response);
    transcript.push({ role: 'assistant', content: reply.content, ...(reply.toolCalls.length > 0 && { toolCalls: reply.toolCalls }) });
    if (reply.toolCalls.length === 0) {
      if (++chatOnlyReplies >= MAX_CHAT_ONLY_REPLIES) {
        return end({ outcome: 'failed', reason: `The model replied ${chatOnlyReplies} times in a row without calling a tool.` });
      }
      transcript.push({ role: 'user', content: response.finishReason === 'length' ? CUT_OFF : NUDGE });
      continue;
    }
    chatOnlyReplies = 0;
    let finished: { readonly answer: Answer } | undefined;
    for (const call of reply.toolCalls) {
      if (finished) {
        // Every call needs a result in the transcript, even one that comes after finish.
        transcript.push({ role: 'tool', toolCallId: call.id, content: 'Not run: finish was called before it.' });
        continue;
      }
      const refusal = reply.refused.get(call.id);
      if (refusal !== undefined) {
        transcript.push({ role: 'tool', toolCallId: call.id, content: refusal });
        continue;
      }
      toolCalls++;
      let outcome: ToolCallOutcome<Answer>;
      try {
        outcome = await runToolCall(call, agent, context, events);
      } catch (error) {
        if (signal?.aborted) return canceled();
        throw error;
      }
      let content = carriesMaterial(call.name, outcome) ? asData(call.name, outcome.result.content) : outcome.result.content;
      if (outcome.result.outcome !== 'ok') {
        const key = `${call.name}\u0000${call.arguments}`;
        if (failedCalls.has(key)) {
          steps++;
          content += REPEATED;
        }
        failedCalls.add(key);
      }
      transcript.push({ role: 'tool', toolCallId: call.id, content });
      finished = outcome.finished;
      if (signal?.aborted) return canceled();
    }
    if (finished) return end({ outcome: 'finished', answer: finished.answer });
  }
  return end({ outcome: 'budget-exhausted', reason: `Used all ${maxSteps} steps without calling finish.` });
}

/**
 * Whether a result carries workspace material (file contents, matches, listings, test output): that is
 * delimited as data (see untrustedData.ts). Imperium's own refusals and errors, and finish, are not.
 */
function carriesMaterial(tool: string, outcome: ToolCallOutcome<unknown>): boolean {
  if (outcome.finished || tool === 'write_file' || tool === 'edit_file') return false;
  return outcome.result.outcome === 'ok' || tool === 'run_tests';
}

function addUsage(total: TokenUsage, more: TokenUsage): TokenUsage {
  return {
    promptTokens: total.promptTokens + more.promptTokens,
    completionTokens: total.completionTokens + more.completionTokens,
    totalTokens: total.totalTokens + more.totalTokens,
  };
}

function describeAbort(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return `Canceled: ${reason.message}`;
  return typeof reason === 'string' ? `Canceled: ${reason}` : 'Canceled.';
}
