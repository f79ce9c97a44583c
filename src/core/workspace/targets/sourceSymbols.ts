// Document symbols as a language's symbol provider reports them, in a plain shape the host fills
// from the editor's, and the functions among them with their names qualified by their class.

export type SourceSymbolKind = 'function' | 'method' | 'constructor' | 'variable' | 'property' | 'class' | 'other';

export interface SourcePosition {
  /** 0-based, as the editor counts. */
  readonly line: number;
  readonly character: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export interface SourceSymbol {
  readonly name: string;
  readonly kind: SourceSymbolKind;
  /** Everything the symbol covers. */
  readonly range: SourceRange;
  /** Its name; providers that only know `range` repeat it here. */
  readonly selectionRange: SourceRange;
  readonly children?: readonly SourceSymbol[];
}

export interface FunctionSymbol {
  /** `Class.method` for a class's members, the plain name otherwise. */
  readonly name: string;
  readonly symbol: SourceSymbol;
}

/** Kinds whose symbol may be a function with a body: a `const` holding an arrow function is a variable to some providers. */
const FUNCTION_LIKE: ReadonlySet<SourceSymbolKind> = new Set(['function', 'method', 'constructor', 'variable', 'property']);

export function functionSymbols(symbols: readonly SourceSymbol[], owner?: SourceSymbol): FunctionSymbol[] {
  const found: FunctionSymbol[] = [];
  for (const symbol of symbols) {
    if (FUNCTION_LIKE.has(symbol.kind)) found.push({ name: owner?.kind === 'class' ? `${owner.name}.${symbol.name}` : symbol.name, symbol });
    found.push(...functionSymbols(symbol.children ?? [], symbol));
  }
  return found;
}
