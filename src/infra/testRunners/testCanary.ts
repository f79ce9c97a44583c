// The must-fail canary: tests of Imperium's own that every run includes, written with the
// framework's usual assertions, one that must be reported failed (1 is not 2) and one that must be
// reported passed. Code under test that makes the framework's expect (or chai, or pytest's
// reporting) pass everything makes the first one pass too, and then the run's passes count for
// nothing. The canary's tests carry a per-run random id in their names, by which they are taken out
// of the results before anyone sees them; they are never written inside the workspace.
//
// Where they run: jest, vitest and pytest give each test file a context of its own, so the canary is
// added to every file (a setup file; a pytest plugin adding items to each module) and each file's
// results must hold it; node:test gets a canary file of its own in the run, and mocha a canary suite
// after every loaded file (added by its reporter in serial mode, a spec file of its own in parallel
// mode: mochaRunner.ts), which sees what the files did in their process.
import { randomBytes } from 'node:crypto';
import type { TestCaseResult } from '../../shared/testResults';
import type { ParsedReport } from './runResult';

export interface TestCanary {
  readonly id: string;
  /** The name of the test that must be reported failed. */
  readonly mustFail: string;
  /** The name of the test that must be reported passed. */
  readonly mustPass: string;
  /** The name of a suite holding both, where a framework needs one (mocha). */
  readonly suite: string;
}

/** 'every-file': the canary runs inside each test file; 'own-file': in a file of its own. */
export type CanaryScope = 'every-file' | 'own-file';

export function newTestCanary(): TestCanary {
  const id = randomBytes(12).toString('hex');
  // Identifier-shaped, so that pytest's node ids and every framework's name filters take them as they are.
  return { id, mustFail: `imperium_canary_${id}_must_fail`, mustPass: `imperium_canary_${id}_must_pass`, suite: `imperium_canary_${id}` };
}

export function isCanaryTest(test: Pick<TestCaseResult, 'name'>, canary: TestCanary): boolean {
  return test.name.includes(canary.id);
}

/**
 * The report without the canary's tests, untrusted as well when the canary was not reported as it
 * must be. A report that did not finish is only filtered: its run did not complete, so it has no
 * passes to trust. A canary missing or skipped counts only when every other test passed: a run
 * that stopped at a failure (mocha's bail, pytest's -x) may not have reached it, and its failures
 * already keep it from green.
 */
export function checkedCanary(report: ParsedReport, canary: TestCanary, scope: CanaryScope): ParsedReport {
  const canaryTests = report.tests.filter((test) => isCanaryTest(test, canary));
  const tests = report.tests.filter((test) => !isCanaryTest(test, canary));
  const filtered = { ...report, tests };
  if (!report.finished) return filtered;
  const failing = tests.some((test) => test.status === 'failed') || report.errors.length > 0;
  const places = scope === 'every-file' ? [...new Set(tests.map((test) => test.file))] : ['the run'];
  const problems = new Map<string, string[]>();
  const note = (problem: string, place: string): void => void problems.set(problem, [...(problems.get(problem) ?? []), place]);
  for (const place of places) {
    const here = scope === 'every-file' ? canaryTests.filter((test) => test.file === place) : canaryTests;
    for (const [name, expected] of [[canary.mustFail, 'failed'], [canary.mustPass, 'passed']] as const) {
      const statuses = new Set(here.filter((test) => test.name === name).map((test) => test.status));
      const problem = canaryProblem(expected, statuses);
      if (problem && (problem.wrong || !failing)) note(problem.text, place);
    }
  }
  const untrusted = [...problems].map(([problem, where]) => `${problem} (${scope === 'every-file' ? `in ${listed(where)}` : 'in its own file'}): the framework's assertions or its reporting were changed during the run, so its passes cannot be trusted`);
  return untrusted.length === 0 ? filtered : { ...filtered, untrusted: [...(report.untrusted ?? []), ...untrusted] };
}

/** What is wrong with one canary test by the statuses it was reported with: `wrong` when it came out the other way. */
function canaryProblem(expected: 'failed' | 'passed', statuses: ReadonlySet<string>): { readonly text: string; readonly wrong: boolean } | undefined {
  const which = expected === 'failed' ? "Imperium's canary test that must fail (it asserts that 1 is 2)" : "Imperium's canary test that must pass (it asserts that 1 is 1)";
  if (statuses.has(expected === 'failed' ? 'passed' : 'failed')) return { text: `${which} was reported ${expected === 'failed' ? 'passed' : 'failed'}`, wrong: true };
  if (statuses.size === 0) return { text: `${which} did not run or was not reported`, wrong: false };
  // A `.only` in a file skips it as well.
  if (!statuses.has(expected)) return { text: `${which} was skipped`, wrong: false };
  return undefined;
}

function listed(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more file${files.length === 4 ? '' : 's'}`;
}
