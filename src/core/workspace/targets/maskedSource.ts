// A source file with its comments and string contents blanked out, so that braces, keywords and
// indentation can be read with plain string searches without being fooled by `'{'` or `// }`.
// Offsets into `code` are offsets into `text`: blanking keeps every character's place and every
// line break, CRLF included.

export interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface SourceComment extends Span {
  /** The comment as written, markers included. */
  readonly text: string;
  /** Only whitespace stands before it on its first line. */
  readonly ownLine: boolean;
}

export interface MaskedSource {
  readonly text: string;
  /** `text` with every comment and the inside of every string and regular expression turned into spaces; quote characters stay. */
  readonly code: string;
  readonly comments: readonly SourceComment[];
  /** String literals, quotes (and Python prefixes) included, in order. */
  readonly strings: readonly Span[];
  readonly lines: LineIndex;
}

/** Line numbers for offsets, counting `\r\n`, `\n` and a lone `\r` as one break each, as the editor does. 0-based. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '\r' && text[i + 1] === '\n') continue;
      if (char === '\n' || char === '\r') this.starts.push(i + 1);
    }
  }

  get count(): number {
    return this.starts.length;
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  startOf(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Where the line's content ends, before its line break. */
  endOf(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text[end - 1] === '\n') end--;
    if (this.text[end - 1] === '\r') end--;
    return end;
  }

  /** The offset of a 0-based line and character, clamped to the text. */
  offsetOf(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.startOf(line) + Math.max(0, character), this.endOf(line));
  }
}

/** Builds the masked copy front to back: each stretch of the text is either kept or blanked. */
export class MaskWriter {
  private readonly parts: string[] = [];
  private position = 0;
  readonly comments: SourceComment[] = [];
  readonly strings: Span[] = [];

  constructor(readonly text: string) {}

  keepTo(end: number): void {
    if (end <= this.position) return;
    this.parts.push(this.text.slice(this.position, end));
    this.position = end;
  }

  blankTo(end: number): void {
    if (end <= this.position) return;
    const stretch = this.text.slice(this.position, end);
    this.parts.push(/[\r\n]/.test(stretch) ? stretch.replace(/[^\r\n]/g, ' ') : ' '.repeat(stretch.length));
    this.position = end;
  }

  comment(start: number, end: number): void {
    this.keepTo(start);
    let before = start - 1;
    while (before >= 0 && (this.text[before] === ' ' || this.text[before] === '\t')) before--;
    const ownLine = before < 0 || this.text[before] === '\n' || this.text[before] === '\r';
    this.comments.push({ start, end, text: this.text.slice(start, end), ownLine });
    this.blankTo(end);
  }

  /** A string literal from `start` to `end`: its first `open` and last `close` characters (the quotes) stay. */
  string(start: number, end: number, open: number, close: number): void {
    this.keepTo(start + open);
    this.blankTo(end - close);
    this.keepTo(end);
    this.strings.push({ start, end });
  }

  finish(): MaskedSource {
    this.keepTo(this.text.length);
    return { text: this.text, code: this.parts.join(''), comments: this.comments, strings: this.strings, lines: new LineIndex(this.text) };
  }
}

/** The spans (sorted by start) that start inside [start, end), found by binary search. */
export function spansWithin<T extends Span>(spans: readonly T[], start: number, end: number): T[] {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start < start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < spans.length && spans[last].start < end) last++;
  return spans.slice(low, last);
}

/** Where a one-line literal that started at `start` ends: after its closing `quote`, or at the line break that cuts it off. */
export function endOfQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 2 : 1;
    } else if (char === quote) {
      return i + 1;
    } else if (char === '\n' || char === '\r') {
      return i;
    }
  }
  return text.length;
}

/** For each bracket in `code`, the offset of its partner, or -1 when it has none. */
export function matchBrackets(code: string): Int32Array {
  const partner = new Int32Array(code.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const char = code.charCodeAt(i);
    if (char === OPEN_PAREN || char === OPEN_BRACKET || char === OPEN_BRACE) {
      open.push(i);
      continue;
    }
    const opener = char === CLOSE_PAREN ? OPEN_PAREN : char === CLOSE_BRACKET ? OPEN_BRACKET : char === CLOSE_BRACE ? OPEN_BRACE : undefined;
    if (opener === undefined) continue;
    // An unbalanced closer pairs with the nearest opener of its kind, so one typo does not unpair the rest.
    const at = code.charCodeAt(open[open.length - 1]) === opener ? open.length - 1 : open.findLastIndex((index) => code.charCodeAt(index) === opener);
    if (at < 0) continue;
    partner[open[at]] = i;
    partner[i] = open[at];
    open.length = at;
  }
  return partner;
}

const [OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = [...'()[]{}'].map((char) => char.charCodeAt(0));
