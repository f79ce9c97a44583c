// Which paths are tests. TestBot writes only these; CodeBot may not touch them (the test-tamper
// guard). Test-framework configuration counts too: excluding a test there weakens it as surely as
// editing it would.
import { Minimatch } from 'minimatch';
import type { WriteGuard } from './tools/agentTool';

const TEST_FILE_GLOBS = [
  '**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
  '**/{test,tests,__tests__,spec}/**',
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
];
const TEST_CONFIG_GLOBS = ['**/{jest,vitest,vite,karma,playwright,cypress}.config.*', '**/{jest,vitest}.setup.*', '**/.mocharc*', '**/pytest.ini'];

// Case-insensitive: on macOS and Windows "A.TEST.ts" is the same file as "a.test.ts".
const compile = (globs: readonly string[]) => globs.map((glob) => new Minimatch(glob, { dot: true, nocase: true }));
const testFileMatchers = compile(TEST_FILE_GLOBS);
const testConfigMatchers = compile(TEST_CONFIG_GLOBS);

/** A test, or a test framework's configuration (workspace-relative, canonical path). */
export function isTestPath(path: string): boolean {
  return [...testFileMatchers, ...testConfigMatchers].some((matcher) => matcher.match(path));
}

/** TestBot's guard: tests and their configuration only. */
export const onlyTestPaths: WriteGuard = (path) =>
  isTestPath(path)
    ? undefined
    : 'you write tests only (*.test.*, *.spec.*, or files under test/, tests/, __tests__/); the code under test is for CodeBot to write.';

/** CodeBot's guard: anything but tests and their configuration. */
export const noTestPaths: WriteGuard = (path) =>
  isTestPath(path)
    ? 'tests and test configuration are fixed while you implement; make the tests pass by changing the code under test.'
    : undefined;
