// Matching a search query against file text, line by line: the part of Workspace.search that does
// not depend on how files are reached.
import { WorkspaceError, type TextMatch } from '../ports';

/** A matched line longer than this is cut, so one minified file cannot flood a result. */
const MAX_LINE_CHARS = 400;

export interface LineMatcher {
  /** Whether one line (without its line break) matches. */
  readonly line: (line: string) => boolean;
  /**
   * A quick test of a whole file's text: false only when no line of it can match, so most files are
   * passed over without being split into lines. Undefined for a regular expression, whose anchors
   * and lookarounds mean something else across line breaks.
   */
  readonly text?: (text: string) => boolean;
  /** The literal's UTF-8 bytes for a case-sensitive literal query: a file without them has no match. */
  readonly bytes?: Uint8Array;
  /** For a case-insensitive query of printable ASCII: a quick test of the file's raw bytes. */
  readonly asciiBytes?: AsciiByteTest;
}

/**
 * A file whose bytes, read one byte a character (latin1), do not match `pattern` has no match of
 * the query ignoring case, unless it holds one of `unsure`: the UTF-8 bytes of İ (U+0130) and the
 * Kelvin sign (U+212A), the only characters whose lower case holds ASCII ("i̇" and "k"), listed when
 * the query has an i or a k. A case-insensitive regular expression without the u flag folds no
 * character past ASCII into ASCII, so the bytes of other characters never match.
 */
export interface AsciiByteTest {
  readonly pattern: RegExp;
  readonly unsure: readonly Uint8Array[];
}

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
    return { line: (line) => pattern.test(line) };
  }
  if (options.caseSensitive) {
    const contains = (text: string) => text.includes(query);
    // Undecodable bytes read as U+FFFD, which the raw bytes do not contain.
    return { line: contains, text: contains, ...(!query.includes('\uFFFD') && { bytes: new TextEncoder().encode(query) }) };
  }
  const lowered = query.toLowerCase();
  const contains = (text: string) => text.toLowerCase().includes(lowered);
  return { line: contains, text: contains, ...(/^[\x20-\x7e]+$/.test(query) && { asciiBytes: asciiByteTest(lowered) }) };
}

function asciiByteTest(lowered: string): AsciiByteTest {
  const unsure = [...(lowered.includes('i') ? ['\u0130'] : []), ...(lowered.includes('k') ? ['\u212a'] : [])].map((character) => new TextEncoder().encode(character));
  return { pattern: new RegExp(lowered.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i'), unsure };
}

/** The matching lines of one file, at most `limit`. */
export function matchLines(path: string, text: string, matches: LineMatcher, limit: number): TextMatch[] {
  const found: TextMatch[] = [];
  if (matches.text && !matches.text(text)) return found;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    const line = lines[index];
    if (matches.line(line)) {
      found.push({ path, line: index + 1, text: line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line });
    }
  }
  return found;
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
