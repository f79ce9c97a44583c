// Finds Python functions (`def`, `async def`) in masked code. A body ends where a logical line is
// indented no deeper than its `def`; lines inside brackets, after a backslash or inside a string
// are part of the line they continue. Decorators belong to the function they decorate.
import { isSpace } from './characters';
import type { FunctionFinder, FunctionRole, FunctionSpan } from './functionSpan';
import { type MaskedSource, matchBrackets } from './maskedSource';

const DEF = /^(\s*)(?:async\s+)?def\s+([\p{ID_Start}_][\p{ID_Continue}]*)\s*/u;
const CLASS = /^\s*class\s+([\p{ID_Start}_][\p{ID_Continue}]*)/u;
/** Decorators that say the body is not an implementation. */
const DECLARATION_DECORATOR = /^@(?:[\w.]*\.)?(?:abstractmethod|abstractproperty|abstractclassmethod|abstractstaticmethod|overload)\b/;
const TAB_WIDTH = 8;

interface LineShape {
  /** Starts a logical line: not inside brackets, a string, or after a backslash. */
  readonly logical: boolean;
  /** Holds no code (empty, a comment, or the blanked inside of a string). */
  readonly blank: boolean;
  readonly indent: number;
  /** The nearest logical line above that is indented less: the header of the block this line is in. */
  readonly parent?: number;
}

export class PythonFunctions implements FunctionFinder {
  private readonly code: string;
  private readonly partner: Int32Array;
  private readonly shapes: LineShape[];

  constructor(private readonly source: MaskedSource) {
    this.code = source.code;
    this.partner = matchBrackets(source.code);
    this.shapes = lineShapes(source);
  }

  scan(): FunctionSpan[] {
    const functions: FunctionSpan[] = [];
    for (let line = 0; line < this.shapes.length; line++) {
      const fn = this.defAt(line);
      if (fn) functions.push(fn);
    }
    return functions;
  }

  at(nameOffset: number, name: string): FunctionSpan | undefined {
    const fn = this.defAt(this.source.lines.lineAt(nameOffset), name);
    const bare = (qualified: string) => qualified.slice(qualified.lastIndexOf('.') + 1);
    return fn && bare(fn.name) === bare(name) ? fn : undefined;
  }

  /** The function whose `def` is on `line`; `name` replaces the name read from the source. */
  private defAt(line: number, name?: string): FunctionSpan | undefined {
    const shape = this.shapes[line];
    const lines = this.source.lines;
    const lineStart = lines.startOf(line);
    const match = shape?.logical ? DEF.exec(this.lineCode(line)) : null;
    if (!match) return undefined;
    let at = this.space(lineStart + match[0].length);
    if (this.code[at] === '[') at = this.space(this.partner[at] + 1); // type parameters, Python 3.12
    if (this.code[at] !== '(' || this.partner[at] < at) return undefined;
    const colon = this.headerColon(this.partner[at] + 1);
    if (colon === undefined) return undefined;
    const bodyEnd = lines.endOf(this.lastBodyLine(lines.lineAt(colon), shape.indent));
    const firstLine = this.firstDecoratorLine(line, shape.indent);
    const decorators = [];
    for (let decorator = firstLine; decorator < line; decorator++) decorators.push(this.lineCode(decorator).trim());
    const owner = this.enclosingClass(firstLine);
    const own = match[2];
    let role: FunctionRole = own === '__init__' ? 'constructor' : 'function';
    if (decorators.some((decorator) => DECLARATION_DECORATOR.test(decorator)) || owner?.protocol) role = 'declaration';
    return {
      name: name ?? (owner ? `${owner.name}.${own}` : own),
      role,
      declaration: { start: lines.startOf(firstLine), end: bodyEnd },
      signature: { start: lineStart + match[1].length, end: colon },
      body: { start: colon + 1, end: Math.max(colon + 1, bodyEnd) },
    };
  }

