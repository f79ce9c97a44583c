// The red gate of tests that already fail (the fix workflow): the tests to fix must fail, and fail
// for a reason the implementation can fix. A test that cannot load is the user's to mend, not
// CodeBot's (it may not touch tests), so the gate stops there and says which and why. Enforced by
// the engine on the structured results, not asked of a model.
import type { TestCaseResult, TestFileError, TestRunResult } from '../../shared/testResults';
import { loadFailure, type LoadFailureContext } from './loadFailure';

export interface FailingTestsGateInput {
  /** A run that holds the tests to fix. */
  readonly run: TestRunResult;
  /** The tests to fix: these ids, or (when none is named) every test in `files`. */
  readonly testIds?: readonly string[];
  /** The files to fix tests in; with no ids and no files, every file of the run. */
  readonly files?: readonly string[];
  readonly isTestPath: LoadFailureContext['isTestPath'];
  readonly projectModules?: readonly string[];
  /** The workspace root as a path, to read the absolute paths in runners' messages. */
  readonly root?: string;
}

export type FailingTestsGateResult =
  | {
      readonly passed: true;
      /** The tests to fix, every one failing for a fixable reason (none when their files fail to load for want of the implementation). */
      readonly redTests: readonly TestCaseResult[];
      /** The files they are in, and files that fail to load for want of the implementation: each must hold running tests at green. */
      readonly redFiles: readonly string[];
      /** Named tests that pass already: reported, and held to keep passing. */
      readonly passingNamed: readonly TestCaseResult[];
      readonly summary: string;
    }
  | {
      readonly passed: false;
      readonly cause: 'run-not-completed' | 'nothing-fails' | 'cannot-load';
      /** Written for a person: what is wrong and what to do. */
      readonly reason: string;
    };

export function failingTestsGate(input: FailingTestsGateInput): FailingTestsGateResult {
  const { run } = input;
  if (run.outcome !== 'completed') {
    return { passed: false, cause: 'run-not-completed', reason: `The test run did not complete (${run.outcome}), so it cannot say which tests fail.` };
  }
  const inScope = scope(input);
  const named = run.tests.filter(inScope);
  const failing = named.filter((test) => test.status === 'failed');
  const passingNamed = named.filter((test) => test.status === 'passed' && (input.testIds?.length ?? 0) > 0);
  // A file error without a file (a crashed runner, a broken configuration) concerns every test.
  const fileErrors = run.errors.filter((error) => error.file === undefined || inFiles(input, error.file));
  const context = (file: string): LoadFailureContext => ({
    testFile: file,
    isTestPath: input.isTestPath,
    ...(input.projectModules && { projectModules: input.projectModules }),
    ...(input.root !== undefined && { root: input.root }),
  });

  const brokenFiles = fileErrors.filter((error) => error.file === undefined || loadFailure(error.message, context(error.file)) === 'cannot-load');
  const brokenTests = failing.filter((test) => loadFailure(test.message ?? '', context(test.file)) === 'cannot-load');
  if (brokenFiles.length + brokenTests.length > 0) {
    const lines = [...brokenFiles.map((error) => `- ${error.file ?? '(the run)'}: ${firstLines(error.message, input.root)}`), ...brokenTests.map((test) => `- ${test.id}: ${firstLines(test.message ?? '', input.root)}`)];
    return {
      passed: false,
      cause: 'cannot-load',
      reason:
        `These tests fail because they cannot load, not because of the code under test:\n${lines.join('\n')}\n` +
        'No change to the implementation can fix that, and the agents may not edit tests: fix the test (its syntax, or the module or package it needs) and ask again.',
    };
  }

  const loadingForWantOfCode = fileErrors.flatMap((error: TestFileError) => (error.file === undefined ? [] : [error.file]));
  if (failing.length === 0 && loadingForWantOfCode.length === 0) {
    const what = input.testIds?.length ? `the named test${input.testIds.length === 1 ? '' : 's'}` : input.files?.length ? `the tests in ${input.files.join(', ')}` : 'the suite';
    const ran = named.length === 0 ? 'no test ran' : `${named.length} test${named.length === 1 ? '' : 's'} ran, none failing`;
    return { passed: false, cause: 'nothing-fails', reason: `Nothing to fix: ${what} did not fail (${ran}).` };
  }
  const redFiles = [...new Set([...failing.map((test) => test.file), ...loadingForWantOfCode])].sort();
  const parts: string[] = [];
  if (failing.length > 0) parts.push(`${failing.length} test${failing.length === 1 ? '' : 's'} fail${failing.length === 1 ? 's' : ''} for a reason the implementation can fix`);
  if (loadingForWantOfCode.length > 0) parts.push(`${loadingForWantOfCode.join(', ')} fail${loadingForWantOfCode.length === 1 ? 's' : ''} to load because of the code under test (missing or not loadable)`);
  if (passingNamed.length > 0) parts.push(`${passingNamed.length} named test${passingNamed.length === 1 ? '' : 's'} pass already`);
  return { passed: true, redTests: failing, redFiles, passingNamed, summary: parts.join('; ') };
}

function scope(input: FailingTestsGateInput): (test: TestCaseResult) => boolean {
  if (input.testIds?.length) {
    const ids = new Set(input.testIds);
    return (test) => ids.has(test.id);
  }
  return (test) => inFiles(input, test.file);
}

function inFiles(input: FailingTestsGateInput, file: string): boolean {
  if (input.testIds?.length) return input.testIds.some((id) => id.startsWith(`${file}::`));
  return !input.files?.length || input.files.includes(file);
}

/**
 * The error's own line first, then what follows, short enough for a list: the last line that states
 * an error (Python's `E   ModuleNotFoundError: ...` comes after the ImportError that wraps it), else
 * the first that names one.
 */
function firstLines(text: string, root: string | undefined, count = 3): string {
  const plain = root === undefined ? text : text.split(`${root.replace(/\/?$/, '/')}`).join('');
  const lines = plain.split('\n').map((line) => line.trim()).filter(Boolean);
  const stated = lines.findLastIndex((line) => /^(?:E\s+)?\w*(?:Error|Exception)\b:/.test(line));
  const errorLine = stated >= 0 ? stated : lines.findIndex((line) => /\b\w*(Error|Exception)\b/.test(line));
  const ordered = errorLine > 0 ? [lines[errorLine], ...lines.slice(0, errorLine), ...lines.slice(errorLine + 1)] : lines;
  return ordered.slice(0, count).join(' ').replace(/^E\s+/, '').slice(0, 400);
}
