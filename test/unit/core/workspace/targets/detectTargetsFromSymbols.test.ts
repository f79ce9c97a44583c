import * as assert from 'node:assert/strict';
import { detectTargets } from '../../../../../src/core/workspace/targets/detectTargets';
import type { SourceRange, SourceSymbol, SourceSymbolKind } from '../../../../../src/core/workspace/targets/sourceSymbols';

const LINES = [
  'export class Calendar {', // 0 (0-based, as symbols count)
  '  nextWorkingDay(date) {}',
  '  isHoliday(date) {',
  '    return false;',
  '  }',
  '}',
  'const formatIsoDate = (date) => {',
  '  // TODO: pad months and days',
  '};',
  'const LIMIT = { max: 3 };',
  'function unlisted() {}',
];
const TEXT = LINES.join('\n');

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): SourceRange => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

/** A symbol named where `name` is first written on `line`, covering `lines`. */
function symbol(name: string, kind: SourceSymbolKind, line: number, lastLine: number, children: SourceSymbol[] = []): SourceSymbol {
  const character = LINES[line].indexOf(name);
  return { name, kind, range: range(line, 0, lastLine, LINES[lastLine].length), selectionRange: range(line, character, line, character + name.length), children };
}

const found = (symbols: SourceSymbol[]) =>
  detectTargets({ path: 'src/calendar.js', languageId: 'javascript', text: TEXT, symbols }).targets.map((target) => [target.kind, target.symbol ?? null, target.startLine]);

describe('finding stubs from the document symbols of a language extension', () => {
  const symbols = [
    symbol('Calendar', 'class', 0, 5, [symbol('nextWorkingDay', 'method', 1, 1), symbol('isHoliday', 'method', 2, 4)]),
    symbol('formatIsoDate', 'variable', 6, 8),
    symbol('LIMIT', 'variable', 9, 9, [symbol('max', 'property', 9, 9)]),
  ];

  it('checks the functions the symbols name, qualified by their class, and no others', () => {
    assert.deepEqual(found(symbols), [
      ['stub', 'Calendar.nextWorkingDay', 2],
      ['stub', 'formatIsoDate', 7],
    ]);
    const functions = detectTargets({ path: 'src/calendar.js', languageId: 'javascript', text: TEXT, symbols }).functions.map((fn) => fn.symbol);
    assert.deepEqual(functions, ['Calendar.nextWorkingDay', 'Calendar.isHoliday', 'formatIsoDate']);
  });

  it('finds the name in the range when a provider gives no selection range', () => {
    const whole = symbols.map((entry) => ({ ...entry, selectionRange: entry.range, children: entry.children?.map((child) => ({ ...child, selectionRange: child.range })) }));
    assert.deepEqual(found(whole), found(symbols));
  });

  it('reads the source itself when there are no symbols, and agrees with them', () => {
    assert.deepEqual(found([]), [...found(symbols), ['stub', 'unlisted', 11]]);
  });

  it('skips a symbol whose name it cannot find where the symbol says it is', () => {
    assert.deepEqual(found([symbol('formatIsoDate', 'variable', 6, 8), { ...symbol('LIMIT', 'function', 9, 9), name: 'renamed' }]), [['stub', 'formatIsoDate', 7]]);
  });

  it('reads Python functions from their symbols too, decorators included', () => {
    const python = ['class Inventory:', '    @staticmethod', '    def normalize(sku):', '        ...', '', 'def restock(report):', '    return report'];
    const at = (name: string, line: number, lastLine: number, kind: SourceSymbolKind, children: SourceSymbol[] = []): SourceSymbol => {
      const character = python[line].indexOf(name);
      return { name, kind, range: range(line, 0, lastLine, 0), selectionRange: range(line, character, line, character + name.length), children };
    };
    const pythonSymbols = [at('Inventory', 0, 3, 'class', [at('normalize', 2, 3, 'method')]), at('restock', 5, 6, 'function')];
    const detected = detectTargets({ path: 'inventory.py', languageId: 'python', text: python.join('\n'), symbols: pythonSymbols });
    assert.deepEqual(
      detected.targets.map((target) => [target.symbol, target.startLine, target.endLine]),
      [['Inventory.normalize', 2, 4]],
    );
    assert.deepEqual(
      detected.functions.map((fn) => fn.symbol),
      ['Inventory.normalize', 'restock'],
    );
  });
});
