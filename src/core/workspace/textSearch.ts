// Matching a search query against file text, line by line: the part of Workspace.search that does
// not depend on how files are reached.
import { WorkspaceError, type TextMatch } from '../ports';

/** A matched line longer than this is cut, so one minified file cannot flood a result. */
const MAX_LINE_CHARS = 400;

export type LineMatcher = (line: string) => boolean;

/** Compiles the query once; an invalid regular expression is refused with the parser's reason. */
export function compileQuery(query: string, options: { readonly regex?: boolean; readonly caseSensitive?: boolean }): LineMatcher {
  if (query === '') throw new WorkspaceError('refused', 'The search query is empty.');
  if (options.regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(query, options.caseSensitive ? '' : 'i');
    } catch (error) {
      throw new WorkspaceError('refused', `The search query is not a valid regular expression: ${(error as Error).message}`);
    }
    return (line) => pattern.test(line);
  }
  if (options.caseSensitive) return (line) => line.includes(query);
  const lowered = query.toLowerCase();
  return (line) => line.toLowerCase().includes(lowered);
}

/** The matching lines of one file, at most `limit`. */
export function matchLines(path: string, text: string, matches: LineMatcher, limit: number): TextMatch[] {
  const found: TextMatch[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    const line = lines[index];
    if (matches(line)) {
      found.push({ path, line: index + 1, text: line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line });
    }
  }
  return found;
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
