import * as assert from 'node:assert/strict';
import { detectTargets } from '../../../../../src/core/workspace/targets/detectTargets';

const detect = (lines: readonly string[], eol = '\n') => detectTargets({ path: 'app/inventory.py', languageId: 'python', text: lines.join(eol) });
const found = (lines: readonly string[], eol?: string) => detect(lines, eol).targets.map((target) => [target.kind, target.symbol ?? null, target.startLine, target.endLine]);

const INVENTORY = [
  '"""Stock levels."""', // 1
  'from abc import ABC, abstractmethod',
  '',
  '',
  'class Store(ABC):', // 5
  '    @abstractmethod',
  '    def count(self, sku: str) -> int:',
  '        raise NotImplementedError',
  '',
  '', // 10
  'class Inventory(Store):',
  '    def __init__(self):',
  '        pass',
  '',
  '    @staticmethod', // 15
  '    @cache(',
  '        size=10)',
  '    def normalize(sku: str) -> str:',
  '        """Upper-cases the SKU',
  '        and strips spaces."""', // 20
  '        ...',
  '',
  '    def count(self, sku):',
  '        # TODO: count reserved items separately',
  '        return self.items.get(sku, 0)', // 25
  '',
  '    def remove(self, sku,',
  '               amount: int) -> None:',
  '        raise NotImplementedError("remove is not written yet")',
  '', // 30
  '',
  'async def restock(inventory, report):',
  '    """Adds what the report lists."""',
  '    pass',
  '    # TODO: check the report is signed', // 35
  '',
  'def keep():',
  '    pass  # nothing to do: the store saves itself',
];

describe('finding stubs and TODOs in Python', () => {
  it('finds functions that only pass, hold an ellipsis or a docstring, or raise NotImplementedError', () => {
    assert.deepEqual(found(INVENTORY), [
      ['stub', 'Inventory.normalize', 15, 21],
      ['todo', null, 24, 24],
      ['stub', 'Inventory.remove', 27, 29],
      ['stub', 'restock', 32, 35],
    ]);
  });

  it('leaves abstract methods, an empty __init__ and a commented pass alone, yet knows them as functions', () => {
    assert.deepEqual(
      detect(INVENTORY).functions.map((fn) => [fn.symbol, fn.startLine, fn.endLine]),
      [
        ['Store.count', 6, 8],
        ['Inventory.__init__', 12, 13],
        ['Inventory.normalize', 15, 21],
        ['Inventory.count', 23, 25],
        ['Inventory.remove', 27, 29],
        ['restock', 32, 35],
        ['keep', 37, 38],
      ],
    );
  });

  it('describes a stub by its signature, its docstring and the comments in it', () => {
    const byName = new Map(detect(INVENTORY).targets.map((target) => [target.symbol, target.description]));
    assert.equal(byName.get('Inventory.normalize'), 'def normalize(sku: str) -> str\nUpper-cases the SKU\nand strips spaces.');
    assert.equal(byName.get('Inventory.remove'), 'def remove(self, sku, amount: int) -> None');
    assert.equal(byName.get('restock'), 'async def restock(inventory, report)\nAdds what the report lists.\nTODO: check the report is signed');
  });

  it('counts the same lines in a CRLF file and with tabs', () => {
    assert.deepEqual(found(INVENTORY, '\r\n'), found(INVENTORY));
    assert.deepEqual(found(['def a():', '\tif x:', '\t\tpass', '\treturn 1', 'def b():', '\tpass']), [['stub', 'b', 5, 6]]);
  });

  it('leaves Protocol members and overloads alone and reads one-line and nested functions', () => {
    const lines = [
      'class Reader(Protocol):', // 1
      '    def read(self) -> bytes: ...',
      '',
      '@overload',
      'def parse(x: int) -> int: ...', // 5
      'def parse(x): return x',
      'def later(): raise NotImplementedError()',
      'def outer():',
      '    def inner():',
      '        pass', // 10
      '    return inner',
    ];
    assert.deepEqual(found(lines), [
      ['stub', 'later', 7, 7],
      ['stub', 'inner', 9, 10],
    ]);
  });

  it('is not fooled by a def or a TODO inside a string, or brackets spanning lines', () => {
    const lines = [
      'HELP = """', // 1
      'def fake():',
      '    pass',
      '# TODO: not a comment',
      '"""', // 5
      'def real(a=(',
      '    1, 2)):',
      '    return a',
      'def empty():',
      "    '''Says what it will do.'''", // 10
    ];
    assert.deepEqual(found(lines), [['stub', 'empty', 9, 10]]);
    assert.deepEqual(
      detect(lines).functions.map((fn) => fn.symbol),
      ['real', 'empty'],
    );
  });
});
