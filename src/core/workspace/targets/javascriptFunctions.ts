// Finds JavaScript and TypeScript functions that have a block body, in masked code: declarations,
// methods (of classes and object literals), and function or arrow expressions assigned to a name
// (`const`, class fields, `exports.x =`, object properties). It reads only as much syntax as that
// takes: generics, parameter lists and return types are skipped as balanced groups.
import type { FunctionFinder, FunctionRole, FunctionSpan } from './functionSpan';
import { isIdentifierPart, isSpace } from './characters';
import { type MaskedSource, matchBrackets } from './maskedSource';

/** What may follow a function's name: its parameters or generics, an assignment, a type or an object member's colon. */
const AFTER_A_NAME = new Set(['(', '<', '?', '=', ':', '!']);

/** Words that are followed by `(`, `=` or `:` without naming a function. */
const NOT_A_NAME = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'void', 'await', 'yield', 'new', 'function',
  'super', 'import', 'delete', 'throw', 'in', 'of', 'instanceof', 'else', 'do', 'case', 'default', 'class',
]);

/** In a type, these words are followed by another type, so a `{` after them is an object type, not a body. */
const TYPE_OPERATORS = new Set(['keyof', 'typeof', 'readonly', 'unique', 'infer', 'extends', 'is', 'asserts', 'new', 'abstract']);

interface Body {
  readonly open: number;
  readonly close: number;
}

interface ClassBody extends Body {
  readonly name: string;
}

export class JavaScriptFunctions implements FunctionFinder {
  private readonly code: string;
  private readonly partner: Int32Array;

  constructor(private readonly source: MaskedSource) {
    this.code = source.code;
    this.partner = matchBrackets(source.code);
  }

  scan(): FunctionSpan[] {
    const code = this.code;
    const classes = this.classBodies();
    const brackets = new BracketStack(code);
    const found = new Map<number, FunctionSpan>();
    for (let at = 0; at < code.length; ) {
      if (!startsWord(code[at])) {
        at++;
        continue;
      }
      const start = at;
      at = this.wordEnd(start);
      const name = code.slice(start, at);
      const next = code[this.space(at)];
      // Most words are followed by none of these: they are read no further.
      if (isDigit(name[0]) || next === undefined || !AFTER_A_NAME.has(next) || NOT_A_NAME.has(name)) continue;
      const enclosing = brackets.enclosing(start);
      // In parentheses or brackets, `x = () => {}` is a default value or an argument, not a named function.
      const assignable = enclosing === undefined || code[enclosing] === '{';
      const body = this.afterName(at) ?? (assignable ? this.assigned(at, this.startsMember(start)) : undefined);
      // The first name met wins: `const parse = function parseDate() {}` is called `parse`.
      if (!body || found.has(body.open) || this.wordBefore(start) === 'type') continue;
      const owner = classes.find((candidate) => candidate.open === enclosing);
      found.set(body.open, this.span(owner ? `${owner.name}.${name}` : name, start, body));
    }
    return [...found.values()].sort((a, b) => a.declaration.start - b.declaration.start);
  }

  at(nameOffset: number, name: string): FunctionSpan | undefined {
    const word = this.wordAt(nameOffset);
    if (word === undefined) return undefined;
    const after = nameOffset + word.length;
    const body = this.afterName(after) ?? this.assigned(after, true);
    return body && this.span(name, nameOffset, body);
  }

  private span(name: string, at: number, body: Body): FunctionSpan {
    const lines = this.source.lines;
    const nameLine = lines.lineAt(at);
    let firstLine = nameLine;
    while (firstLine > 0 && this.lineCode(firstLine - 1).trimStart().startsWith('@')) firstLine--;
    const signatureStart = this.modifiersBefore(at);
    const bare = name.slice(name.lastIndexOf('.') + 1);
    const role: FunctionRole = bare === 'constructor' ? 'constructor' : 'function';
    return {
      name,
      role,
      declaration: { start: lines.startOf(firstLine), end: body.close + 1 },
      signature: { start: signatureStart, end: body.open },
      body: { start: body.open + 1, end: body.close },
    };
  }

  /** After a function's or method's name: `<T>(params): Type {`. */
  private afterName(from: number): Body | undefined {
    let at = this.space(from);
    if (this.code[at] === '?') at = this.space(at + 1);
    if (this.code[at] === '<') {
      const end = this.skipAngles(at);
      if (end === undefined) return undefined;
      at = this.space(end);
    }
    const close = this.closeOf(at, '(');
    return close === undefined ? undefined : this.bodyAfterParameters(close + 1);
  }

