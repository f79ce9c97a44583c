import { z } from 'zod';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { ok, type AgentTool } from './agentTool';
import { refuseUnwritable } from './writeAccess';

const schema = z.strictObject({
  path: z.string().min(1),
  content: z.string().describe('The whole file.'),
});

export const writeFileTool: AgentTool<z.infer<typeof schema>> = {
  name: 'write_file',
  description: 'Create or overwrite a file. Prefer edit_file for changes.',
  schema,
  pathOf: (args) => args.path,
  async run(args, context) {
    const refusal = refuseUnwritable(args.path, context);
    if (refusal) return refusal;
    const path = normalizeWorkspacePath(args.path);
    const existed = await context.workspace.exists(path);
    await context.workspace.write(path, args.content, context.origin);
    const lines = countLines(args.content);
    return ok(`${existed ? 'Replaced' : 'Created'} "${path}" (${lines} ${lines === 1 ? 'line' : 'lines'}).`);
  },
};

function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
