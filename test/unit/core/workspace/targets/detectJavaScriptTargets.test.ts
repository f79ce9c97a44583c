import * as assert from 'node:assert/strict';
import { detectTargets, MAX_SCANNED_CHARS } from '../../../../../src/core/workspace/targets/detectTargets';

const detect = (lines: readonly string[], languageId = 'typescript', eol = '\n') => detectTargets({ path: 'src/dates.ts', languageId, text: lines.join(eol) });
const found = (lines: readonly string[], languageId?: string, eol?: string) =>
  detect(lines, languageId, eol).targets.map((target) => [target.kind, target.symbol ?? null, target.startLine, target.endLine]);

describe('finding stubs and TODOs in JavaScript and TypeScript', () => {
  it('finds functions that are empty, only throw a not-implemented error, or only hold a TODO', () => {
    const lines = [
      '/** Parses an ISO 8601 date. */', // 1
      "export function parseIsoDate(text: string): Date {",
      "  throw new Error('not implemented');",
      '}',
      'export async function load(url) {', // 5
      '  // TODO: fetch with retries',
      '}',
      'function later() { throw new NotImplementedError(); }',
      'function* ids() {}',
      "function todo() { throw new Error(`TODO: ${name}`); }", // 10
      'function done(a, b) {',
      '  return a + b;',
      '}',
      "function refuse() { throw new Error('Invalid input'); }",
    ];
    assert.deepEqual(found(lines), [
      ['stub', 'parseIsoDate', 2, 4],
      ['stub', 'load', 5, 7],
      ['stub', 'later', 8, 8],
      ['stub', 'ids', 9, 9],
      ['stub', 'todo', 10, 10],
    ]);
  });

  it('describes a stub by its signature, the doc comment above it and its comments', () => {
    const [parse, load] = detect([
      '/**',
      ' * Parses an ISO 8601 date (YYYY-MM-DD)',
      ' * into a UTC Date.',
      ' */',
      "export function parseIsoDate(text: string,\n    strict = false): Date { throw new Error('not implemented'); }",
      'export async function load(url) {',
      '  // TODO: fetch with retries',
      '}',
    ]).targets;
    assert.equal(parse.description, 'export function parseIsoDate(text: string, strict = false): Date\nParses an ISO 8601 date (YYYY-MM-DD)\ninto a UTC Date.');
    assert.equal(load.description, 'export async function load(url)\nTODO: fetch with retries');
  });

  it('finds arrow functions and function expressions assigned to a name, and object literal members', () => {
    const lines = [
      'const formatIsoDate = (date: Date): string => {', // 1
      '  // TODO: pad months and days',
      '};',
      'export const parse = async <T,>(s: string): Promise<{ value: T }> => {};',
      'const handler: Handler = function named() {};', // 5
      'exports.clear = x => {};',
      'const api = {',
      '  get(key) {},',
      "  put: (key, value) => { throw new Error('not implemented yet'); },",
      '  ok: () => 1,', // 10
      '};',
      'const config = { a: 1 };',
      'const noop = () => undefined;',
    ];
    assert.deepEqual(found(lines), [
      ['stub', 'formatIsoDate', 1, 3],
      ['stub', 'parse', 4, 4],
      ['stub', 'handler', 5, 5],
      ['stub', 'clear', 6, 6],
      ['stub', 'get', 8, 8],
      ['stub', 'put', 9, 9],
    ]);
  });

  it('names methods after their class and leaves constructors, abstract methods and overloads alone', () => {
    const lines = [
      'export class Calendar extends Base<{ id: string }> implements Days {', // 1
      '  constructor(private readonly holidays: string[]) {}',
      '  static from(list: string[]): Calendar {}',
      '  abstract next(): Date;',
      '  get size(): number {', // 5
      '    return this.holidays.length;',
      '  }',
      '  #secret() { /* TODO: hash it */ }',
      '  onChange = async (event: Event): Promise<void> => {};',
      '  isHoliday(date: Date): date is Holiday {', // 10
      '    const check = () => {};',
      '    return check();',
      '  }',
      '}',
      'function overloaded(a: string): void;', // 15
      'function overloaded(a: number): void;',
      'function overloaded(a: unknown) { return a; }',
      'interface Days { next(): Date; at: () => {} }',
      'type Later = () => {};',
    ];
    assert.deepEqual(found(lines), [
      ['stub', 'Calendar.from', 3, 3],
      ['stub', 'Calendar.#secret', 8, 8],
      ['stub', 'Calendar.onChange', 9, 9],
      ['stub', 'check', 11, 11],
    ]);
    const functions = detect(lines).functions.map((fn) => fn.symbol);
    assert.deepEqual(functions, ['Calendar.constructor', 'Calendar.from', 'Calendar.size', 'Calendar.#secret', 'Calendar.onChange', 'Calendar.isHoliday', 'check', 'overloaded']);
  });

  it('counts a constructor a stub only when it says so', () => {
    assert.deepEqual(found(['class A {', '  constructor() {', '    // TODO: open the pool', '  }', '}']), [['stub', 'A.constructor', 2, 4]]);
    assert.deepEqual(found(['class A {', "  constructor() { throw new Error('Not implemented'); }", '}']), [['stub', 'A.constructor', 2, 2]]);
  });

  it('takes an empty body with an explanation for empty on purpose', () => {
    assert.deepEqual(found(['function dispose() {', '  // nothing to release: the pool owns the sockets', '}']), []);
  });

  it('is not fooled by braces and TODOs in strings, regular expressions and templates', () => {
    const lines = [
      'function quote(s) {', // 1
      "  const open = '{', close = \"}\";",
      '  return `${open}${s.replace(/[{}]/g, "")}${close}` + `}`;',
      '}',
      "const note = '// TODO: not a comment';", // 5
      'function after() {}',
    ];
    assert.deepEqual(found(lines), [['stub', 'after', 6, 6]]);
    assert.equal(detect(lines).functions.find((fn) => fn.symbol === 'quote')?.endLine, 4);
  });

  it('finds nested functions and the TODOs outside stubs, with the function they are in', () => {
    const lines = [
      'function outer(items) {', // 1
      '  // TODO: sort by date first',
      '  const sorted = items;',
      '  function inner() {}',
      '  return sorted.map((item) => {});', // 5
      '}',
      '// FIXME: drop this once the API has paging',
      'const PAGE = 50;',
      '// TODO',
    ];
    const { targets } = detect(lines);
    assert.deepEqual(
      targets.map((target) => [target.kind, target.symbol ?? null, target.startLine, target.endLine]),
      [
        ['todo', null, 2, 2],
        ['stub', 'inner', 4, 4],
        ['todo', null, 7, 7],
      ],
    );
    assert.equal(targets[0].description, 'TODO: sort by date first\nIn outer: function outer(items)');
    assert.equal(targets[2].description, 'FIXME: drop this once the API has paging');
  });

  it('folds the TODOs in a stub and in its doc comment into the stub', () => {
    const { targets } = detect(['// TODO: support time zones', 'function parse(s) {', '  // TODO: parse the date part', '}']);
    assert.deepEqual(
      targets.map((target) => [target.kind, target.startLine]),
      [['stub', 2]],
    );
    assert.equal(targets[0].description, 'function parse(s)\nTODO: support time zones\nTODO: parse the date part');
  });

  it('counts lines the same in a CRLF file, and reads JSX', () => {
    const lines = ['export function App() {', "  return <p>Don't {x}</p>;", '}', '', 'function todo() {', '  // TODO: render the list', '}'];
    assert.deepEqual(found(lines, 'typescriptreact', '\r\n'), [['stub', 'todo', 5, 7]]);
    assert.deepEqual(found(lines, 'javascriptreact', '\n'), [['stub', 'todo', 5, 7]]);
  });

  it('does not take control flow, calls or default values for functions', () => {
    const lines = ['if (ready) {', '} else if (x) {}', 'while (busy) {}', 'run(() => {});', 'function f(cb = () => {}) { return cb; }', 'const pick = yes ? a : () => {};', 'for (const x of xs) {}'];
    assert.deepEqual(found(lines, 'javascript'), []);
  });

  it('reads nothing in other languages or in files too large to be hand-written', () => {
    assert.deepEqual(detectTargets({ path: 'a.go', languageId: 'go', text: 'func f() {}' }), { targets: [], functions: [] });
    const huge = `function f() {}\n${' '.repeat(MAX_SCANNED_CHARS)}`;
    assert.deepEqual(detectTargets({ path: 'a.js', languageId: 'javascript', text: huge }).targets, []);
  });
});
