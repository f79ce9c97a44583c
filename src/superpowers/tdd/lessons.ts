// What a feature workflow that passed its tests and won the Board's approval teaches, drafted from
// what its steps recorded, without asking a model: the project's test convention (where TestBot put
// the tests, what runs them), the fix that turned a failing try green, and each thing the Board
// asked for that the code was then changed to meet. Security asks are kept for every project;
// the rest for this workspace.
import { posix } from 'node:path';
import type { MemoryDraft } from '../../core/memory/memoryRecord';
import type { TestFramework } from '../../shared/testResults';

export interface LessonSources {
  readonly request: string;
  /** What ran the tests at review. */
  readonly framework: TestFramework;
  /** The test files red wrote. */
  readonly testFiles: readonly string[];
  /** The failure a later try of green fixed, and how (CodeBot's own words). */
  readonly fixed?: { readonly failure: string; readonly by: string };
  /** The Board's asks that green met before the Board approved. */
  readonly addressed?: readonly string[];
}

/** Frameworks as their users name them. */
const FRAMEWORK_NAMES: Readonly<Record<TestFramework, string>> = { 'node-test': 'node:test', mocha: 'mocha', jest: 'jest', vitest: 'vitest', pytest: 'pytest' };

/** The Board asks one workflow turns into rules, at most. */
const MAX_RULES = 5;
const MAX_TITLE = 120;

export function draftLessons(sources: LessonSources): MemoryDraft[] {
  const request = sources.request.split('\n')[0]?.trim() ?? '';
  const lessons: MemoryDraft[] = [];
  const patterns = [...new Set(sources.testFiles.map(testFilePattern))].sort();
  if (patterns.length > 0) {
    const framework = FRAMEWORK_NAMES[sources.framework];
    lessons.push({
      kind: 'convention',
      scope: 'workspace',
      title: clip(`Tests run with ${framework}, in ${patterns.join(' and ')}`),
      text: `New tests go in ${patterns.join(' and ')} and run with ${framework}: TestBot wrote ${sources.testFiles.join(', ')} for "${request}", and the Board approved.`,
      tags: ['tests', sources.framework],
    });
  }
  if (sources.fixed) {
    lessons.push({
      kind: 'fix',
      scope: 'workspace',
      title: clip(`Fix: ${sources.fixed.by}`),
      text: `A try at "${request}" failed with ${sources.fixed.failure}. What made the tests pass: ${sources.fixed.by}`,
      tags: ['green'],
    });
  }
  for (const ask of (sources.addressed ?? []).slice(0, MAX_RULES)) {
    const security = /^CSO\b/.test(ask);
    lessons.push({
      kind: 'rule',
      scope: security ? 'global' : 'workspace',
      title: clip(ask.replace(/^(CTO|CSO|Product Owner)( \[\w+\])?:?\s*/, '')),
      text: `The Board asked for this on "${request}" and approved once the code met it: ${ask}`,
      tags: ['board', ...(security ? ['security'] : [])],
    });
  }
  return lessons;
}

/** `test/size.test.js` → `test/*.test.js`; `tests/test_stock.py` → `tests/test_*.py`. */
export function testFilePattern(path: string): string {
  const folder = posix.dirname(path);
  const name = posix.basename(path);
  const shaped = /^.+?((?:\.|_)(?:test|spec)\.[\w.]+)$/.exec(name)?.[1] ?? /^(test_).+(\.py)$/.exec(name)?.slice(1).join('*');
  const pattern = shaped === undefined ? name : shaped.includes('*') ? shaped : `*${shaped}`;
  return folder === '.' ? pattern : `${folder}/${pattern}`;
}

function clip(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 3)}...` : line;
}