  /** The `:` that ends a header, past a return annotation; undefined when the logical line ends first. */
  private headerColon(from: number): number | undefined {
    const code = this.code;
    for (let at = from; at < code.length; at++) {
      const char = code[at];
      if (char === ':') return at;
      if ((char === '(' || char === '[' || char === '{') && this.partner[at] > at) at = this.partner[at];
      else if ((char === '\n' || char === '\r') && !this.continuesAfter(at)) return undefined;
    }
    return undefined;
  }

  /** Whether the line break at `at` follows a backslash, which joins the next line to this one. */
  private continuesAfter(at: number): boolean {
    let before = at - 1;
    while (before >= 0 && ' \t\r'.includes(this.code[before])) before--;
    return this.code[before] === '\\';
  }

  /**
   * The last line of a body whose header's colon is on `colonLine`: a one-line body or an indented
   * block, with the comments indented inside it at its end.
   */
  private lastBodyLine(colonLine: number, defIndent: number): number {
    let last = colonLine;
    for (let line = colonLine + 1; line < this.shapes.length; line++) {
      const shape = this.shapes[line];
      if (shape.blank) {
        const text = this.source.text.slice(this.source.lines.startOf(line), this.source.lines.endOf(line));
        if (text.trim() !== '' && indentWidth(text) > defIndent) last = line;
        continue;
      }
      if (shape.logical && shape.indent <= defIndent) break;
      last = line;
    }
    return last;
  }

  private firstDecoratorLine(defLine: number, indent: number): number {
    let first = defLine;
    for (;;) {
      const above = this.logicalLineAbove(first);
      if (above === undefined || this.shapes[above].indent !== indent || !this.lineCode(above).trimStart().startsWith('@')) return first;
      first = above;
    }
  }

  /** The class a function is declared in, if the block its first line is in is a class's. */
  private enclosingClass(line: number): { readonly name: string; readonly protocol: boolean } | undefined {
    const parent = this.shapes[line].parent;
    if (parent === undefined) return undefined;
    const header = this.lineCode(parent);
    const match = CLASS.exec(header);
    return match ? { name: match[1], protocol: /\bProtocol\b/.test(header) } : undefined;
  }

  /** The start of the logical line, holding code, above `line`. */
  private logicalLineAbove(line: number): number | undefined {
    for (let above = line - 1; above >= 0; above--) {
      if (this.shapes[above].logical && !this.shapes[above].blank) return above;
    }
    return undefined;
  }

  private space(from: number): number {
    let at = from;
    while (isSpace(this.code[at])) at++;
    return at;
  }

  private lineCode(line: number): string {
    return this.code.slice(this.source.lines.startOf(line), this.source.lines.endOf(line));
  }
}

function lineShapes(source: MaskedSource): LineShape[] {
  const shapes: LineShape[] = [];
  const { code, lines, strings } = source;
  // The logical lines holding code that are still open as blocks: each indented less than the next.
  const blocks: { readonly line: number; readonly indent: number }[] = [];
  let depth = 0;
  let continued = false;
  let string = 0;
  for (let line = 0; line < lines.count; line++) {
    const start = lines.startOf(line);
    const text = code.slice(start, lines.endOf(line));
    while (string < strings.length && strings[string].end <= start) string++;
    const inString = string < strings.length && strings[string].start < start;
    const logical = depth === 0 && !inString && !continued;
    const blank = text.trim() === '';
    const indent = indentWidth(text);
    if (logical && !blank) {
      while (blocks.length > 0 && blocks[blocks.length - 1].indent >= indent) blocks.pop();
      shapes.push({ logical, blank, indent, parent: blocks.at(-1)?.line });
      blocks.push({ line, indent });
    } else {
      shapes.push({ logical, blank, indent });
    }
    for (const char of text) {
      if (char === '(' || char === '[' || char === '{') depth++;
      else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth--;
    }
    continued = text.endsWith('\\');
  }
  return shapes;
}

function indentWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === ' ') width++;
    else if (char === '\t') width = (Math.floor(width / TAB_WIDTH) + 1) * TAB_WIDTH;
    else break;
  }
  return width;
}
