import { z } from 'zod';
import { failed, ok, type AgentTool } from './agentTool';

/** One call shows at most this much, so a large file cannot crowd out the conversation. */
const MAX_LINES = 400;
const MAX_CHARS = 24_000;

const schema = z
  .strictObject({
    path: z.string().min(1),
    start_line: z.number().int().min(1).optional(),
    end_line: z.number().int().min(1).optional().describe('Inclusive.'),
  })
  .refine((args) => args.start_line === undefined || args.end_line === undefined || args.end_line >= args.start_line, {
    message: 'end_line must not be before start_line',
    path: ['end_line'],
  });

export const readFileTool: AgentTool<z.infer<typeof schema>> = {
  name: 'read_file',
  description: `Read a text file, at most ${MAX_LINES} lines a call.`,
  schema,
  pathOf: (args) => args.path,
  async run(args, context) {
    const text = await context.workspace.read(args.path);
    const lines = text.split('\n');
    // A final newline ends the last line; it does not start another.
    if (lines[lines.length - 1] === '') lines.pop();
    const total = lines.length;
    if (total === 0) return ok(`"${args.path}" is empty.`);
    const start = args.start_line ?? 1;
    if (start > total) return failed(`start_line ${start} is past the end of "${args.path}", which has ${total} lines.`);
    const wantedEnd = Math.min(args.end_line ?? total, total);
    const shown: string[] = [];
    let chars = 0;
    for (let line = start; line <= wantedEnd && shown.length < MAX_LINES; line++) {
      const lineText = lines[line - 1];
      if (shown.length > 0 && chars + lineText.length > MAX_CHARS) break;
      shown.push(lineText);
      chars += lineText.length + 1;
    }
    const end = start + shown.length - 1;
    const header = `"${args.path}", lines ${start}-${end} of ${total}:`;
    const more = end < wantedEnd ? `\n[… truncated at line ${end} of ${total}: call read_file with start_line ${end + 1} to read on.]` : '';
    return ok(`${header}\n${shown.join('\n')}${more}`);
  },
};
