// The document's symbols from whichever symbol provider its language has, in the detection's plain
// shape. No provider (no language extension) or a failing one gives none: detection then reads the
// source itself.
import * as vscode from 'vscode';
import type { SourceRange, SourceSymbol, SourceSymbolKind } from '../../core/workspace/targets/sourceSymbols';

const KINDS = new Map<vscode.SymbolKind, SourceSymbolKind>([
  [vscode.SymbolKind.Function, 'function'],
  [vscode.SymbolKind.Method, 'method'],
  [vscode.SymbolKind.Constructor, 'constructor'],
  [vscode.SymbolKind.Variable, 'variable'],
  [vscode.SymbolKind.Constant, 'variable'],
  [vscode.SymbolKind.Property, 'property'],
  [vscode.SymbolKind.Field, 'property'],
  [vscode.SymbolKind.Class, 'class'],
]);

type ProvidedSymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

export async function documentSymbols(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<SourceSymbol[]> {
  try {
    const symbols = await vscode.commands.executeCommand<ProvidedSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return (symbols ?? []).map(toSourceSymbol);
  } catch (error) {
    log.warn(`code lens: no symbols for ${uri.toString(true)}, reading the source instead: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

function toSourceSymbol(symbol: ProvidedSymbol): SourceSymbol {
  const range = 'range' in symbol ? symbol.range : symbol.location.range;
  return {
    name: symbol.name,
    kind: KINDS.get(symbol.kind) ?? 'other',
    range: plainRange(range),
    selectionRange: plainRange('selectionRange' in symbol ? symbol.selectionRange : range),
    children: 'children' in symbol ? symbol.children.map(toSourceSymbol) : [],
  };
}

function plainRange(range: vscode.Range): SourceRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
