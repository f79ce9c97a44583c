// The recall_memory tool: an agent looks up what its workflow has established so far (short-term)
// and what earlier workflows taught (long-term patterns). Shaped as an agent tool (name, description,
// zod schema, run) so it joins a role's tool set as it is; it reads the workflow from the caller's
// write origin, so an agent only ever sees its own workflow's context.
import { z } from 'zod';
import type { RecallResult } from './longTermMemory';
import type { WorkflowMemory } from './workflowMemory';

const schema = z.strictObject({
  query: z.string().trim().min(1).max(500).describe('A few words.'),
  scope: z
    .enum(['workflow', 'learned', 'both'])
    .default('both')
    .describe('workflow: this one; learned: earlier ones.'),
  limit: z.number().int().min(1).max(10).default(5),
});

export type RecallMemoryArgs = z.infer<typeof schema>;

/** What the tool needs of the agent tool context. */
export interface RecallMemoryContext {
  readonly origin: { readonly workflowId: string };
  readonly signal?: AbortSignal;
}

export interface RecallMemoryResult {
  readonly outcome: 'ok';
  readonly content: string;
}

/** Each memory shown is cut to this, so a recall cannot crowd out the conversation. */
const MAX_ENTRY_CHARS = 600;

/** Long-term memory as the tool reads it: one LongTermMemory, or both scopes together (LearnedMemories). */
export interface LearnedRecall {
  recall(query: string, options: { readonly limit: number; readonly signal?: AbortSignal }): Promise<RecallResult>;
}

export function recallMemoryTool(memory: { readonly workflow: WorkflowMemory; readonly learned?: LearnedRecall }) {
  return {
    name: 'recall_memory',
    description: "Search this workflow's memory and lessons from earlier workflows.",
    schema,
    async run(args: RecallMemoryArgs, context: RecallMemoryContext): Promise<RecallMemoryResult> {
      const parts: string[] = [];
      if (args.scope !== 'learned') {
        const entries = await memory.workflow.recall(context.origin.workflowId, args.query, args.limit);
        parts.push(
          entries.length > 0
            ? `From this workflow:\n${entries.map((entry) => `- [${entry.kind}${entry.by ? `, ${entry.by}` : ''}] ${clip(entry.text)}`).join('\n')}`
            : 'From this workflow: nothing matches.',
        );
      }
      if (args.scope !== 'workflow') {
        if (!memory.learned) parts.push('Learned patterns: long-term memory is not available.');
        else {
          const result = await memory.learned.recall(args.query, { limit: args.limit, ...(context.signal && { signal: context.signal }) });
          parts.push(
            result.hits.length > 0
              ? `Learned patterns:\n${result.hits.map(({ record }) => `- ${record.title} (${record.kind}, ${record.scope}, learned in ${record.provenance.workflowId}): ${clip(record.text)}`).join('\n')}`
              : 'Learned patterns: nothing matches.',
          );
        }
      }
      return { outcome: 'ok', content: parts.join('\n\n') };
    },
  };
}

function clip(text: string): string {
  return text.length > MAX_ENTRY_CHARS ? `${text.slice(0, MAX_ENTRY_CHARS)}…` : text;
}