  private bodyAfterParameters(from: number): Body | undefined {
    let at = this.space(from);
    if (this.code[at] === ':') {
      const end = this.skipType(at + 1, '{');
      if (end === undefined) return undefined;
      at = end;
    }
    const close = this.closeOf(at, '{');
    return close === undefined ? undefined : { open: at, close };
  }

  /**
   * After a name that is assigned a function: `: Type = function…`, `= async (…) => {`; or, when the
   * name starts an object literal's member, `: (…) => {`.
   */
  private assigned(from: number, member: boolean): Body | undefined {
    let at = this.space(from);
    if (this.code[at] === '!' || this.code[at] === '?') at = this.space(at + 1);
    if (this.code[at] === ':') {
      const typed = this.skipType(at + 1, '=');
      if (typed !== undefined) return this.afterEquals(typed);
      return member ? this.functionExpression(at + 1) : undefined;
    }
    return this.afterEquals(at);
  }

  private afterEquals(at: number): Body | undefined {
    const code = this.code;
    if (code[at] !== '=' || code[at + 1] === '=' || code[at + 1] === '>') return undefined;
    return this.functionExpression(at + 1);
  }

  /** `function name(…) {`, `async (…): T => {`, `x => {`. */
  private functionExpression(from: number): Body | undefined {
    let at = this.space(from);
    if (this.isWord(at, 'async')) at = this.space(at + 'async'.length);
    if (this.isWord(at, 'function')) {
      at = this.space(at + 'function'.length);
      if (this.code[at] === '*') at = this.space(at + 1);
      return this.afterName(at + (this.wordAt(at)?.length ?? 0));
    }
    if (this.code[at] === '<') {
      const end = this.skipAngles(at);
      if (end === undefined) return undefined;
      at = this.space(end);
    }
    const close = this.closeOf(at, '(');
    if (close !== undefined) {
      at = this.space(close + 1);
      if (this.code[at] === ':') {
        const end = this.skipType(at + 1, '=>');
        if (end === undefined) return undefined;
        at = end;
      }
    } else {
      const parameter = this.wordAt(at);
      if (parameter === undefined) return undefined;
      at = this.space(at + parameter.length);
    }
    if (!this.code.startsWith('=>', at)) return undefined;
    at = this.space(at + 2);
    const bodyClose = this.closeOf(at, '{');
    return bodyClose === undefined ? undefined : { open: at, close: bodyClose };
  }

  /**
   * Skips a type annotation up to `stop` at its own level. A `{` where a type is expected (at the
   * start, after `|`, `=>`, `keyof`…) is an object type; a `{` after a complete type is the body.
   * Returns where `stop` is, or undefined when something else ends the type first (a `,` or `;`
   * at its level does: the annotation was an object literal's value or a statement's end).
   */
  private skipType(from: number, stop: '{' | '=' | '=>'): number | undefined {
    const code = this.code;
    let expectType = true;
    let at = from;
    for (;;) {
      at = this.space(at);
      const char = code[at];
      if (char === undefined) return undefined;
      const arrow = code.startsWith('=>', at);
      if (stop === '=>' && arrow && !expectType) return at;
      if (stop === '=' && char === '=' && !arrow && code[at + 1] !== '=') return at;
      if (arrow) {
        expectType = true;
        at += 2;
      } else if (char === '{') {
        if (!expectType) return stop === '{' ? at : undefined;
        const close = this.closeOf(at, '{');
        if (close === undefined) return undefined;
        at = close + 1;
        expectType = false;
      } else if (char === '(' || char === '[') {
        const close = this.closeOf(at, char);
        if (close === undefined) return undefined;
        at = close + 1;
        expectType = false;
      } else if (char === '<') {
        const end = this.skipAngles(at);
        if (end === undefined) return undefined;
        at = end;
        expectType = false;
      } else if (char === "'" || char === '"' || char === '`') {
        const close = code.indexOf(char, at + 1);
        if (close < 0) return undefined;
        at = close + 1;
        expectType = false;
      } else if ('|&?:.'.includes(char)) {
        expectType = true;
        at++;
      } else if (char === '-') {
        at++;
      } else {
        const word = this.wordAt(at);
        if (word === undefined) return undefined;
        expectType = TYPE_OPERATORS.has(word);
        at += word.length;
      }
    }
  }

