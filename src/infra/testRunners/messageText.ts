// Frameworks' messages as people and agents should read them: no colour codes, no trailing blank
// lines, and for file-level errors no stack of the framework's own internals.
import { stripVTControlCharacters } from 'node:util';

/** Frameworks colour their messages even when writing to a file. */
export function clean(text: string): string {
  return stripVTControlCharacters(text).trimEnd();
}

/** The text up to the first stack frame line: the message and any code frame, without the stack. */
export function withoutStack(text: string): string {
  const stackStart = text.search(/^\s+at \S/m);
  return (stackStart > 0 ? text.slice(0, stackStart) : text).trimEnd();
}
