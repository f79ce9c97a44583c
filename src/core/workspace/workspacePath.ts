// What a workspace path as a model or a person wrote it means: its canonical form, or why it has
// none. Apart from the policy of which paths agents may touch (pathPolicy.ts, with its glob
// matcher), so that the editor checks a path a view asks to open without loading that.
import { WorkspaceError } from '../ports';

/**
 * Turns a workspace-relative path as a model or a person wrote it into the canonical form
 * ('/'-separated, no '.', no '..', no empty segments; '' is the root). Backslashes count as
 * separators, so a Windows-style `..\x` cannot slip past. Throws WorkspaceError for absolute paths,
 * escapes above the root and characters no file name should have.
 */
export function normalizeWorkspacePath(input: string): string {
  if ([...input].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f')) {
    throw new WorkspaceError('refused', `${JSON.stringify(input)} contains a control character; file names cannot.`);
  }
  const slashed = input.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    throw new WorkspaceError('outside-root', `"${input}" is an absolute path; give a path relative to the workspace root, such as "src/index.ts".`);
  }
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw new WorkspaceError('outside-root', `"${input}" leads outside the workspace root.`);
      segments.pop();
      continue;
    }
    // Windows reads a colon as a drive or an alternate data stream ("a.ts:hidden").
    if (segment.includes(':')) throw new WorkspaceError('refused', `"${input}" contains ':', which is not allowed in a file name here.`);
    segments.push(segment);
  }
  return segments.join('/');
}
