// Turns a framework process's end and its parsed report into the TestRunResult every caller reads:
// narrowed to the selection, summarised, and with an outcome that says whether it can be trusted.
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import { summarize, type TestCaseResult, type TestFileError, type TestFramework, type TestRunOutcome, type TestRunResult } from '../../shared/testResults';
import { TestRunnerError } from './frameworkRunner';
import { isSelected } from './testIds';
import type { ProcessEnd } from './testProcess';

export interface ParsedReport {
  readonly tests: readonly TestCaseResult[];
  readonly errors: readonly TestFileError[];
  /** The framework reported the end of its run, so the results are complete. */
  readonly finished: boolean;
  /** Why the report's passes cannot be trusted, as reading it showed. */
  readonly untrusted?: readonly string[];
}

/** How many characters of output go into an error that has nothing better to say. */
const OUTPUT_EXCERPT = 4000;

export function assembleRunResult(framework: TestFramework, end: ProcessEnd, report: ParsedReport, selection: TestSelection): TestRunResult {
  const tests = report.tests.filter((test) => isSelected(test, selection));
  const errors = [...report.errors];
  const outcome = outcomeOf(end, report);
  if (outcome === 'error' && errors.length === 0) errors.push({ message: whyNoReport(framework, end) });
  return {
    framework,
    outcome,
    tests,
    errors,
    summary: summarize(tests),
    durationMs: end.durationMs,
    output: end.output,
    ...(end.confinement && { confinement: end.confinement }),
    ...(report.untrusted?.length && { untrusted: report.untrusted }),
  };
}

/** The report, untrusted as well when the framework's exit code disagrees with it (see exitCodeMismatch). */
export function withExitCodeCheck(framework: TestFramework, end: ProcessEnd, report: ParsedReport): ParsedReport {
  const mismatch = exitCodeMismatch(framework, end, report);
  return mismatch ? { ...report, untrusted: [...(report.untrusted ?? []), mismatch] } : report;
}

/**
 * Where the framework's exit code, which code under test cannot write into the records, disagrees
 * with a complete report of a run that exited by itself: failures with exit code 0, or only passes
 * with another exit code. The whole report counts, before it is narrowed to the selection.
 */
export function exitCodeMismatch(framework: TestFramework, end: ProcessEnd, report: ParsedReport): string | undefined {
  if (end.ending !== 'exited' || end.exitCode === null || end.exitSignal || !report.finished || report.errors.length > 0) return undefined;
  const failed = report.tests.filter((test) => test.status === 'failed').length;
  const passed = report.tests.filter((test) => test.status === 'passed').length;
  if (failed > 0 && end.exitCode === 0) return `the records show ${failed} failing test${failed === 1 ? '' : 's'} but ${framework} exited with code 0`;
  if (failed === 0 && passed > 0 && end.exitCode !== 0) {
    return `every test in the records passed but ${framework} exited with code ${end.exitCode}: records it did not report were added, or it failed the run for a reason of its own (a coverage threshold, an unhandled error)`;
  }
  return undefined;
}

function outcomeOf(end: ProcessEnd, report: ParsedReport): TestRunOutcome {
  if (end.ending === 'timed-out' || end.ending === 'canceled') return end.ending;
  if (end.ending === 'failed-to-start' || !report.finished) return 'error';
  return 'completed';
}

function whyNoReport(framework: TestFramework, end: ProcessEnd): string {
  if (end.startError) return end.startError;
  const how = end.exitSignal ? `was killed by ${end.exitSignal}` : `exited with code ${end.exitCode}`;
  const output = end.output.trim();
  const excerpt = output.length > OUTPUT_EXCERPT ? `…${output.slice(-OUTPUT_EXCERPT)}` : output;
  return `${framework} ${how} without reporting its results.${excerpt ? `\n${excerpt}` : ' It printed nothing.'}`;
}


/** The tests a listing run (one whose name filter matched nothing) reported, or why there are none. */
export function discoveredTests(result: TestRunResult): DiscoveredTest[] {
  if (result.outcome === 'timed-out' || result.outcome === 'canceled') {
    throw new TestRunnerError(result.outcome, `Listing the ${result.framework} tests was ${result.outcome === 'timed-out' ? 'stopped at its time limit' : 'canceled'}.`);
  }
  if (result.outcome === 'error' && result.tests.length === 0) {
    throw new TestRunnerError('discovery-failed', `Could not list the ${result.framework} tests: ${result.errors.map((error) => error.message).join('\n')}`);
  }
  return result.tests.map(({ id, name, suite, file, line }) => ({ id, name, suite, file, ...(line !== undefined ? { line } : {}) }));
}

/** A run with nothing to run: no test files. */
export function emptyRunResult(framework: TestFramework, output: string): TestRunResult {
  return { framework, outcome: 'completed', tests: [], errors: [], summary: summarize([]), durationMs: 0, output };
}
