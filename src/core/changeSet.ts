// What a workflow changed, file by file: the unit the Board reviews and the report shows.
import { createTwoFilesPatch, diffLines } from 'diff';

export interface ChangedFile {
  /** Workspace-relative, '/'-separated. */
  readonly path: string;
  /** Undefined when the workflow created the file. */
  readonly before?: string;
  /** Undefined when the workflow deleted the file. */
  readonly after?: string;
  /**
   * Set when the change cannot be shown (a side over the size a file is read at, binary, or not
   * readable): `before` and `after` are then both absent, and this says what happened and why.
   */
  readonly notShown?: { readonly change: FileChange; readonly reason: string };
}

export type FileChange = 'created' | 'modified' | 'deleted';

export function changeOf(file: ChangedFile): FileChange {
  return file.notShown?.change ?? (file.before === undefined ? 'created' : file.after === undefined ? 'deleted' : 'modified');
}

export interface AddedLine {
  readonly path: string;
  /** 1-based line number in the new content. */
  readonly line: number;
  readonly text: string;
}

/** The lines the change added (or rewrote), with their numbers in the new file. */
export function addedLines(file: ChangedFile): AddedLine[] {
  if (file.after === undefined) return [];
  const added: AddedLine[] = [];
  let line = 1;
  for (const part of diffLines(file.before ?? '', file.after)) {
    const lines = splitLines(part.value);
    if (part.added) lines.forEach((text, index) => added.push({ path: file.path, line: line + index, text }));
    if (!part.removed) line += lines.length;
  }
  return added;
}

/** A unified diff, as `git diff` would show it, for people and for the Board. */
export function unifiedDiff(file: ChangedFile): string {
  if (file.notShown) return `${file.notShown.change} ${file.path}: ${file.notShown.reason}; its content is not shown\n`;
  const oldName = file.before === undefined ? '/dev/null' : `a/${file.path}`;
  const newName = file.after === undefined ? '/dev/null' : `b/${file.path}`;
  const patch = createTwoFilesPatch(oldName, newName, file.before ?? '', file.after ?? '', undefined, undefined, { context: 3 });
  return patch.replace(/^=+\n/, '');
}

/**
 * The change as a model reviews it: a unified diff, except that a created file is shown as its
 * content under a header, since a '+' on every line of it would say nothing and cost a token a line.
 */
export function reviewDiff(file: ChangedFile): string {
  if (file.notShown || file.before !== undefined || file.after === undefined) return unifiedDiff(file);
  const lines = splitLines(file.after).length;
  return `+++ b/${file.path} (a new file of ${lines} ${lines === 1 ? 'line' : 'lines'}, shown as it is)\n${file.after.endsWith('\n') || file.after === '' ? file.after : `${file.after}\n`}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
