// What "Implement with agents" can work on in one source file: functions and methods that are stubs,
// and TODO/FIXME notes that describe work outside them. The functions come from the document's
// symbols when a language's symbol provider gave some, and from reading the source when not.
import type { ImplementTarget } from '../../../shared/implementTarget';
import { type CommentGroup, commentGroups, groupsWithin } from './commentGroups';
import type { FunctionFinder, FunctionSpan } from './functionSpan';
import { JavaScriptFunctions } from './javascriptFunctions';
import { maskJavaScript } from './javascriptMask';
import { type MaskedSource, type Span, spansWithin } from './maskedSource';
import { PythonFunctions } from './pythonFunctions';
import { maskPython } from './pythonMask';
import { functionSymbols, type SourceSymbol } from './sourceSymbols';
import { isStub, type SourceLanguage } from './stubBody';
import { describeStub, describeTodo } from './targetDescription';
import { describesWork, todoNotes } from './todoNotes';

/** Larger files (bundles, generated code) are not read: nobody writes stubs there. */
export const MAX_SCANNED_CHARS = 500_000;

export interface SourceDocument {
  /** Workspace-relative, '/'-separated. */
  readonly path: string;
  /** The editor's language id: javascript, typescript, javascriptreact, typescriptreact or python. */
  readonly languageId: string;
  readonly text: string;
  /** From the language's symbol provider; absent or empty when there is none. */
  readonly symbols?: readonly SourceSymbol[];
}

export interface DeclaredFunction {
  /** As in a target's `symbol`. */
  readonly symbol: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface DetectedTargets {
  /** Stubs and TODOs, by line. */
  readonly targets: readonly ImplementTarget[];
  /** Every function found, stub or not: where a workflow's lens stays once its stub is implemented. */
  readonly functions: readonly DeclaredFunction[];
}

const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'javascript',
  typescriptreact: 'javascript',
  python: 'python',
};

function languageOf(languageId: string): SourceLanguage | undefined {
  return Object.hasOwn(LANGUAGES, languageId) ? LANGUAGES[languageId] : undefined;
}

/** A function with the lines it covers, its doc comment above it included: a TODO there is about it. */
interface FunctionExtent {
  readonly fn: FunctionSpan;
  readonly doc?: CommentGroup;
  /** 0-based, inclusive. */
  readonly firstLine: number;
  readonly lastLine: number;
}

export function detectTargets(document: SourceDocument): DetectedTargets {
  const language = languageOf(document.languageId);
  if (language === undefined || document.text.length > MAX_SCANNED_CHARS) return { targets: [], functions: [] };
  const source = language === 'python' ? maskPython(document.text) : maskJavaScript(document.text);
  const finder = language === 'python' ? new PythonFunctions(source) : new JavaScriptFunctions(source);
  const groups = commentGroups(source);
  const extents = functionExtents(source, findFunctions(source, finder, document.symbols ?? []), groups);
  const stubs = extents.filter(({ fn }) => isStub(source, fn, groupsWithin(groups, fn.body.start, fn.body.end), language));
  const targets = [
    ...stubs.map((stub) => stubTarget(document.path, source, groups, stub, language)),
    ...todoTargets(document.path, source, groups, extents, stubs),
  ];
  return {
    targets: targets.sort((a, b) => a.startLine - b.startLine),
    functions: extents.map(({ fn, lastLine }) => ({ symbol: fn.name, startLine: source.lines.lineAt(fn.declaration.start) + 1, endLine: lastLine + 1 })),
  };
}

function functionExtents(source: MaskedSource, functions: readonly FunctionSpan[], groups: readonly CommentGroup[]): FunctionExtent[] {
  const docs = new Map(groups.filter((group) => group.ownLine).map((group) => [group.endLine + 1, group]));
  return functions.map((fn) => {
    const declarationLine = source.lines.lineAt(fn.declaration.start);
    const doc = docs.get(declarationLine);
    return { fn, doc, firstLine: doc?.startLine ?? declarationLine, lastLine: source.lines.lineAt(Math.max(fn.declaration.start, fn.declaration.end - 1)) };
  });
}

function stubTarget(path: string, source: MaskedSource, groups: readonly CommentGroup[], stub: FunctionExtent, language: SourceLanguage): ImplementTarget {
  const { fn, doc } = stub;
  const docstring = language === 'python' ? openingString(source, fn) : undefined;
  return {
    kind: 'stub',
    path,
    startLine: source.lines.lineAt(fn.declaration.start) + 1,
    endLine: stub.lastLine + 1,
    symbol: fn.name,
    description: describeStub(source, fn, { doc, docstring, bodyComments: groupsWithin(groups, fn.body.start, fn.body.end) }),
  };
}

/** The notes that describe work, outside the stubs (whose descriptions hold them already). */
function todoTargets(path: string, source: MaskedSource, groups: readonly CommentGroup[], extents: readonly FunctionExtent[], stubs: readonly FunctionExtent[]): ImplementTarget[] {
  // By line: the innermost function covering it (a nested one comes later and wins), and whether a stub does.
  const about = new Int32Array(source.lines.count).fill(-1);
  extents.forEach((extent, index) => about.fill(index, extent.firstLine, extent.lastLine + 1));
  const inStub = new Uint8Array(source.lines.count);
  for (const stub of stubs) inStub.fill(1, stub.firstLine, stub.lastLine + 1);
  return todoNotes(groups)
    .filter((note) => describesWork(note) && inStub[note.startLine] === 0)
    .map((note) => ({ kind: 'todo', path, startLine: note.startLine + 1, endLine: note.endLine + 1, description: describeTodo(source, note, extents[about[note.startLine]]?.fn) }));
}

/** From the document's symbols when there are some, else by reading the source; in order, each once. */
function findFunctions(source: MaskedSource, finder: FunctionFinder, symbols: readonly SourceSymbol[]): FunctionSpan[] {
  if (symbols.length === 0) return finder.scan();
  const byBody = new Map<number, FunctionSpan>();
  for (const { name, symbol } of functionSymbols(symbols)) {
    const at = nameOffset(source, symbol);
    const fn = at === undefined ? undefined : finder.at(at, name);
    if (fn && !byBody.has(fn.body.start)) byBody.set(fn.body.start, fn);
  }
  return [...byBody.values()].sort((a, b) => a.declaration.start - b.declaration.start);
}

/** Where the symbol's name is written: at its selection range, or else its first mention in its range. */
function nameOffset(source: MaskedSource, symbol: SourceSymbol): number | undefined {
  const offset = (position: SourceSymbol['range']['start']) => source.lines.offsetOf(position.line, position.character);
  const selection = offset(symbol.selectionRange.start);
  if (source.code.startsWith(symbol.name, selection)) return selection;
  const escaped = symbol.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = offset(symbol.range.start);
  const found = new RegExp(`(?<![\\p{ID_Continue}$#])${escaped}(?![\\p{ID_Continue}$])`, 'u').exec(source.code.slice(start, offset(symbol.range.end)));
  return found ? start + found.index : undefined;
}

/** The string literal a Python body opens with: its docstring. */
function openingString(source: MaskedSource, fn: FunctionSpan): Span | undefined {
  const first = fn.body.start + source.code.slice(fn.body.start, fn.body.end).search(/\S|$/);
  // A prefix (r"""…""") is part of the literal.
  return spansWithin(source.strings, first, first + 1)[0];
}
