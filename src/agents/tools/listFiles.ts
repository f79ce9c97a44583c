import { z } from 'zod';
import { ON_DEMAND } from '../../shared/leanJsonSchema';
import { ok, type AgentTool } from './agentTool';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

const schema = z.strictObject({
  path: z.string().optional(),
  recursive: z.boolean().optional(),
  // Told of by the note on a listing cut short, not in every request's spec.
  limit: z.number().int().min(1).max(MAX_LIMIT).optional().meta(ON_DEMAND),
});

export const listFilesTool: AgentTool<z.infer<typeof schema>> = {
  name: 'list_files',
  description: 'List a folder (folders end with "/").',
  schema,
  pathOf: (args) => args.path,
  async run(args, context) {
    const limit = args.limit ?? DEFAULT_LIMIT;
    // One more than asked tells whether there is more.
    const entries = await context.workspace.list(args.path ?? '', { recursive: args.recursive, limit: limit + 1 });
    if (entries.length === 0) return ok(args.path ? `"${args.path}" is empty.` : 'The workspace is empty.');
    const lines = entries.slice(0, limit).map((entry) => (entry.kind === 'directory' ? `${entry.path}/` : entry.path));
    if (entries.length > limit) lines.push(`[… more entries not shown: list a narrower folder${limit < MAX_LIMIT ? ` or raise limit (${limit} now, at most ${MAX_LIMIT})` : ''}.]`);
    return ok(lines.join('\n'));
  },
};
