// Why a test that already exists fails, as the fix workflow's red gate needs to know it: for a reason
// an implementation can fix (an assertion, a missing or throwing implementation, a syntax error in
// the code under test), or because the test itself cannot load (a syntax error in the test, a
// package it needs that is not installed, a helper of its own that is missing), which no change to
// the code under test can mend.
import { posix } from 'node:path';
import { failureCause } from './failureCause';

export type LoadFailure = 'fixable' | 'cannot-load';

export interface LoadFailureContext {
  /** The failing test's file, workspace-relative: relative imports resolve from it. */
  readonly testFile: string;
  /** Whether a workspace-relative path is a test (or test configuration): an implementation may not write it. */
  readonly isTestPath: (path: string) => boolean;
  /** Python modules and packages of the project (top-level names), so `No module named x` is read as missing code. */
  readonly projectModules?: readonly string[];
  /** The workspace root as a path, so absolute paths in messages can be read as workspace-relative ones. */
  readonly root?: string;
}

const MISSING_MODULE = /Cannot find module ['"]([^'"]+)['"]|Failed to (?:load|resolve import) ['"]([^'"]+)['"]|No module named ['"]?([\w.]+)['"]?/;

const JS_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.tsx', '.jsx', '/index.js', '/index.ts'];

export function loadFailure(message: string, context: LoadFailureContext): LoadFailure {
  const missing = MISSING_MODULE.exec(message);
  if (missing) return missingModule(missing[1] ?? missing[2], missing[3], context);
  if (failureCause(message, context.projectModules) !== 'broken-test') return 'fixable';
  return syntaxErrorInCode(message, context) ? 'fixable' : 'cannot-load';
}

/**
 * A relative module that is missing is the implementation (CodeBot creates it) unless it is a test
 * file or lies among the tests; a package is the test's own need. A Python module the project has,
 * or that the test file is named after (`word_count_test.py` importing `word_count`), is code.
 */
function missingModule(jsSpecifier: string | undefined, pythonModule: string | undefined, context: LoadFailureContext): LoadFailure {
  if (jsSpecifier !== undefined) {
    if (!jsSpecifier.startsWith('.') && !jsSpecifier.startsWith('/')) return 'cannot-load';
    const resolved = posix.normalize(posix.join(posix.dirname(context.testFile), jsSpecifier));
    if (resolved.startsWith('..')) return 'cannot-load';
    return JS_EXTENSIONS.some((extension) => context.isTestPath(`${resolved}${extension}`)) ? 'cannot-load' : 'fixable';
  }
  const top = (pythonModule ?? '').split('.')[0] ?? '';
  if (top === '') return 'cannot-load';
  if ((context.projectModules ?? []).includes(top)) return 'fixable';
  const testName = posix.basename(context.testFile).replace(/\.py$/, '');
  return testName === `test_${top}` || testName === `${top}_test` ? 'fixable' : 'cannot-load';
}

/**
 * A syntax error is the code's to fix when the file it is in is code, not a test. Where it is: the
 * path after "SyntaxError:" (Babel, as jest reports it), the last `File "...", line n` before it
 * (Python), or the last line `path:line` before it (Node). Nowhere said: the test is taken to be at fault.
 */
function syntaxErrorInCode(message: string, context: LoadFailureContext): boolean {
  const at = syntaxErrorFile(message);
  if (at === undefined) return false;
  const path = workspaceRelative(at, context.root);
  if (path === context.testFile || path.endsWith(`/${context.testFile}`)) return false;
  return !context.isTestPath(path);
}

function syntaxErrorFile(message: string): string | undefined {
  const babel = /SyntaxError: ((?:[A-Za-z]:)?[^\s:]+\.[\w]+): /.exec(message);
  if (babel) return babel[1];
  const error = message.search(/\b(?:SyntaxError|IndentationError|TabError)\b/);
  if (error < 0) return undefined;
  const python = [...message.slice(0, error).matchAll(/File "([^"]+)", line \d+/g)].at(-1);
  if (python) return python[1];
  return [...message.slice(0, error).matchAll(/^\s*((?:[A-Za-z]:)?[^\s:()]+\.\w+):\d+\s*$/gm)].at(-1)?.[1];
}

function workspaceRelative(path: string, root: string | undefined): string {
  const slashed = path.replace(/\\/g, '/');
  if (root === undefined) return slashed.replace(/^\/+/, '');
  const base = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return slashed.startsWith(base) ? slashed.slice(base.length) : slashed.replace(/^\/+/, '');
}
