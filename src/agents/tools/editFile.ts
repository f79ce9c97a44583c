import { z } from 'zod';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { failed, ok, type AgentTool } from './agentTool';
import { refuseUnwritable } from './writeAccess';

const schema = z.strictObject({
  path: z.string().min(1),
  old_text: z.string().min(1).describe('Exact text; unique unless replace_all.'),
  new_text: z.string(),
  replace_all: z.boolean().optional(),
});

export const editFileTool: AgentTool<z.infer<typeof schema>> = {
  name: 'edit_file',
  description: 'Replace exact text in a file.',
  schema,
  pathOf: (args) => args.path,
  async run(args, context) {
    const refusal = refuseUnwritable(args.path, context);
    if (refusal) return refusal;
    const path = normalizeWorkspacePath(args.path);
    if (args.old_text === args.new_text) return failed('old_text and new_text are the same, so nothing would change.');
    const text = await context.workspace.read(path);
    let oldText = args.old_text;
    let newText = args.new_text;
    let found = occurrences(text, oldText);
    if (found.length === 0 && text.includes('\r\n') && !oldText.includes('\r\n')) {
      // The file has Windows line endings; models write '\n'. Match and write in the file's style.
      const crlf = (value: string) => value.replace(/\r?\n/g, '\r\n');
      found = occurrences(text, crlf(oldText));
      oldText = crlf(oldText);
      newText = crlf(newText);
    }
    if (found.length === 0) return failed(notFound(path, text, args.old_text));
    const lines = found.map((index) => lineOf(text, index));
    if (found.length > 1 && !args.replace_all) {
      return failed(
        `old_text occurs ${found.length} times in "${path}" (at lines ${lines.join(', ')}). Include more surrounding lines to make it unique, or set replace_all to true.`,
      );
    }
    // Sliced rather than String.replace, which would read "$&" and "$1" in new_text as patterns.
    let updated = '';
    let from = 0;
    for (const index of found) {
      updated += text.slice(from, index) + newText;
      from = index + oldText.length;
    }
    updated += text.slice(from);
    await context.workspace.write(path, updated, context.origin);
    const count = found.length === 1 ? '1 occurrence' : `${found.length} occurrences`;
    return ok(`Edited "${path}": replaced ${count} (at line${found.length === 1 ? '' : 's'} ${lines.join(', ')}).`);
  },
};

/** Start indexes of the non-overlapping occurrences of `needle`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) found.push(index);
  return found;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** Points the model at where its text nearly matched, the usual cause being whitespace. */
function notFound(path: string, text: string, oldText: string): string {
  const message = `old_text was not found in "${path}".`;
  const firstLine = oldText.split('\n').find((line) => line.trim() !== '')?.trim();
  const near = firstLine === undefined ? [] : text.split('\n').flatMap((line, index) => (line.trim() === firstLine ? [index + 1] : []));
  if (near.length > 0) {
    return `${message} Its first line appears at line ${near.slice(0, 5).join(', ')}, but what follows or the whitespace differs. Read those lines again and copy them exactly.`;
  }
  return `${message} Read the file again and copy the text exactly, including whitespace and indentation.`;
}
