// Imperium's node:test reporter, written to a file and loaded by `node --test --test-reporter=<file>`.
// It runs in the test runner's process, so it is plain JavaScript and imports only Node's modules.
// Records: see reporterRecords.ts.
import { DECLARED_AT } from './nodeTestDiscoverySource';
import { reporterPreamble, type RecordDestination } from './reporterRecords';

// Node loads the reporter in its main process before it starts a process per test file, so the
// reporter's file (and its seal) is gone before any test code runs.
export const nodeTestReporterSource = (destination: RecordDestination): string => String.raw`
import { appendFileSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
${reporterPreamble(destination, 'fileURLToPath(import.meta.url)')}

// A test listed through the listing hook (nodeTestDiscoverySource.ts) is skipped with its place as
// the reason: Node would report the place of the hook's call.
const DECLARED_AT = '${DECLARED_AT}';
function declaredPlace(data) {
  if (typeof data.skip !== 'string' || !data.skip.startsWith(DECLARED_AT)) return { file: data.file, line: data.line };
  const place = JSON.parse(data.skip.slice(DECLARED_AT.length));
  return { file: place.file ?? data.file, line: place.line };
}

function failure(error) {
  if (!error) return { message: 'The test failed.' };
  // node:test wraps what a test threw in an ERR_TEST_FAILURE whose cause is the thrown value.
  const cause = error.cause;
  if (typeof cause === 'string') return { message: cause };
  const thrown = cause instanceof Error ? cause : error;
  const result = { message: String(thrown.message ?? thrown), stack: typeof thrown.stack === 'string' ? thrown.stack : undefined };
  if ('expected' in thrown && 'actual' in thrown) {
    result.expected = inspect(thrown.expected, { depth: 6 });
    result.actual = inspect(thrown.actual, { depth: 6 });
  }
  return result;
}

export default async function* imperiumReporter(source) {
  // The names of the tests being reported, by nesting level: a test's suite path.
  const titles = [];
  const stderr = new Map();
  for await (const { type, data } of source) {
    if (type === 'test:start') {
      titles.length = data.nesting;
      titles.push(data.name);
    } else if (type === 'test:stderr' && data.file) {
      stderr.set(data.file, (stderr.get(data.file) ?? '') + data.message);
    } else if (type === 'test:pass' || type === 'test:fail') {
      if (data.details?.type === 'suite') continue;
      const failed = type === 'test:fail';
      // A test file runs in a process of its own and is reported as a test named after the file;
      // it fails on its own only when the file could not run (a syntax error, a failed import).
      if (data.file && data.nesting === 0 && resolve(data.name) === data.file) {
        if (failed) write({ type: 'file-error', file: data.file, message: (stderr.get(data.file) || failure(data.details?.error).message).trim() });
        continue;
      }
      const skipped = (data.skip !== undefined && data.skip !== false) || (data.todo !== undefined && data.todo !== false);
      const place = declaredPlace(data);
      write({
        type: 'test',
        file: place.file,
        suite: titles.slice(0, data.nesting),
        name: data.name,
        line: place.line,
        status: skipped ? 'skipped' : failed ? 'failed' : 'passed',
        durationMs: data.details?.duration_ms,
        error: failed && !skipped ? failure(data.details?.error) : undefined,
      });
    }
  }
  write({ type: 'end' });
}
`;
