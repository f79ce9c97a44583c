// Comments as a reader takes them in: a block comment, or a run of line comments alone on
// consecutive lines at the same column, each line with its markers (`//`, `#`, `/*`, `*/`, the
// leading `*` of a doc comment) taken off.
import { type MaskedSource, type SourceComment, spansWithin } from './maskedSource';

export interface CommentLine {
  /** 0-based. */
  readonly line: number;
  /** Without markers, trimmed. */
  readonly text: string;
}

export interface CommentGroup {
  readonly start: number;
  readonly end: number;
  /** 0-based. */
  readonly startLine: number;
  readonly endLine: number;
  /** Only whitespace stands before it on its first line. */
  readonly ownLine: boolean;
  readonly lines: readonly CommentLine[];
}

export function commentGroups(source: MaskedSource): CommentGroup[] {
  const groups: CommentGroup[] = [];
  let last: SourceComment | undefined;
  for (const comment of source.comments) {
    const group = toGroup(source, comment);
    const previous = groups.at(-1);
    if (previous && last && continuesRun(source, last, comment)) {
      groups[groups.length - 1] = { ...previous, end: group.end, endLine: group.endLine, lines: [...previous.lines, ...group.lines] };
    } else {
      groups.push(group);
    }
    last = comment;
  }
  return groups;
}

/** Every comment group that starts inside the span. */
export function groupsWithin(groups: readonly CommentGroup[], start: number, end: number): CommentGroup[] {
  return spansWithin(groups, start, end);
}

/** The text of the lines, one per line, empty lines dropped. */
export function groupText(group: CommentGroup): string {
  return group.lines
    .map((line) => line.text)
    .filter((text) => text !== '')
    .join('\n');
}

function toGroup(source: MaskedSource, comment: SourceComment): CommentGroup {
  const startLine = source.lines.lineAt(comment.start);
  const raw = comment.text.split(/\r\n|\n|\r/);
  const block = comment.text.startsWith('/*');
  const lines = raw.map((text, index) => ({ line: startLine + index, text: stripMarkers(text, block, index, raw.length) }));
  return { start: comment.start, end: comment.end, startLine, endLine: startLine + raw.length - 1, ownLine: comment.ownLine, lines };
}

function stripMarkers(text: string, block: boolean, index: number, count: number): string {
  if (!block) return text.replace(/^(?:\/\/+|#+)/, '').trim();
  let stripped = text;
  if (index === 0) stripped = stripped.replace(/^\/\*+/, '');
  if (index === count - 1) stripped = stripped.replace(/\*+\/$/, '');
  if (index > 0) stripped = stripped.replace(/^\s*\*+(?!\/)/, '');
  return stripped.trim();
}

function continuesRun(source: MaskedSource, last: SourceComment, comment: SourceComment): boolean {
  const isLineComment = (text: string) => text.startsWith('//') || text.startsWith('#');
  const line = (offset: number) => source.lines.lineAt(offset);
  const column = (offset: number) => offset - source.lines.startOf(line(offset));
  return (
    last.ownLine &&
    comment.ownLine &&
    isLineComment(last.text) &&
    isLineComment(comment.text) &&
    line(comment.start) === line(last.start) + 1 &&
    column(comment.start) === column(last.start)
  );
}
