// Where a failure happened: the first stack frame in the workspace's own code, not in a framework,
// node_modules or Node's internals.
import type { TestCaseResult } from '../../shared/testResults';
import type { WorkspacePaths } from './workspacePaths';

export type FailureLocation = NonNullable<TestCaseResult['failureLocation']>;

// `at fn (/abs/file.js:3:5)`, `at /abs/file.js:3:5`, `at fn (file:///abs/file.mjs:3:5)`
const FRAME = /^\s*at (?:.*?\((.+):(\d+):(\d+)\)|(.+):(\d+):(\d+))\s*$/;

export function failureLocationFromStack(stack: string | undefined, paths: WorkspacePaths): FailureLocation | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const [file, row, column] = match[1] !== undefined ? [match[1], match[2], match[3]] : [match[4], match[5], match[6]];
    const location = workspaceLocation(file, Number(row), Number(column), paths);
    if (location) return location;
  }
  return undefined;
}

/** A location when `file` is the workspace's own code; undefined for frameworks and Node's internals. */
export function workspaceLocation(file: string, line: number, column: number | undefined, paths: WorkspacePaths): FailureLocation | undefined {
  if (file.startsWith('node:') || !(file.startsWith('/') || file.startsWith('file://') || /^[A-Za-z]:[\\/]/.test(file))) return undefined;
  const relative = paths.relative(file);
  if (relative === undefined || relative.split('/').includes('node_modules') || !Number.isInteger(line) || line < 1) return undefined;
  return column !== undefined && Number.isInteger(column) && column > 0 ? { file: relative, line, column } : { file: relative, line };
}
