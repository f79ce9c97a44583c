import { z } from 'zod';
import { ON_DEMAND } from '../../shared/leanJsonSchema';
import { ok, type AgentTool } from './agentTool';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const schema = z.strictObject({
  query: z.string().min(1).describe('Text, or a JavaScript regex.'),
  regex: z.boolean().optional(),
  case_sensitive: z.boolean().optional(),
  path: z.string().optional().describe('Folder to search.'),
  // Told of by the note on matches cut short, not in every request's spec.
  limit: z.number().int().min(1).max(MAX_LIMIT).optional().meta(ON_DEMAND),
});

export const searchTextTool: AgentTool<z.infer<typeof schema>> = {
  name: 'search_text',
  description: 'Search file lines; returns "path:line: text".',
  schema,
  pathOf: (args) => args.path,
  async run(args, context) {
    const limit = args.limit ?? DEFAULT_LIMIT;
    const matches = await context.workspace.search(args.query, {
      regex: args.regex,
      caseSensitive: args.case_sensitive,
      under: args.path,
      limit: limit + 1,
    });
    if (matches.length === 0) return ok(`No matches for ${JSON.stringify(args.query)}${args.path ? ` under "${args.path}"` : ''}.`);
    const lines = matches.slice(0, limit).map((match) => `${match.path}:${match.line}: ${match.text}`);
    if (matches.length > limit) lines.push(`[… more matches not shown: narrow the query or the path${limit < MAX_LIMIT ? `, or raise limit (${limit} now, at most ${MAX_LIMIT})` : ''}.]`);
    return ok(lines.join('\n'));
  },
};
