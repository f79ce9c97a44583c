// Which tests a fix works on: the ones the user names (test ids, files, a Test Explorer selection)
// or, when none is named, the failing tests of the folder. What is named is checked against a run
// of the whole suite, so a typo is an error that names what is there rather than an empty fix.
import { z } from 'zod';
import type { TestRunResult } from '../../shared/testResults';

/** What a person names, as the workflow's input carries it. Both empty: every failing test. */
export const fixTargetsSchema = z
  .object({
    /** Test ids as in TestCaseResult.id: `<file>::<suite > title>`. */
    testIds: z.array(z.string().min(1)).default([]),
    /** Workspace-relative test files. */
    files: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type FixTargets = z.output<typeof fixTargetsSchema>;
export type FixTargetsInput = z.input<typeof fixTargetsSchema>;

/** The selection, resolved against a run of the suite. */
export interface ResolvedTargets {
  /** The named test ids (empty when tests are chosen by file or are every failing test). */
  readonly testIds: readonly string[];
  /** The files the tests to fix are in; empty means every file of the suite. */
  readonly files: readonly string[];
  /** For a person: what was chosen. */
  readonly description: string;
}

export class UnknownTestsError extends Error {
  override readonly name = 'UnknownTestsError';
}

/** '/'-separated and workspace-relative, the way test results name files. */
export function normalizeTestPath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Checks the targets against the suite's run; throws UnknownTestsError naming what is not there. */
export function resolveTargets(targets: FixTargetsInput, suite: TestRunResult): ResolvedTargets {
  const { testIds, files } = fixTargetsSchema.parse(targets);
  const knownFiles = new Set([...suite.tests.map((test) => test.file), ...suite.errors.flatMap((error) => (error.file === undefined ? [] : [error.file]))]);
  const knownIds = new Set(suite.tests.map((test) => test.id));
  const namedFiles = [...new Set(files.map(normalizeTestPath))];
  const unknownFiles = namedFiles.filter((file) => !knownFiles.has(file));
  // An id in a file that does not load is known by its file: the error is the test's failure.
  const unknownIds = testIds.filter((id) => !knownIds.has(id) && !suite.errors.some((error) => error.file !== undefined && id.startsWith(`${error.file}::`)));
  if (unknownFiles.length + unknownIds.length > 0) {
    const lines = [...unknownFiles.map((file) => `- no test file ${file} in the suite`), ...unknownIds.map((id) => `- no test ${id} in the suite${nearby(id, suite)}`)];
    const files = [...knownFiles].sort();
    throw new UnknownTestsError(`${lines.join('\n')}\nThe suite's test files: ${files.length > 0 ? files.slice(0, 20).join(', ') : '(none)'}${files.length > 20 ? ', ...' : ''}`);
  }
  if (testIds.length > 0) {
    // Ids narrow; files named beside them add the failing tests of those files.
    const extra = namedFiles.flatMap((file) => suite.tests.filter((test) => test.file === file && test.status === 'failed').map((test) => test.id));
    const ids = [...new Set([...testIds, ...extra])];
    return { testIds: ids, files: [...new Set(ids.map(fileOfId))].sort(), description: ids.length === 1 ? `the test ${ids[0]}` : `${ids.length} named tests` };
  }
  if (namedFiles.length > 0) {
    const sorted = [...namedFiles].sort();
    return { testIds: [], files: sorted, description: `the failing tests in ${sorted.join(', ')}` };
  }
  return { testIds: [], files: [], description: 'the failing tests of the folder' };
}

/** The tests of the same file, when an id names a file the suite has, to help with a typo in the title. */
function nearby(id: string, suite: TestRunResult): string {
  const file = fileOfId(id);
  const there = suite.tests.filter((test) => test.file === file).map((test) => test.id);
  if (there.length === 0) return '';
  return ` (${file} has: ${there.slice(0, 5).join('; ')}${there.length > 5 ? '; ...' : ''})`;
}

function fileOfId(id: string): string {
  const at = id.indexOf('::');
  return at > 0 ? id.slice(0, at) : id;
}
