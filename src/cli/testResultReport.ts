// The human-readable form of a test run and of a test listing, as `imperium tests` prints them.
import type { DiscoveredTest } from '../core/ports';
import type { TestCaseResult, TestRunResult } from '../shared/testResults';

const MARK: Record<TestCaseResult['status'], string> = { passed: '✓', failed: '✗', skipped: '○' };

export function formatTestRun(result: TestRunResult): string {
  const lines: string[] = [`${result.framework}: ${describeOutcome(result)}`, ''];
  for (const [file, tests] of groupByFile(result.tests)) {
    lines.push(file);
    for (const test of tests) {
      const title = [...test.suite, test.name].join(' › ');
      const detail = test.status === 'skipped' ? ' (skipped)' : test.durationMs !== undefined ? ` (${Math.round(test.durationMs)} ms)` : '';
      lines.push(`  ${MARK[test.status]} ${title}${detail}`);
      if (test.status === 'failed') lines.push(...failureLines(test));
    }
    lines.push('');
  }
  if (result.errors.length > 0) {
    lines.push('Errors (files that did not load, or a runner that failed):');
    for (const error of result.errors) {
      lines.push(`  ${error.file ?? '(no file)'}`, ...indent(error.message, 6), '');
    }
  }
  const { passed, failed, skipped, total } = result.summary;
  const errors = result.errors.length;
  lines.push(`${passed} passed, ${failed} failed, ${skipped} skipped (${total} tests${errors > 0 ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''})`);
  return `${lines.join('\n')}\n`;
}

export function formatDiscoveredTests(tests: readonly DiscoveredTest[]): string {
  const lines: string[] = [];
  for (const [file, inFile] of groupByFile(tests)) {
    lines.push(file, ...inFile.map((test) => `  ${[...test.suite, test.name].join(' › ')}${test.line !== undefined ? `  (line ${test.line})` : ''}`), '');
  }
  lines.push(`${tests.length} tests`);
  return `${lines.join('\n')}\n`;
}

function describeOutcome(result: TestRunResult): string {
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`;
  switch (result.outcome) {
    case 'completed':
      return `completed in ${seconds}`;
    case 'timed-out':
      return `TIMED OUT after ${seconds}; the results below are those reported before the run was stopped`;
    case 'canceled':
      return `CANCELED after ${seconds}; the results below are those reported before the run was stopped`;
    case 'error':
      return `the runner FAILED after ${seconds}; see the errors below`;
  }
}

function failureLines(test: TestCaseResult): string[] {
  const lines = indent(test.message ?? '', 6);
  if (test.expected !== undefined) lines.push(...labelled('expected: ', test.expected));
  if (test.actual !== undefined) lines.push(...labelled('actual:   ', test.actual));
  if (test.failureLocation) {
    const { file, line, column } = test.failureLocation;
    lines.push(`      at ${file}:${line}${column !== undefined ? `:${column}` : ''}`);
  }
  return lines;
}

function labelled(label: string, value: string): string[] {
  const [first, ...rest] = value.split('\n');
  return [`      ${label}${first}`, ...rest.map((line) => `      ${' '.repeat(label.length)}${line}`)];
}

function indent(text: string, width: number): string[] {
  return text === '' ? [] : text.split('\n').map((line) => `${' '.repeat(width)}${line}`.trimEnd());
}

function groupByFile<T extends { readonly file: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.file);
    if (group) group.push(item);
    else groups.set(item.file, [item]);
  }
  return groups;
}
