// A test run as the model reads it: the counts, then each failure's name, place, message and
// expected/actual, capped so a run with hundreds of failures still fits in a tool result. Stack
// frames inside Node itself (`node:internal/...`, `node:async_hooks`) are left out: they say
// nothing about the code under test and cost a dozen tokens each.
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';
import { asData } from '../../core/untrustedData';
import { withoutHostPaths } from './hostPaths';

const MAX_FAILURES = 10;
const MAX_MESSAGE_LINES = 8;
const MAX_VALUE_CHARS = 500;
const OUTPUT_TAIL_LINES = 30;

export function summarizeTestRun(result: TestRunResult): string {
  const { passed, failed, skipped, total } = result.summary;
  const how = { completed: 'ran', 'timed-out': 'timed out', canceled: 'were canceled', error: 'could not run' }[result.outcome];
  const lines = [`Tests ${how}: ${passed} passed, ${failed} failed, ${skipped} skipped (${total} in all) in ${Math.round(result.durationMs)} ms.`];
  const failures = result.tests.filter((test) => test.status === 'failed');
  for (const test of failures.slice(0, MAX_FAILURES)) lines.push(...describeFailure(test));
  if (failures.length > MAX_FAILURES) lines.push(`… and ${failures.length - MAX_FAILURES} more failing tests; run fewer files to see them.`);
  for (const error of result.errors) lines.push(`ERROR in ${error.file ?? 'the test run'}:`, indent(capLines(error.message)));
  // Without test results, the runner's own words are the only clue (a syntax error, a bad config).
  if ((total === 0 || result.outcome !== 'completed') && result.output.trim() !== '') {
    lines.push('Runner output (last lines):', indent(result.output.trimEnd().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n')));
  }
  return lines.join('\n');
}

/**
 * A gate's refusal and the engine's own run, as the agent is sent them for its next try: the
 * engine's words first, then the run delimited as data (its output is the tests' and the code's,
 * which may say anything), with paths workspace-relative as in a tool result.
 */
export function testRunFeedback(refusal: string, result: TestRunResult, root: string): string {
  return withoutHostPaths(`${refusal}\n${asData('test run', summarizeTestRun(result))}`, root);
}

function describeFailure(test: TestCaseResult): string[] {
  const lines = [`FAILED ${test.id}`];
  const place = test.failureLocation ?? (test.line !== undefined ? { file: test.file, line: test.line } : undefined);
  lines.push(place ? `  at ${place.file}:${place.line}` : `  in ${test.file}`);
  if (test.message) lines.push(`  message: ${indent(capLines(withoutNodeFrames(test.message))).trimStart()}`);
  if (test.expected !== undefined) lines.push(`  expected: ${indent(capChars(withoutNodeFrames(test.expected))).trimStart()}`);
  if (test.actual !== undefined) lines.push(`  actual:   ${indent(capChars(withoutNodeFrames(test.actual))).trimStart()}`);
  return lines;
}

/** A stack frame in Node's own code: "at Test.run (node:internal/test_runner/test:796:25)", "at node:internal/main:5:3". */
const NODE_FRAME = /\n[ \t]*at (?:[^\n]*\()?node:[^\n]*/g;

function withoutNodeFrames(text: string): string {
  return text.replace(NODE_FRAME, '');
}

function capLines(text: string): string {
  const lines = text.trimEnd().split('\n');
  const kept = lines.slice(0, MAX_MESSAGE_LINES).map(capChars);
  if (lines.length > MAX_MESSAGE_LINES) kept.push(`[… ${lines.length - MAX_MESSAGE_LINES} more lines]`);
  return kept.join('\n');
}

function capChars(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}[… ${text.length - MAX_VALUE_CHARS} more characters]` : text;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
