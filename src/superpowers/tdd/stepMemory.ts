// What the feature steps remember and recall. Short-term: each step records what it established
// (request, criteria, plan, decisions, test results, files touched, failures) in the workflow's
// memory. Long-term: the patterns learned from earlier workflows. Agents get both as a context
// section packed into their task within a token budget, and, when that section cannot hold all
// there is, through the recall_memory tool.
import type { AgentTool } from '../../agents/tools/agentTool';
import type { RecoveryHint } from '../../core/healing/recoveryHint';
import type { LearnedMemories } from '../../core/memory/learnedMemories';
import { recallMemoryTool } from '../../core/memory/recallMemoryTool';
import type { ContextEntryInput, WorkflowMemory } from '../../core/memory/workflowMemory';
import type { StepContext } from '../../core/orchestrator/stepHandler';
import type { Logger } from '../../core/ports';

/** Long-term memories recalled into a task. */
const PATTERNS_PER_TASK = 5;

/** The memory an agent starts with: the section for its task, and recall_memory when there is more than the section shows. */
export interface MemorySection {
  /** Empty when there is nothing to say. */
  readonly text: string;
  /** recall_memory, or none: a tool that could only find what the prompt already holds would cost its spec's tokens in every request. */
  readonly tools: readonly AgentTool[];
}

export class StepMemory {
  private readonly recall: AgentTool;

  constructor(
    readonly workflow: WorkflowMemory,
    readonly learned: LearnedMemories | undefined,
    private readonly logger: Logger,
  ) {
    this.recall = recallMemoryTool({ workflow, ...(learned && { learned }) });
  }

  async record(workflowId: string, entry: ContextEntryInput): Promise<void> {
    await this.workflow.record(workflowId, entry);
  }

  /** On a retry, what went wrong with the last attempt, so that every later prompt knows it. */
  async recordRecovery(context: Pick<StepContext, 'workflowId' | 'taskId' | 'step'>, hint: RecoveryHint | undefined): Promise<void> {
    if (!hint) return;
    await this.record(context.workflowId, { kind: 'failure', text: `${context.step}, attempt ${hint.attempt - 1}: ${hint.failure}: ${firstLine(hint.summary)}`, by: 'engine', taskId: context.taskId });
  }

  /**
   * The request as it stands: a person's rewrite (given on a retry, or recorded by an earlier step)
   * over the workflow's input. The first step to see it records it.
   */
  async request(workflowId: string, input: string, edited?: string): Promise<string> {
    const requests = (await this.workflow.entries(workflowId)).filter((entry) => entry.kind === 'request');
    const latest = requests.at(-1)?.text;
    if (edited !== undefined && edited !== latest) {
      await this.record(workflowId, { kind: 'request', text: edited, by: 'user' });
      return edited;
    }
    if (latest === undefined) await this.record(workflowId, { kind: 'request', text: input, by: 'user' });
    return latest ?? input;
  }

  /**
   * The memory section of an agent's task: what the workflow has established (less what the task
   * states itself) and the patterns learned for the request, within `budgetTokens`; with
   * recall_memory when something was cut or left out for the budget, or long-term memory holds
   * more than the patterns shown.
   */
  async section(workflowId: string, request: string, budgetTokens: number, signal?: AbortSignal): Promise<MemorySection> {
    const patterns = await this.patterns(request, signal);
    const packed = await this.workflow.pack(workflowId, { budgetTokens, patterns, leaveOut: ['request', 'criteria'] });
    const more = packed.cut > 0 || packed.dropped > 0 || (this.learned?.size ?? 0) > patterns.length;
    const tools = more ? [this.recall] : [];
    if (packed.text === '') return { text: '', tools };
    const heading = more ? 'What this workflow has established so far (recall_memory finds more, and lessons from earlier work):' : 'What this workflow has established so far:';
    return { text: `${heading}\n${packed.text.trimEnd()}`, tools };
  }

  private async patterns(request: string, signal: AbortSignal | undefined) {
    if (!this.learned) return [];
    try {
      const result = await this.learned.recall(request, { limit: PATTERNS_PER_TASK, ...(signal && { signal }) });
      return result.hits.map((hit) => hit.record);
    } catch (error) {
      signal?.throwIfAborted();
      // Learned patterns help; a memory that cannot be read now must not stop the work.
      this.logger.warn(`memory: recalling learned patterns failed (${error instanceof Error ? error.message : String(error)}); the agent works without them`);
      return [];
    }
  }
}

/** A memory entry keeps the first line of a long message: the whole of it is in the step's own feedback. */
export function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
