// TODO and FIXME notes in comments (and JSDoc's `@todo`). A note's text runs on over the following
// lines of its comment until an empty line or another tag, so a wrapped TODO stays one note.
import type { CommentGroup } from './commentGroups';

export interface TodoNote {
  readonly tag: 'TODO' | 'FIXME';
  /** What is to be done; empty for a bare `TODO`. */
  readonly text: string;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

/** Upper-case only, at the start of a comment line: "the todo list" in prose is not a note. */
const NOTE = /^(?:(TODO|FIXME)\b|@todo\b)(?:\([^)]*\))?\s*(:?)[\s.\-–—]*(.*)$/;
const ANOTHER_TAG = /^(?:TODO|FIXME|XXX|HACK|NOTE)\b|^@\w/;

export function todoNotes(groups: readonly CommentGroup[]): TodoNote[] {
  const notes: TodoNote[] = [];
  for (const group of groups) {
    const lines = group.lines;
    for (let index = 0; index < lines.length; index++) {
      const match = NOTE.exec(lines[index].text);
      if (!match) continue;
      const words = match[3] ? [match[3]] : [];
      // `TODO:` alone announces the lines below it; a bare `TODO` does not take the next comment line for its text.
      const runsOn = words.length > 0 || match[2] === ':';
      let last = index;
      while (runsOn && last + 1 < lines.length && lines[last + 1].text !== '' && !ANOTHER_TAG.test(lines[last + 1].text)) {
        last++;
        words.push(lines[last].text);
      }
      notes.push({ tag: match[1] === 'FIXME' ? 'FIXME' : 'TODO', text: words.join(' ').trim(), startLine: lines[index].line, endLine: lines[last].line });
      index = last;
    }
  }
  return notes;
}

/** A note that says what to do, not a bare tag. */
export function describesWork(note: TodoNote): boolean {
  return /[\p{L}\p{N}]/u.test(note.text);
}