  /** From a `<`, past its matching `>`; undefined when it is a comparison after all. */
  private skipAngles(from: number): number | undefined {
    const code = this.code;
    let depth = 0;
    for (let at = from; at < code.length; at++) {
      const char = code[at];
      if (char === '<') {
        depth++;
      } else if (char === '>' && code[at - 1] !== '=') {
        depth--;
        if (depth === 0) return at + 1;
      } else if (char === '(' || char === '[' || char === '{') {
        const close = this.closeOf(at, char);
        if (close === undefined) return undefined;
        at = close;
      } else if (char === ')' || char === ']' || char === '}' || char === ';') {
        return undefined;
      }
    }
    return undefined;
  }

  /** Each named class with the braces of its body. */
  private classBodies(): ClassBody[] {
    const bodies: ClassBody[] = [];
    for (let keyword = this.code.indexOf('class'); keyword >= 0; keyword = this.code.indexOf('class', keyword + 1)) {
      if (!this.isWord(keyword, 'class') || startsWord(this.code[keyword - 1]) || this.code[keyword - 1] === '.') continue;
      let at = this.space(keyword + 'class'.length);
      const name = this.wordAt(at);
      if (name === undefined || name === 'extends' || name === 'implements') continue;
      at += name.length;
      while (at < this.code.length && this.code[at] !== '{') {
        const char = this.code[at];
        if (char === ';' || char === ')' || char === '}') break;
        const end = char === '<' ? this.skipAngles(at) : char === '(' || char === '[' ? (this.closeOf(at, char) ?? -1) + 1 : at + 1;
        if (end === undefined || end <= 0) break;
        at = end;
      }
      const close = this.closeOf(at, '{');
      if (close !== undefined) bodies.push({ name, open: at, close });
    }
    return bodies;
  }

  /** Where the keywords before a name start (`export async function`, `private static`, `const`), on the name's line. */
  private modifiersBefore(at: number): number {
    const lineStart = this.source.lines.startOf(this.source.lines.lineAt(at));
    const before = /(?:\b(?:export|default|declare|async|function|static|public|private|protected|readonly|override|abstract|accessor|get|set|const|let|var)\b\s*\*?\s*)*$/.exec(this.code.slice(lineStart, at));
    return at - (before?.[0].length ?? 0);
  }

  /** Whether the name at `at` starts an object literal's member (after `{` or `,`), not the middle of `a ? b : c`. */
  private startsMember(at: number): boolean {
    let before = at - 1;
    while (before >= 0 && isSpace(this.code[before])) before--;
    return this.code[before] === '{' || this.code[before] === ',';
  }

  private wordBefore(at: number): string {
    let end = at;
    while (end > 0 && isSpace(this.code[end - 1])) end--;
    let start = end;
    while (start > 0 && isIdentifierPart(this.code[start - 1], true)) start--;
    return this.code.slice(start, end);
  }

  private closeOf(at: number, opener: string): number | undefined {
    return this.code[at] === opener && this.partner[at] > at ? this.partner[at] : undefined;
  }

  private space(from: number): number {
    let at = from;
    while (isSpace(this.code[at])) at++;
    return at;
  }

  private wordEnd(start: number): number {
    let end = start + 1;
    while (isIdentifierPart(this.code[end], true)) end++;
    return end;
  }

  private wordAt(at: number): string | undefined {
    return startsWord(this.code[at]) && !isDigit(this.code[at]) ? this.code.slice(at, this.wordEnd(at)) : undefined;
  }

  private isWord(at: number, word: string): boolean {
    return this.code.startsWith(word, at) && !isIdentifierPart(this.code[at + word.length], true);
  }

  private lineCode(line: number): string {
    return this.code.slice(this.source.lines.startOf(line), this.source.lines.endOf(line));
  }
}

/** The innermost open bracket (`(`, `[` or `{`) around each offset, for offsets asked in increasing order. */
class BracketStack {
  private readonly open: number[] = [];
  private position = 0;

  constructor(private readonly code: string) {}

  enclosing(offset: number): number | undefined {
    for (; this.position < offset; this.position++) {
      const char = this.code[this.position];
      if (char === '{' || char === '(' || char === '[') this.open.push(this.position);
      else if (char === '}' || char === ')' || char === ']') this.open.pop();
    }
    return this.open.at(-1);
  }
}

function startsWord(char: string | undefined): boolean {
  return char === '#' || isIdentifierPart(char, true);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
