// Runs one tool call from the model: finds the tool, checks the arguments, runs it, and turns every
// failure into a result the model reads, so a bad call costs a step, never the run. Each call is
// reported as a 'tool' event. What a tool returns is untrusted: secrets in it are withheld before
// the event or the model sees it (the agent loop delimits it as data in the transcript), and paths
// in it are made workspace-relative.
import { redactSecrets } from '../../core/board/secretRedaction';
import { secretValuesOf } from '../../core/secretNames';
import { WorkspaceError, type EventSink, type ToolCall } from '../../core/ports';
import type { AgentRole } from '../../shared/agents';
import { failed, ok, refused, type AgentTool, type FinishTool, type ToolContext, type ToolResult } from './agentTool';
import { withoutHostPaths } from './hostPaths';
import { parseToolArguments } from './toolArguments';

/** A result longer than this is cut: one huge output must not push the task out of the context. */
const MAX_RESULT_CHARS = 30_000;

export interface Toolset<Answer extends { readonly summary: string }> {
  readonly role: AgentRole;
  readonly tools: readonly AgentTool[];
  readonly finish: FinishTool<Answer>;
}

/** A toolset, or the tools of a role that answers in text after its calls (the Product Owner's plan): no finish. */
export type CallableTools<Answer extends { readonly summary: string }> = Omit<Toolset<Answer>, 'finish'> & { readonly finish?: FinishTool<Answer> };

export interface ToolCallOutcome<Answer> {
  readonly result: ToolResult;
  /** Present when the call was a finish whose answer passed verification. */
  readonly finished?: { readonly answer: Answer };
}

/** Runs the call. Throws only when the context's signal aborts, so the loop can stop. */
export async function runToolCall<Answer extends { readonly summary: string }>(
  call: ToolCall,
  toolset: CallableTools<Answer>,
  context: ToolContext,
  events: EventSink,
): Promise<ToolCallOutcome<Answer>> {
  const started = performance.now();
  let path: string | undefined;
  let outcome: ToolCallOutcome<Answer>;
  let quotesModel = false;
  try {
    outcome = await dispatch(call, toolset, context, (concerned) => (path = concerned));
  } catch (error) {
    if (context.signal?.aborted) throw error;
    outcome = { result: resultOfError(call.name, error) };
    // The workspace's refusals quote the path the model gave, absolute or not, so it sees what it sent.
    quotesModel = error instanceof WorkspaceError;
  }
  const redacted = await redactSecrets(outcome.result.content, secretValuesOf(process.env));
  outcome = { ...outcome, result: { ...outcome.result, content: quotesModel ? redacted.text : withoutHostPaths(redacted.text, context.workspace.root) } };
  const { result } = outcome;
  const { workflowId, taskId } = context.origin;
  events({
    type: 'tool',
    agent: toolset.role,
    tool: call.name,
    workflowId,
    ...(taskId !== undefined && { taskId }),
    ...(path !== undefined && { path }),
    outcome: result.outcome,
    durationMs: Math.round(performance.now() - started),
    ...(result.outcome !== 'ok' && { message: result.content.split('\n')[0].slice(0, 300) }),
  });
  const content =
    result.content.length <= MAX_RESULT_CHARS ? result.content : `${result.content.slice(0, MAX_RESULT_CHARS)}\n[… ${result.content.length - MAX_RESULT_CHARS} more characters cut]`;
  return { ...outcome, result: { ...result, content } };
}

async function dispatch<Answer extends { readonly summary: string }>(
  call: ToolCall,
  toolset: CallableTools<Answer>,
  context: ToolContext,
  concerns: (path: string) => void,
): Promise<ToolCallOutcome<Answer>> {
  const { finish } = toolset;
  if (finish && call.name === finish.name) {
    const parsed = parseToolArguments(call.name, call.arguments, finish.schema);
    if (!parsed.ok) return { result: failed(parsed.message) };
    const problem = await finish.verify(parsed.value, context);
    if (problem !== undefined) return { result: failed(`Not finished: ${problem}`) };
    return { result: ok('Finished.'), finished: { answer: parsed.value } };
  }
  const tool = toolset.tools.find((candidate) => candidate.name === call.name);
  if (!tool) {
    const names = [...toolset.tools.map((candidate) => candidate.name), ...(finish ? [finish.name] : [])].join(', ');
    return { result: failed(`There is no tool named ${JSON.stringify(call.name)}. The tools are: ${names}.`) };
  }
  const parsed = parseToolArguments(call.name, call.arguments, tool.schema);
  if (!parsed.ok) return { result: failed(parsed.message) };
  const path = tool.pathOf?.(parsed.value);
  if (path !== undefined) concerns(path);
  return { result: await tool.run(parsed.value, context) };
}

function resultOfError(toolName: string, error: unknown): ToolResult {
  if (error instanceof WorkspaceError) {
    const byPolicy = error.code === 'outside-root' || error.code === 'protected' || error.code === 'refused';
    return byPolicy ? refused(error.message) : failed(error.message);
  }
  return failed(`${toolName} failed: ${error instanceof Error ? error.message : String(error)}`);
}
